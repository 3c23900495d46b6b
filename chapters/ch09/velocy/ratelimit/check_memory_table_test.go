package ratelimit

import (
	"context"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// memoryTableBurst sends n requests for key from n goroutines at once and
// returns how many were allowed.
func memoryTableBurst(t *testing.T, b Backend, key string, p Policy, n int) int {
	t.Helper()
	var allowed atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range n {
		wg.Go(func() {
			<-start
			d, err := b.Allow(context.Background(), key, p)
			if err != nil {
				t.Errorf("Allow(%q, %+v): %v", key, p, err)
			}
			if d.Allowed {
				allowed.Add(1)
			}
		})
	}
	close(start)
	wg.Wait()
	return int(allowed.Load())
}

func TestMemoryTableExactUnderParallelLoad(t *testing.T) {
	m := NewMemory(MemoryOptions{Shards: 1 + rand.IntN(16)})
	var wg sync.WaitGroup
	for k := range 8 { // eight keys at once, each with its own burst
		wg.Go(func() {
			limit := 1 + rand.IntN(30)
			n := limit + 1 + rand.IntN(3*limit)
			p := Policy{Limit: limit, Period: time.Hour}
			key := "client-" + strconv.Itoa(k)
			if got := memoryTableBurst(t, m, key, p, n); got != limit {
				t.Errorf("%d requests at once for %q against a limit of %d: %d allowed; want exactly %d (is each decision made under the shard's lock?)",
					n, key, limit, got, limit)
			}
		})
	}
	wg.Wait()
}

// memoryTableRound starts n goroutines, waits until all of them run, then
// lets them ask for key at once, and returns how many were allowed.
func memoryTableRound(b Backend, key string, p Policy, n int) int {
	var allowed atomic.Int64
	var wg, ready sync.WaitGroup
	start := make(chan struct{})
	for range n {
		ready.Add(1)
		wg.Go(func() {
			ready.Done()
			<-start
			if d, err := b.Allow(context.Background(), key, p); err == nil && d.Allowed {
				allowed.Add(1)
			}
		})
	}
	ready.Wait()
	close(start)
	wg.Wait()
	return int(allowed.Load())
}

// TestMemoryTableExactInManyRounds repeats small bursts against fresh
// keys: a decision whose read and write are not under one lock lets two
// requests through on one TAT only when they meet within nanoseconds, so
// it takes many tries to see it.
func TestMemoryTableExactInManyRounds(t *testing.T) {
	m := NewMemory(MemoryOptions{})
	limit := 1 + rand.IntN(4)
	p := Policy{Limit: limit, Period: time.Hour}
	deadline := time.Now().Add(500 * time.Millisecond)
	for round := 0; round < 20000 && time.Now().Before(deadline); round++ {
		n := 2*limit + 2
		if got := memoryTableRound(m, "round-"+strconv.Itoa(round), p, n); got != limit {
			t.Fatalf("round %d: %d requests at once for a new key, limit %d: %d allowed; want exactly %d (hold the shard's lock from reading the TAT to storing the new one)",
				round, n, limit, got, limit)
		}
	}
}

func TestMemoryTableRefillsOneInterval(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		m := NewMemory(MemoryOptions{})
		limit := 2 + rand.IntN(10)
		p := Policy{Limit: limit, Period: time.Duration(limit) * time.Duration(1+rand.IntN(1000)) * time.Millisecond}
		interval := p.Period / time.Duration(limit)
		for i := range limit {
			d, err := m.Allow(ctx, "k", p)
			if err != nil || !d.Allowed || d.Remaining != limit-1-i || d.Limit != limit {
				t.Fatalf("%d per %v, request %d of a new key: Allow = %+v, %v; want allowed, Limit %d, Remaining %d",
					limit, p.Period, i+1, d, err, limit, limit-1-i)
			}
		}
		if d, _ := m.Allow(ctx, "k", p); d.Allowed || d.RetryAfter != interval {
			t.Fatalf("request %d at once: Allow = %+v; want refused, RetryAfter %v", limit+1, d, interval)
		}
		if d, _ := m.Allow(ctx, "other", p); !d.Allowed {
			t.Fatalf("another key: Allow = %+v; want allowed (one TAT per key)", d)
		}
		time.Sleep(interval)
		if d, _ := m.Allow(ctx, "k", p); !d.Allowed {
			t.Fatalf("one interval (%v) later: Allow = %+v; want one more allowed", interval, d)
		}
		if d, _ := m.Allow(ctx, "k", p); d.Allowed {
			t.Fatalf("right after that: Allow = %+v; want refused", d)
		}
	})
}

func TestMemoryTableShardsArePowersOfTwo(t *testing.T) {
	for range 20 {
		n := 1 + rand.IntN(200)
		m := NewMemory(MemoryOptions{Shards: n})
		want := 1
		for want < n {
			want <<= 1
		}
		if len(m.shards) != want || m.mask != uint64(want-1) {
			t.Fatalf("NewMemory(Shards: %d): %d shards, mask %d; want %d shards, mask %d", n, len(m.shards), m.mask, want, want-1)
		}
	}
	if n := len(NewMemory(MemoryOptions{}).shards); n < 1 || n&(n-1) != 0 {
		t.Fatalf("NewMemory(Shards: 0): %d shards; want a power of two", n)
	}
}

func TestMemoryTableNoAllocationForAKnownKey(t *testing.T) {
	m := NewMemory(MemoryOptions{})
	var b Backend = m
	ctx := context.Background()
	p := Policy{Limit: 1000 + rand.IntN(1000), Period: time.Second}
	if d, _ := b.Allow(ctx, "known", p); !d.Allowed || d.Remaining != p.Limit-1 {
		t.Fatalf("first request of a key: Allow = %+v; want allowed, Remaining %d", d, p.Limit-1)
	}
	if n := testing.AllocsPerRun(200, func() { b.Allow(ctx, "known", p) }); n != 0 {
		t.Errorf("Allow for a key the table holds: %v allocations per call; want 0", n)
	}
}
