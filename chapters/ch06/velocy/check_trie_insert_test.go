package velocy

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// trieInsertPattern parses pattern, inserts its segments below root and
// returns the node where it ends.
func trieInsertPattern(t *testing.T, root *node, pattern string) *node {
	t.Helper()
	segs, err := parsePattern("GET", pattern)
	if err != nil {
		t.Fatalf("parsePattern(%q): %v", pattern, err)
	}
	return root.insert(segs)
}

// trieLabels lists the labels of n's children, in order.
func trieLabels(n *node) []string {
	labels := []string{}
	for _, c := range n.children {
		labels = append(labels, c.label)
	}
	return labels
}

func TestTrieInsertSharesPrefixes(t *testing.T) {
	var root node
	newNode := trieInsertPattern(t, &root, "/users/new")
	if newNode == nil {
		t.Fatal("insert(/users/new) = nil, want the node for \"new\", two levels below the root")
	}
	if newNode.label != "new" {
		t.Errorf("insert(/users/new) returned the node labelled %q, want \"new\"", newNode.label)
	}
	if got := trieLabels(&root); !slices.Equal(got, []string{"users"}) {
		t.Fatalf("after insert(/users/new), the root's children are %q, want [\"users\"]", got)
	}
	users := root.children[0]
	if got := trieLabels(users); !slices.Equal(got, []string{"new"}) || users.children[0] != newNode {
		t.Fatalf("after insert(/users/new), \"users\" has children %q, want [\"new\"], the node insert returned", got)
	}

	if got := trieInsertPattern(t, &root, "/users"); got != users {
		t.Errorf("insert(/users) after insert(/users/new) did not return the existing \"users\" node: the two patterns share their first segment, so they share its node")
	}
	if got := trieInsertPattern(t, &root, "/users/new"); got != newNode {
		t.Errorf("insert(/users/new) a second time made a new node: insert must reuse the nodes that exist")
	}
	if got := trieLabels(&root); len(got) != 1 {
		t.Errorf("after inserting /users/new twice and /users, the root's children are %q, want [\"users\"]", got)
	}
}

func TestTrieInsertSortsChildren(t *testing.T) {
	var root node
	for _, p := range []string{"/users", "/files/docs", "/api", "/users/new", "/users/edit", "/zoo", "/users/"} {
		if trieInsertPattern(t, &root, p) == nil {
			t.Fatalf("insert(%s) = nil, want the node where the pattern ends", p)
		}
	}
	slash := trieInsertPattern(t, &root, "/")
	if got, want := trieLabels(&root), []string{"", "api", "files", "users", "zoo"}; !slices.Equal(got, want) {
		t.Fatalf("the root's children are %q, want %q: sorted by label, and \"/\" is the empty segment", got, want)
	}
	if slash != root.children[0] {
		t.Errorf("insert(/) did not return the root's child labelled \"\"")
	}
	users := root.children[3]
	if got, want := trieLabels(users), []string{"", "edit", "new"}; !slices.Equal(got, want) {
		t.Errorf("\"users\" has children %q, want %q: the trailing slash of /users/ is a child labelled \"\"", got, want)
	}
}

// trieInsertRandomPattern returns a random static pattern of 1 to 4
// segments drawn from a few labels, so that patterns share prefixes.
func trieInsertRandomPattern() (string, []string) {
	segs := make([]string, 1+rand.IntN(4))
	for i := range segs {
		segs[i] = []string{"a", "b", "users", "new", "x1", "Z", ""}[rand.IntN(7)]
	}
	for i := 0; i < len(segs)-1; i++ {
		if segs[i] == "" {
			segs[i] = "e" // only the last segment may be empty
		}
	}
	return "/" + strings.Join(segs, "/"), segs
}

func TestTrieInsertRandom(t *testing.T) {
	var root node
	leaves := map[string]*node{}
	for range 60 {
		p, segs := trieInsertRandomPattern()
		leaf := trieInsertPattern(t, &root, p)
		if leaf == nil {
			t.Fatalf("insert(%s) = nil, want the node where the pattern ends", p)
		}
		if old, ok := leaves[p]; ok && old != leaf {
			t.Fatalf("insert(%s) a second time returned another node: insert must reuse the nodes that exist", p)
		}
		leaves[p] = leaf
		// Walking down by label from the root must reach the node insert returned.
		n := &root
		for _, seg := range segs {
			var next *node
			for _, c := range n.children {
				if c.label == seg {
					next = c
				}
			}
			if next == nil {
				t.Fatalf("after insert(%s), no child labelled %q on the way: %q has children %q", p, seg, n.label, trieLabels(n))
			}
			n = next
		}
		if n != leaf {
			t.Fatalf("insert(%s) returned a node that is not the one its segments lead to", p)
		}
	}
	// Every node's children are sorted, each label once.
	var walk func(n *node)
	walk = func(n *node) {
		labels := trieLabels(n)
		if !slices.IsSorted(labels) || len(slices.Compact(slices.Clone(labels))) != len(labels) {
			t.Fatalf("the children of %q are %q, want each label once, sorted", n.label, labels)
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(&root)
}
