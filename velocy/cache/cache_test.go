package cache

import (
	"fmt"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

func TestLRUEvictsLeastRecentlyUsed(t *testing.T) {
	c := New(Options[string, int]{MaxEntries: 3, Shards: 1})
	c.Set("a", 1)
	c.Set("b", 2)
	c.Set("c", 3)
	c.Get("a") // a is now the most recent; b the least
	c.Set("d", 4)
	if _, ok := c.Get("b"); ok {
		t.Error("b is still there: the least recently used entry must go first")
	}
	for _, k := range []string{"a", "c", "d"} {
		if _, ok := c.Get(k); !ok {
			t.Errorf("%s was evicted", k)
		}
	}
	if got := c.Len(); got != 3 {
		t.Errorf("Len() = %d, want 3", got)
	}
}

func TestSetReplaces(t *testing.T) {
	c := New(Options[string, int]{MaxEntries: 2, Shards: 1})
	c.Set("a", 1)
	c.Set("a", 2)
	if v, _ := c.Get("a"); v != 2 || c.Len() != 1 {
		t.Errorf("after two Sets: Get = %d, Len = %d; want 2, 1", v, c.Len())
	}
	c.Delete("a")
	c.Delete("nothing")
	if _, ok := c.Get("a"); ok || c.Len() != 0 {
		t.Error("Delete left the entry")
	}
}

func TestTTL(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 10, TTL: time.Minute, Shards: 1})
		c.Set("a", 1)
		c.SetTTL("b", 2, time.Hour)
		c.SetTTL("forever", 3, 0)
		time.Sleep(time.Minute - time.Nanosecond)
		if _, ok := c.Get("a"); !ok {
			t.Fatal("a expired before its TTL")
		}
		time.Sleep(time.Nanosecond)
		if _, ok := c.Get("a"); ok {
			t.Fatal("a is still there after its TTL")
		}
		if c.Len() != 2 {
			t.Errorf("Len() = %d, want 2: an expired entry is dropped when met", c.Len())
		}
		time.Sleep(time.Hour)
		if _, ok := c.Get("b"); ok {
			t.Error("b outlived its own TTL")
		}
		if _, ok := c.Get("forever"); !ok {
			t.Error("an entry with ttl 0 expired")
		}
	})
}

func TestExpiredTailDroppedOnSet(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := New(Options[string, int]{MaxEntries: 10, Shards: 1})
		c.SetTTL("old", 1, time.Second)
		c.Set("x", 2)
		c.Get("old") // old is the most recent, x the tail
		time.Sleep(2 * time.Second)
		c.Set("y", 3) // x at the tail never expires: nothing dropped
		if c.Len() != 3 {
			t.Fatalf("Len() = %d, want 3", c.Len())
		}
		c.Get("x")
		c.Get("y") // now old is the tail, and expired
		c.Set("z", 4)
		if c.Len() != 3 {
			t.Errorf("Len() = %d, want 3: the expired tail goes on the next Set", c.Len())
		}
	})
}

func TestMaxBytes(t *testing.T) {
	size := func(k string, v []byte) int64 { return int64(len(k) + len(v)) }
	c := New(Options[string, []byte]{MaxBytes: 100, Size: size, Shards: 1})
	c.Set("a", make([]byte, 39)) // 40
	c.Set("b", make([]byte, 39)) // 80
	c.Get("a")
	c.Set("c", make([]byte, 39)) // 120: b goes
	if _, ok := c.Get("b"); ok {
		t.Error("b is still there")
	}
	if st := c.Stats(); st.Bytes != 80 || st.Entries != 2 || st.Evictions != 1 {
		t.Errorf("Stats() = %+v, want 80 bytes, 2 entries, 1 eviction", st)
	}
	c.Set("a", make([]byte, 200)) // larger than the cache: not stored, old a gone
	if _, ok := c.Get("a"); ok {
		t.Error("a value larger than MaxBytes was stored, or the old one kept")
	}
	if st := c.Stats(); st.Bytes != 40 {
		t.Errorf("Bytes = %d after an oversized Set, want 40", st.Bytes)
	}
	c.Set("c", make([]byte, 9)) // shrinks in place
	if st := c.Stats(); st.Bytes != 10 {
		t.Errorf("Bytes = %d after shrinking c, want 10", st.Bytes)
	}
}

func TestShardCount(t *testing.T) {
	for _, tc := range []struct{ asked, max, want int }{
		{1, 100, 1}, {3, 100, 4}, {8, 100, 8}, {16, 10, 8}, {0, 16, 1}, {0, 1000, 8},
	} {
		if got := shardCount(tc.asked, tc.max); got != tc.want {
			t.Errorf("shardCount(%d, %d) = %d, want %d", tc.asked, tc.max, got, tc.want)
		}
	}
	if n := shardCount(0, 1<<30); n < 64 || n > 1024 || n&(n-1) != 0 {
		t.Errorf("shardCount(0, 1<<30) = %d, want a power of two from 64 to 1024", n)
	}
	c := New(Options[int, int]{MaxEntries: 1 << 12, Shards: 16})
	for i := range 1 << 12 {
		c.Set(i, i)
	}
	for i, s := range c.shards {
		if n := s.len(); n < 128 {
			t.Errorf("shard %d holds %d of 4096 keys: the hash spreads them badly", i, n)
		}
	}
}

func TestNewPanics(t *testing.T) {
	for name, opts := range map[string]Options[string, int]{
		"no bound":      {},
		"negative":      {MaxEntries: -1},
		"bytes no size": {MaxBytes: 10},
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

func TestConcurrentUse(t *testing.T) {
	c := New(Options[string, int]{MaxEntries: 100, Shards: 4})
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 1000 {
				k := strconv.Itoa((g*7 + i) % 150)
				switch i % 3 {
				case 0:
					c.Set(k, i)
				case 1:
					c.Get(k)
				default:
					c.Delete(k)
				}
			}
		})
	}
	wg.Wait()
	if n := c.Len(); n > 100 {
		t.Errorf("Len() = %d over MaxEntries 100", n)
	}
}

func TestGetHitDoesNotAllocate(t *testing.T) {
	c := New(Options[string, int]{MaxEntries: 100, TTL: time.Hour})
	keys := make([]string, 50)
	for i := range keys {
		keys[i] = fmt.Sprint("key", i)
		c.Set(keys[i], i)
	}
	allocs := testing.AllocsPerRun(100, func() {
		for _, k := range keys {
			c.Get(k)
		}
	})
	if allocs != 0 {
		t.Errorf("Get on a hit allocates %v times", allocs/50)
	}
	type point struct{ x, y int }
	pc := New(Options[point, int]{MaxEntries: 100})
	pc.Set(point{1, 2}, 3)
	if allocs := testing.AllocsPerRun(100, func() { pc.Get(point{1, 2}) }); allocs != 0 {
		t.Errorf("Get on a hit with a struct key allocates %v times", allocs)
	}
}
