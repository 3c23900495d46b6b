package cache

import (
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
)

func TestShardsPowerOfTwo(t *testing.T) {
	for range 10 {
		asked := 1 + rand.IntN(100)
		want := 1
		for want < asked {
			want *= 2
		}
		c := New(Options[int, int]{MaxEntries: 1 << 20, Shards: asked})
		if got := len(c.shards); got != want {
			t.Fatalf("New with Shards: %d made %d shards; want %d, the next power of two", asked, got, want)
		}
		if c.mask != uint64(want-1) {
			t.Fatalf("Shards: %d: mask = %#x, want %#x", asked, c.mask, want-1)
		}
	}
	if got := len(New(Options[int, int]{MaxEntries: 4, Shards: 64}).shards); got > 4 {
		t.Errorf("MaxEntries 4, Shards 64: %d shards; want at most 4, so each holds at least one entry", got)
	}
}

func TestShardsSplitBounds(t *testing.T) {
	n := 1 << (1 + rand.IntN(4))
	per := 10 + rand.IntN(100)
	c := New(Options[string, string]{
		MaxEntries: n * per, MaxBytes: int64(n * per * 10), Shards: n,
		Size: func(k, v string) int64 { return int64(len(k) + len(v)) },
	})
	if len(c.shards) != n {
		t.Fatalf("Shards: %d made %d shards", n, len(c.shards))
	}
	for i, s := range c.shards {
		if s == nil {
			t.Fatalf("shard %d is nil", i)
		}
		if s.maxEntries != per || s.maxBytes != int64(per*10) {
			t.Fatalf("MaxEntries %d, MaxBytes %d over %d shards: shard %d holds %d entries, %d bytes; want %d, %d",
				n*per, n*per*10, n, i, s.maxEntries, s.maxBytes, per, per*10)
		}
	}
}

func TestShardsSpreadKeys(t *testing.T) {
	c := New(Options[string, int]{MaxEntries: 1 << 16, Shards: 16})
	if len(c.shards) != 16 {
		t.Fatalf("Shards: 16 made %d shards", len(c.shards))
	}
	base := rand.IntN(1 << 20)
	for i := range 4096 {
		c.Set("user:"+strconv.Itoa(base+i), i)
	}
	for i, s := range c.shards {
		if n := s.len(); n < 128 {
			t.Fatalf("shard %d holds %d of 4096 keys (256 expected): hash the key to pick its shard", i, n)
		}
	}
}

func TestShardsGetSetDelete(t *testing.T) {
	c := New(Options[string, int]{MaxEntries: 1 << 12, Shards: 8})
	want := map[string]int{}
	for range 500 {
		k := strconv.Itoa(rand.IntN(300))
		if rand.IntN(4) == 0 {
			c.Delete(k)
			delete(want, k)
			continue
		}
		v := rand.Int()
		c.Set(k, v)
		want[k] = v
	}
	for k, v := range want {
		if got, ok := c.Get(k); !ok || got != v {
			t.Fatalf("Get(%q) = %d, %v; want %d, true", k, got, ok, v)
		}
	}
	if got := c.Len(); got != len(want) {
		t.Errorf("Len() = %d, want %d", got, len(want))
	}
	if st := c.Stats(); st.Hits != uint64(len(want)) {
		t.Errorf("Stats().Hits = %d after %d hits", st.Hits, len(want))
	}
}

func TestShardsConcurrent(t *testing.T) {
	c := New(Options[int, int]{MaxEntries: 1 << 16, Shards: 4})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				c.Set(g*1000+i, i)
			}
		})
	}
	wg.Wait()
	if got := c.Len(); got != 4000 {
		t.Errorf("8 goroutines set 500 keys each: Len() = %d, want 4000", got)
	}
}

func TestShardsNewPanics(t *testing.T) {
	for name, opts := range map[string]Options[string, int]{
		"Options{}":             {},
		"MaxEntries: -1":        {MaxEntries: -1},
		"MaxBytes without Size": {MaxBytes: 100},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("New(%s) did not panic", name)
				}
			}()
			New(opts)
		}()
	}
}
