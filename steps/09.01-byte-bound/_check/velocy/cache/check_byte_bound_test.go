package cache

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// byteBoundShard returns a shard bounded to max bytes, counting
// len(key)+len(value).
func byteBoundShard(max int64) *shard[string, string] {
	s := newShard[string, string](0)
	s.limitBytes(max, func(k, v string) int64 { return int64(len(k) + len(v)) })
	return s
}

func TestByteBoundEvictsByBytes(t *testing.T) {
	s := byteBoundShard(100)
	s.set("a", strings.Repeat("x", 39), 0) // 40 bytes
	s.set("b", strings.Repeat("x", 39), 0) // 80
	s.get("a")
	s.set("c", strings.Repeat("x", 29), 0) // 110 > 100: b, the least recently used, goes
	if got := s.usedBytes(); got != 70 {
		t.Fatalf("usedBytes() = %d after a(40), b(40), c(30) with a bound of 100; want 70 (b evicted)", got)
	}
	if _, ok := s.get("b"); ok {
		t.Error("b is still there: over the byte bound, evict from the tail until it fits")
	}
	s.set("c", strings.Repeat("x", 9), 0) // 30 -> 10
	if got := s.usedBytes(); got != 50 {
		t.Errorf("usedBytes() = %d after c shrank from 30 to 10 bytes; want 50", got)
	}
}

func TestByteBoundTooBig(t *testing.T) {
	s := byteBoundShard(50)
	s.set("a", "small", 0)
	s.set("k", "old", 0)
	s.set("k", strings.Repeat("x", 50+rand.IntN(50)), 0)
	if _, ok := s.get("k"); ok {
		t.Error("a value larger than the whole bound was stored")
	}
	if _, ok := s.get("a"); !ok {
		t.Error("storing a value larger than the bound evicted a: do not store it at all")
	}
	if got := s.usedBytes(); got != 6 {
		t.Errorf("usedBytes() = %d, want 6: the old k (stale now) goes too", got)
	}
}

func TestByteBoundRandomAgainstModel(t *testing.T) {
	for round := range 20 {
		max := int64(20 + rand.IntN(60))
		s := byteBoundShard(max)
		var order []string // most recent first
		vals := map[string]string{}
		used := func() (n int64) {
			for k, v := range vals {
				n += int64(len(k) + len(v))
			}
			return n
		}
		for range 60 {
			k := string(rune('a' + rand.IntN(8)))
			v := strings.Repeat("v", rand.IntN(30))
			s.set(k, v, 0)
			order = slices.DeleteFunc(order, func(o string) bool { return o == k })
			delete(vals, k)
			if int64(len(k)+len(v)) <= max {
				order = slices.Insert(order, 0, k)
				vals[k] = v
				for used() > max {
					delete(vals, order[len(order)-1])
					order = order[:len(order)-1]
				}
			}
			if got, want := s.usedBytes(), used(); got != want {
				t.Fatalf("round %d, bound %d: usedBytes() = %d, want %d (entries %v)", round, max, got, want, order)
			}
			if got := s.len(); got != len(order) {
				t.Fatalf("round %d, bound %d: len() = %d, want %d (entries %v)", round, max, got, len(order), order)
			}
		}
	}
}
