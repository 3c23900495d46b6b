package db

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestTreeModel checks the treap against a sorted slice: inserts,
// deletes, counts and scans in both directions over random intervals.
func TestTreeModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	var tr tree
	var want []entry
	keys := func() string { return numberKey(float64(rng.IntN(40))) }
	for step := range 4000 {
		e := entry{keys(), fmt.Sprint(rng.IntN(5))}
		i, found := slices.BinarySearchFunc(want, e, entry.compare)
		if rng.IntN(3) == 0 {
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
			t.Fatalf("step %d: Len = %d, want %d", step, tr.Len(), len(want))
		}
		if step%50 != 0 {
			continue
		}
		r := interval{lo: keys(), hi: keys(), hasLo: rng.IntN(4) > 0, hasHi: rng.IntN(4) > 0, loIncl: rng.IntN(2) == 0, hiIncl: rng.IntN(2) == 0}
		var in []entry
		for _, e := range want {
			if r.contains(e.key) {
				in = append(in, e)
			}
		}
		if got := tr.count(r); got != len(in) {
			t.Fatalf("step %d: count(%+v) = %d, want %d", step, r, got, len(in))
		}
		var asc, desc []entry
		tr.scan(r, false, func(e entry) bool { asc = append(asc, e); return true })
		tr.scan(r, true, func(e entry) bool { desc = append(desc, e); return true })
		slices.Reverse(desc)
		if !slices.Equal(asc, in) || !slices.Equal(desc, in) {
			t.Fatalf("step %d: scan(%+v) = %v / reversed %v, want %v", step, r, asc, desc, in)
		}
	}
}

func TestNumberKeyOrder(t *testing.T) {
	nums := []float64{-1e300, -2.5, -1, -0.5, 0, 1e-300, 0.5, 1, 2, 1e300}
	for i := 1; i < len(nums); i++ {
		if a, b := numberKey(nums[i-1]), numberKey(nums[i]); a >= b {
			t.Errorf("numberKey(%g) >= numberKey(%g)", nums[i-1], nums[i])
		}
		if got := decodeKey(numberKey(nums[i])); got != nums[i] {
			t.Errorf("decodeKey(numberKey(%g)) = %v", nums[i], got)
		}
	}
	order := []any{nil, false, true, -1.0, 5.0, "", "a"}
	for i := 1; i < len(order); i++ {
		a, _ := encodeKey(order[i-1])
		b, _ := encodeKey(order[i])
		if a >= b {
			t.Errorf("key of %v >= key of %v", order[i-1], order[i])
		}
	}
}

// TestBuildSorted checks the O(n) build: the same entries, sizes right,
// parents' priorities above their children's, and a tree that inserts
// and deletes go on working with.
func TestBuildSorted(t *testing.T) {
	for _, n := range []int{0, 1, 2, 100, 5000} {
		var es []entry
		for i := range n {
			es = append(es, entry{numberKey(float64(i / 3)), fmt.Sprint(i % 3)})
		}
		tr := tree{root: buildSorted(es)}
		var got []entry
		tr.scan(interval{}, false, func(e entry) bool { got = append(got, e); return true })
		if !slices.Equal(got, es) || tr.Len() != n {
			t.Fatalf("n=%d: built tree holds %d entries (Len %d), want the %d given in order", n, len(got), tr.Len(), n)
		}
		var check func(*node) int
		check = func(x *node) int {
			if x == nil {
				return 0
			}
			for _, c := range []*node{x.left, x.right} {
				if c != nil && c.pri > x.pri {
					t.Fatalf("n=%d: a child's priority is above its parent's", n)
				}
			}
			size := 1 + check(x.left) + check(x.right)
			if x.size != size {
				t.Fatalf("n=%d: a node's size is %d, its subtree holds %d", n, x.size, size)
			}
			return size
		}
		check(tr.root)
		if n > 0 {
			tr.delete(es[n/2])
			tr.insert(entry{numberKey(-1), "x"})
			if tr.Len() != n || tr.count(interval{hi: numberKey(0), hasHi: true}) != 1 {
				t.Fatalf("n=%d: after a delete and an insert, Len %d and %d below 0", n, tr.Len(), tr.count(interval{hi: numberKey(0), hasHi: true}))
			}
		}
	}
}
