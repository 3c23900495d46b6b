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
}

// find returns the route for path below n, or nil. path is the rest of the
// request path, after the '/' that leads to n's children: "users/new" for
// the request path "/users/new" searched from the root.
func (n *node) find(path string, s *search) *route {
	// TODO(06.05-trie-find): cut the first segment off path, follow the child
	// with that label, and go on with the rest; when no segment is left, the
	// route is the one at the node for s.method.
	return nil
}

// print writes the tree below n, one node per line, indented by depth, with
// the routes that end at each node. Tests and lessons use it to show the
// shape of the tree.
func (n *node) print(b *strings.Builder, depth int) {
	// TODO(06.05-trie-print): one line per route ("=> GET \"/users\""), then
	// one line per child ("/users"), its own lines indented one level more.
}
