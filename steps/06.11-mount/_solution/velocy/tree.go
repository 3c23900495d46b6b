package velocy

import (
	"slices"
	"strings"
)

// The routes live in a trie (a prefix tree) with one level per path segment.
// Each node stands for the segments on the way to it and has up to three
// kinds of children: static children, one per literal segment text; one
// param child, for {name} wildcards of any name; and one catch-all child, for
// {name...}. A node where a pattern ends holds that pattern's routes, one per
// method. For example, these routes:
//
//	GET /users/new
//	GET /users/{id}
//	GET /users/{id}/profile
//	GET /files/{path...}
//
// make this tree:
//
//	(root)
//	├── files
//	│   └── {...}        GET /files/{path...}
//	└── users
//	    ├── new          GET /users/new
//	    └── {}           GET /users/{id}
//	        └── profile  GET /users/{id}/profile
//
// To find the route for a path, the search starts at the root and, for each
// segment, tries the static child with that text first, then the param
// child, then the catch-all child. If a choice leads to a dead end further
// down, the search backs up and tries the next one. For GET /users/new/profile
// it first takes users → new, finds no "profile" below "new", backs up, takes
// the param child for "new" and then "profile": the route is
// /users/{id}/profile with id = "new". Static beats param beats catch-all at
// every segment, and a path that any route can match is found.
//
// The param child has no name: /u/{id} and /u/{userID}/posts share it. The
// names belong to the routes (see route.params), so each route reads its own
// values out of the path once it has been found.

// node is one level of the trie.
type node struct {
	label    string   // the decoded literal a static child matches; "" is a trailing slash
	children []*node  // static children, sorted by label
	indices  string   // the first byte of each child's label (0 for ""), in the same order
	param    *node    // the {name} child, or nil
	catchAll *node    // the {name...} child, or nil
	routes   []*route // routes whose pattern ends here, at most one per method
	scope    *scope   // the scope of a group whose prefix ends here, or nil
}

// insert walks down from n along segs, adding the nodes that are missing,
// and returns the node where the pattern ends.
func (n *node) insert(segs []segment) *node {
	for _, s := range segs {
		switch s.kind {
		case segStatic:
			n = n.addChild(s.text)
		case segParam:
			if n.param == nil {
				n.param = &node{}
			}
			n = n.param
		case segCatchAll:
			if n.catchAll == nil {
				n.catchAll = &node{}
			}
			n = n.catchAll
		}
	}
	return n
}

// addChild returns the static child with the given label, adding it first if
// there is none. Children stay sorted by label: insert finds a label by
// binary search, and the tree prints the same way every time.
func (n *node) addChild(label string) *node {
	i, found := slices.BinarySearchFunc(n.children, label, compareLabel)
	if !found {
		n.children = slices.Insert(n.children, i, &node{label: label})
		n.indices = n.indices[:i] + string(firstByte(label)) + n.indices[i:]
	}
	return n.children[i]
}

// compareLabel orders children by label, for slices.BinarySearchFunc.
func compareLabel(c *node, label string) int {
	return strings.Compare(c.label, label)
}

// firstByte returns the first byte of s, or 0 when s is empty. Patterns
// cannot contain a 0 byte, so it stands for the empty label.
func firstByte(s string) byte {
	if s == "" {
		return 0
	}
	return s[0]
}

// search holds what a lookup needs besides the path. It lives on the
// caller's stack and is passed down by pointer, so a lookup allocates nothing.
type search struct {
	method string
	raw    bool // the path is escaped (URL.RawPath): decode segments to compare them
	found  bool // some route matched the whole path, whatever its method

	// collect makes the search visit every node that matches the path and
	// gather their methods in allow, for the Allow header of a 405.
	collect bool
	allow   []string
}

// find returns the route for path below n, or nil. path is the rest of the
// request path, after the '/' that leads to n's children.
func (n *node) find(path string, s *search) *route {
	// Cut off the first segment. strings.Cut would do, but segments are
	// short, and for a few bytes a plain loop beats the call.
	seg, rest, more := path, "", false
	for i := 0; i < len(path); i++ {
		if path[i] == '/' {
			seg, rest, more = path[:i], path[i+1:], true
			break
		}
	}
	if c := n.child(seg, s.raw); c != nil {
		if rt := c.next(rest, more, s); rt != nil {
			return rt
		}
	}
	if n.param != nil && seg != "" && safeSegment(seg, s.raw) {
		if rt := n.param.next(rest, more, s); rt != nil {
			return rt
		}
	}
	if n.catchAll != nil && safeValue(path, s.raw) {
		return n.catchAll.end(s) // takes seg and all that follows, even nothing
	}
	return nil
}

// next continues the search below n when the path has more segments, and
// ends it at n when it has none.
func (n *node) next(rest string, more bool, s *search) *route {
	if more {
		return n.find(rest, s)
	}
	return n.end(s)
}

// end is reached when the whole path has been matched down to n. It returns
// n's route for the method, or nil to make the search back up and try the
// other branches.
func (n *node) end(s *search) *route {
	if len(n.routes) == 0 {
		return nil
	}
	s.found = true
	if s.collect {
		for _, rt := range n.routes {
			s.allow = append(s.allow, rt.method)
		}
		return nil
	}
	return n.route(s.method)
}

// route returns n's route for method. A HEAD request falls back to the GET
// route, and a mounted handler (method "") takes every method.
func (n *node) route(method string) *route {
	for _, rt := range n.routes {
		if rt.method == method || rt.method == "" {
			return rt
		}
	}
	if method == "HEAD" {
		return n.route("GET")
	}
	return nil
}

// child returns the static child whose label is seg, or nil.
//
// Most nodes have a handful of children, so a scan is faster than a map,
// which would have to hash seg first. The scan runs over indices, a string of
// first bytes, and compares whole labels only where the first byte matches:
// for "/repos/{owner}/{repo}/..." with 30 children, that is 30 byte
// comparisons and one or two string comparisons.
func (n *node) child(seg string, raw bool) *node {
	if raw && strings.Contains(seg, "%") {
		for _, c := range n.children { // the rare, slow way: decode while comparing
			if equalDecoded(seg, c.label) {
				return c
			}
		}
		return nil
	}
	first := firstByte(seg)
	for i := 0; i < len(n.indices); i++ {
		if n.indices[i] != first {
			continue
		}
		if c := n.children[i]; c.label == seg {
			return c
		}
	}
	return nil
}

// print writes the tree below n, one node per line, indented by depth, with
// the routes that end at each node. Tests and lessons use it to show the
// shape of the tree.
func (n *node) print(b *strings.Builder, depth int) {
	for _, rt := range n.routes {
		b.WriteString(strings.Repeat("  ", depth))
		b.WriteString("=> ")
		b.WriteString(rt.String())
		b.WriteByte('\n')
	}
	line := func(label string, c *node) {
		b.WriteString(strings.Repeat("  ", depth))
		b.WriteString(label)
		b.WriteByte('\n')
		c.print(b, depth+1)
	}
	for _, c := range n.children {
		line("/"+c.label, c)
	}
	if n.param != nil {
		line("/{}", n.param)
	}
	if n.catchAll != nil {
		line("/{...}", n.catchAll)
	}
}
