package db

import (
	"math/rand/v2"
	"strings"
)

// entry is one item of a secondary index: the key of a document's value
// and the document's id. Entries are ordered by key, then by id, so that
// ids sharing a value are kept in id order.
type entry struct {
	key string
	id  string
}

func (a entry) compare(b entry) int {
	if c := strings.Compare(a.key, b.key); c != 0 {
		return c
	}
	return strings.Compare(a.id, b.id)
}

// interval is a range of keys; a bound that is not set is open.
type interval struct {
	lo, hi         string
	hasLo, hasHi   bool
	loIncl, hiIncl bool
}

// under reports whether k lies below the interval.
func (r interval) under(k string) bool {
	return r.hasLo && (k < r.lo || k == r.lo && !r.loIncl)
}

// over reports whether k lies above the interval.
func (r interval) over(k string) bool {
	return r.hasHi && (k > r.hi || k == r.hi && !r.hiIncl)
}

func (r interval) contains(k string) bool { return !r.under(k) && !r.over(k) }

func (r interval) empty() bool {
	return r.hasLo && r.hasHi && (r.lo > r.hi || r.lo == r.hi && !(r.loIncl && r.hiIncl))
}

// tree is an ordered set of entries: a treap, a binary search tree in
// which every node also has a random priority, never lower than its
// children's. The random priorities keep the tree balanced in expectation
// whatever the order of inserts, so that insert, delete and count take
// O(log n) steps. Each node knows the size of its subtree, which is what
// makes counting the entries in a range cheap (the planner's estimate).
type tree struct {
	root *node
}

type node struct {
	e           entry
	pri         uint32
	size        int
	left, right *node
}

func (n *node) sz() int {
	if n == nil {
		return 0
	}
	return n.size
}

func (n *node) fix() { n.size = 1 + n.left.sz() + n.right.sz() }

// Len returns the number of entries.
func (t *tree) Len() int { return t.root.sz() }

// insert adds e; an entry equal to e already there is left as it is.
func (t *tree) insert(e entry) {
	for n := t.root; n != nil; { // a split below needs e to be absent
		c := e.compare(n.e)
		if c == 0 {
			return
		}
		if c < 0 {
			n = n.left
		} else {
			n = n.right
		}
	}
	t.root = insertNode(t.root, &node{e: e, pri: rand.Uint32(), size: 1})
}

func insertNode(t, n *node) *node {
	if t == nil {
		return n
	}
	if n.pri > t.pri { // n goes here: split t around it
		n.left, n.right = split(t, n.e)
		n.fix()
		return n
	}
	if n.e.compare(t.e) < 0 {
		t.left = insertNode(t.left, n)
	} else {
		t.right = insertNode(t.right, n)
	}
	t.fix()
	return t
}

// split divides t into the entries below e and those above it (t holds
// no entry equal to e).
func split(t *node, e entry) (lo, hi *node) {
	if t == nil {
		return nil, nil
	}
	if t.e.compare(e) < 0 {
		t.right, hi = split(t.right, e)
		t.fix()
		return t, hi
	}
	lo, t.left = split(t.left, e)
	t.fix()
	return lo, t
}

// delete removes e, if present.
func (t *tree) delete(e entry) { t.root = deleteNode(t.root, e) }

func deleteNode(t *node, e entry) *node {
	if t == nil {
		return nil
	}
	c := e.compare(t.e)
	if c == 0 {
		return merge(t.left, t.right)
	}
	if c < 0 {
		t.left = deleteNode(t.left, e)
	} else {
		t.right = deleteNode(t.right, e)
	}
	t.fix()
	return t
}

// merge joins two treaps, every entry of lo below every entry of hi.
func merge(lo, hi *node) *node {
	if lo == nil {
		return hi
	}
	if hi == nil {
		return lo
	}
	if lo.pri > hi.pri {
		lo.right = merge(lo.right, hi)
		lo.fix()
		return lo
	}
	hi.left = merge(lo, hi.left)
	hi.fix()
	return hi
}

// buildSorted returns a treap of es, sorted and distinct, in O(n): each
// new entry, the largest so far, goes on the right spine, above the nodes
// of lower priority, which become its left subtree.
func buildSorted(es []entry) *node {
	var spine []*node // the right spine, root first
	for _, e := range es {
		n := &node{e: e, pri: rand.Uint32(), size: 1}
		var below *node
		for len(spine) > 0 && spine[len(spine)-1].pri < n.pri {
			below = spine[len(spine)-1]
			spine = spine[:len(spine)-1]
		}
		n.left = below
		if len(spine) > 0 {
			spine[len(spine)-1].right = n
		}
		spine = append(spine, n)
	}
	if len(spine) == 0 {
		return nil
	}
	fixSizes(spine[0])
	return spine[0]
}

// fixSizes sets the size of every node below n, children first.
func fixSizes(n *node) {
	if n == nil {
		return
	}
	fixSizes(n.left)
	fixSizes(n.right)
	n.fix()
}

// below counts the entries whose key is less than k, or at most k if
// orEqual.
func (t *tree) below(k string, orEqual bool) int {
	n := 0
	for cur := t.root; cur != nil; {
		c := strings.Compare(cur.e.key, k)
		if c < 0 || c == 0 && orEqual {
			n += cur.left.sz() + 1
			cur = cur.right
		} else {
			cur = cur.left
		}
	}
	return n
}

// count returns the number of entries whose key is in r, in O(log n).
func (t *tree) count(r interval) int {
	if r.empty() {
		return 0
	}
	n := t.Len()
	if r.hasHi {
		n = t.below(r.hi, r.hiIncl)
	}
	if r.hasLo {
		n -= t.below(r.lo, !r.loIncl)
	}
	return max(n, 0)
}

// scan calls fn for every entry whose key is in r, in ascending order, or
// descending if desc, until fn returns false. It reports whether it ran to
// the end.
func (t *tree) scan(r interval, desc bool, fn func(entry) bool) bool {
	if r.empty() {
		return true
	}
	return scanNode(t.root, r, desc, fn)
}

func scanNode(n *node, r interval, desc bool, fn func(entry) bool) bool {
	if n == nil {
		return true
	}
	aboveLo, belowHi := !r.under(n.e.key), !r.over(n.e.key)
	first, second := n.left, n.right
	firstOK, secondOK := aboveLo, belowHi // may the left (right) side hold keys in r?
	if desc {
		first, second = second, first
		firstOK, secondOK = secondOK, firstOK
	}
	if firstOK && !scanNode(first, r, desc, fn) {
		return false
	}
	if aboveLo && belowHi && !fn(n.e) {
		return false
	}
	return !secondOK || scanNode(second, r, desc, fn)
}
