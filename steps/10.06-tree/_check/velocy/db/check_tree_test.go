package db

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestTreeAgainstSortedSlice(t *testing.T) {
	var tr tree
	var want []entry
	key := func() string { return numberKey(float64(rand.IntN(30))) }
	for step := range 3000 {
		e := entry{key(), fmt.Sprint("id", rand.IntN(4))}
		i, found := slices.BinarySearchFunc(want, e, entry.compare)
		if rand.IntN(3) == 0 {
			tr.delete(e)
			if found {
				want = slices.Delete(want, i, i+1)
			}
		} else {
			tr.insert(e)
			if !found {
				want = slices.Insert(want, i, e)
			}
		}
		if tr.Len() != len(want) {
			t.Fatalf("after %d inserts and deletes: Len() = %d, want %d (an entry already there is not inserted twice; fix() the sizes on the way up)", step+1, tr.Len(), len(want))
		}
		if step%25 != 0 {
			continue
		}
		r := interval{lo: key(), hi: key(), hasLo: rand.IntN(4) > 0, hasHi: rand.IntN(4) > 0,
			loIncl: rand.IntN(2) == 0, hiIncl: rand.IntN(2) == 0}
		var in []entry
		for _, e := range want {
			if r.contains(e.key) {
				in = append(in, e)
			}
		}
		if got := tr.count(r); got != len(in) {
			t.Fatalf("count(%s) = %d, want %d", treeCheckInterval(r), got, len(in))
		}
		var asc, desc []entry
		tr.scan(r, false, func(e entry) bool { asc = append(asc, e); return true })
		tr.scan(r, true, func(e entry) bool { desc = append(desc, e); return true })
		if !slices.Equal(asc, in) {
			t.Fatalf("scan(%s) ascending visits %d entries %v, want %v", treeCheckInterval(r), len(asc), asc, in)
		}
		slices.Reverse(desc)
		if !slices.Equal(desc, in) {
			t.Fatalf("scan(%s) descending does not visit the same entries in reverse order", treeCheckInterval(r))
		}
		if len(in) > 1 {
			n := 0
			tr.scan(r, false, func(entry) bool { n++; return false })
			if n != 1 {
				t.Fatalf("scan must stop when fn returns false: fn was called %d times", n)
			}
		}
	}
}

func TestTreeStaysShallow(t *testing.T) {
	var tr tree
	const n = 1 << 14
	for i := range n { // sorted input: a plain search tree would be a list
		tr.insert(entry{numberKey(float64(i)), "x"})
	}
	if tr.Len() != n {
		t.Fatalf("after %d inserts of distinct entries, Len() = %d", n, tr.Len())
	}
	if d := treeCheckDepth(tr.root); d > 60 {
		t.Fatalf("after %d inserts in order the tree is %d levels deep, want under 60 (a perfectly balanced tree has 15 levels, a treap rarely more than three times that): give every node a random priority and keep parents' priorities above their children's", n, d)
	}
}

func treeCheckDepth(n *node) int {
	if n == nil {
		return 0
	}
	return 1 + max(treeCheckDepth(n.left), treeCheckDepth(n.right))
}

func treeCheckInterval(r interval) string {
	s := ""
	if r.hasLo {
		s = fmt.Sprintf("%v %v ", decodeKey(r.lo), map[bool]string{true: "<=", false: "<"}[r.loIncl])
	}
	s += "key "
	if r.hasHi {
		s += fmt.Sprintf("%v %v", map[bool]string{true: "<=", false: "<"}[r.hiIncl], decodeKey(r.hi))
	}
	return s
}
