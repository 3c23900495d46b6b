package velocy

import (
	"slices"
	"strings"
)

// The routes live in a trie (a prefix tree) with one level per path segment.
// Each node stands for the segments on the way to it and has one child per
// literal segment text that can follow. A node where a pattern ends holds
// that pattern's routes, one per method. For example, these routes:
//
//	GET  /users
//	GET  /users/new
//	POST /users/new
//	GET  /files/docs
//
// make this tree:
//
//	(root)
//	├── files
//	│   └── docs     GET /files/docs
//	└── users        GET /users
//	    └── new      GET /users/new, POST /users/new
//
// To find the route for a path, the search starts at the root and follows,
// for each segment of the path, the child with that text. It ends when the
// segments run out (the route is at that node, if the node has one) or when
// no child has the text (there is no route).

// node is one level of the trie.
type node struct {
	label    string   // the literal a static child matches; "" is a trailing slash
	children []*node  // static children, sorted by label
	routes   []*route // routes whose pattern ends here, at most one per method
}

// insert walks down from n along segs, adding the nodes that are missing,
// and returns the node where the pattern ends.
func (n *node) insert(segs []segment) *node {
	for _, s := range segs {
		n = n.addChild(s.text) // every segment is static, for now
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
	}
	return n.children[i]
}

// compareLabel orders children by label, for slices.BinarySearchFunc.
func compareLabel(c *node, label string) int {
	return strings.Compare(c.label, label)
}

// search holds what a lookup needs besides the path. It lives on the
// caller's stack and is passed down by pointer, so a lookup allocates nothing.
type search struct {
	method string
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
	if c := n.child(seg); c != nil {
		return c.next(rest, more, s)
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
// n's route for the method, or nil.
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
// route.
func (n *node) route(method string) *route {
	for _, rt := range n.routes {
		if rt.method == method {
			return rt
		}
	}
	if method == "HEAD" {
		return n.route("GET")
	}
	return nil
}

// child returns the static child whose label is seg, or nil. Most nodes
// have a handful of children, so a scan is faster than a map, which would
// have to hash seg first.
func (n *node) child(seg string) *node {
	for _, c := range n.children {
		if c.label == seg {
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
}
