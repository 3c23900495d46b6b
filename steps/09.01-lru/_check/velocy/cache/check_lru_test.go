package cache

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

func TestLRUSetGet(t *testing.T) {
	s := newShard[string, int](0)
	want := map[string]int{}
	for range 50 {
		k, v := strconv.Itoa(rand.IntN(20)), rand.Int()
		s.set(k, v, 0)
		want[k] = v
	}
	for k, v := range want {
		if got, ok := s.get(k); !ok || got != v {
			t.Fatalf("get(%q) = %d, %v after set(%q, %d); want %d, true", k, got, ok, k, v, v)
		}
	}
	if _, ok := s.get("missing"); ok {
		t.Error(`get("missing") = _, true for a key never set`)
	}
	if got := s.len(); got != len(want) {
		t.Errorf("len() = %d after setting %d distinct keys; want %d (a second set of a key replaces it)", got, len(want), len(want))
	}
}

func TestLRUEvictsLeastRecentlyUsedNotOldest(t *testing.T) {
	n := 3 + rand.IntN(5)
	s := newShard[int, int](n)
	for k := range n {
		s.set(k, k, 0)
	}
	s.get(0)
	s.set(n, n, 0) // one too many: the least recently used goes, which is 1
	if _, ok := s.get(0); !ok {
		t.Fatalf("with room for %d: set 0..%d, get(0), set(%d): 0 was evicted. "+
			"It was inserted first but used last; an LRU evicts the least recently used entry (1)", n, n-1, n)
	}
	if _, ok := s.get(1); ok {
		t.Fatalf("with room for %d: set 0..%d, get(0), set(%d): 1 is still there, but it was the least recently used", n, n-1, n)
	}
	if got := s.len(); got != n {
		t.Errorf("len() = %d, want %d: the shard holds at most maxEntries", got, n)
	}
}

// lruCheckModel is an obviously right LRU: a slice of keys, most recent
// first.
type lruCheckModel struct {
	max  int
	keys []int
	vals map[int]int
}

func (m *lruCheckModel) touch(k int) {
	m.keys = slices.DeleteFunc(m.keys, func(o int) bool { return o == k })
	m.keys = slices.Insert(m.keys, 0, k)
}

func TestLRURandomAgainstModel(t *testing.T) {
	for round := range 20 {
		n := 1 + rand.IntN(8)
		s := newShard[int, int](n)
		m := &lruCheckModel{max: n, vals: map[int]int{}}
		var ops []string
		for range 100 {
			k := rand.IntN(2*n + 1)
			switch rand.IntN(3) {
			case 0, 1:
				v := rand.IntN(1000)
				ops = append(ops, "set("+strconv.Itoa(k)+")")
				s.set(k, v, 0)
				m.vals[k] = v
				m.touch(k)
				if len(m.keys) > n {
					delete(m.vals, m.keys[n])
					m.keys = m.keys[:n]
				}
			default:
				ops = append(ops, "get("+strconv.Itoa(k)+")")
				got, ok := s.get(k)
				want, wantOK := m.vals[k]
				if wantOK {
					m.touch(k)
				}
				if got != want || ok != wantOK {
					t.Fatalf("round %d, room for %d, after %v:\nget(%d) = %d, %v; want %d, %v",
						round, n, ops[max(0, len(ops)-12):], k, got, ok, want, wantOK)
				}
			}
			if s.len() != len(m.keys) {
				t.Fatalf("round %d, room for %d, after %v: len() = %d, want %d", round, n, ops[max(0, len(ops)-12):], s.len(), len(m.keys))
			}
		}
	}
}

func TestLRUDelete(t *testing.T) {
	s := newShard[string, int](4)
	k := "k" + strconv.Itoa(rand.IntN(100))
	s.set(k, 1, 0)
	s.set("other", 2, 0)
	s.delete(k)
	s.delete("never-set")
	if _, ok := s.get(k); ok {
		t.Errorf("get(%q) after delete = _, true", k)
	}
	if got := s.len(); got != 1 {
		t.Errorf("len() after delete = %d, want 1", got)
	}
	for i := range 10 { // the list must still be sound after a delete
		s.set(strconv.Itoa(i), i, 0)
	}
	if got := s.len(); got != 4 {
		t.Errorf("len() = %d after 10 more sets with room for 4, want 4", got)
	}
}
