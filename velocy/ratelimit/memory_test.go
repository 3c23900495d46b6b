package ratelimit

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

var ctx = context.Background()

// allowN sends n requests for key at once and returns how many were
// allowed.
func allowN(t *testing.T, b Backend, key string, p Policy, n int) int {
	t.Helper()
	var allowed atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range n {
		wg.Go(func() {
			<-start
			d, err := b.Allow(ctx, key, p)
			if err != nil {
				t.Error(err)
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

func TestMemoryExactUnderParallelBursts(t *testing.T) {
	m := NewMemory(MemoryOptions{})
	for limit := 1; limit <= 40; limit += 3 {
		p := Policy{Limit: limit, Period: time.Hour}
		for _, n := range []int{limit - 1, limit, limit + 1, 3 * limit} {
			key := "k" + strconv.Itoa(limit) + "-" + strconv.Itoa(n)
			if got := allowN(t, m, key, p, n); got != min(n, limit) {
				t.Errorf("%d parallel requests against a limit of %d: %d allowed, want %d", n, limit, got, min(n, limit))
			}
		}
	}
}

// TestMemoryExactInManyRounds repeats small bursts against fresh keys,
// each released only when all its goroutines run: a read and a write under
// two locks would let two requests through on one TAT only when they meet
// within nanoseconds, so it takes many rounds to see it (a version with
// that mistake failed within the first 2000 rounds in 2 runs of 3, and
// within 20000 in 6 of 6).
func TestMemoryExactInManyRounds(t *testing.T) {
	m := NewMemory(MemoryOptions{})
	p := Policy{Limit: 3, Period: time.Hour}
	rounds := 20000
	if testing.Short() {
		rounds = 1000
	}
	for round := range rounds {
		var allowed atomic.Int64
		var wg, ready sync.WaitGroup
		start := make(chan struct{})
		key := "r" + strconv.Itoa(round)
		for range 8 {
			ready.Add(1)
			wg.Go(func() {
				ready.Done()
				<-start
				if d, _ := m.Allow(ctx, key, p); d.Allowed {
					allowed.Add(1)
				}
			})
		}
		ready.Wait()
		close(start)
		wg.Wait()
		if allowed.Load() != 3 {
			t.Fatalf("round %d: 8 requests at once against a limit of 3: %d allowed", round, allowed.Load())
		}
	}
}

func TestMemoryBurstThenRefillAfterInterval(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := NewMemory(MemoryOptions{})
		p := Policy{Limit: 4, Period: time.Second} // one per 250ms
		for i := range 4 {
			d, _ := m.Allow(ctx, "a", p)
			if !d.Allowed || d.Remaining != 3-i || d.Limit != 4 {
				t.Fatalf("request %d: %+v, want allowed with Remaining %d", i+1, d, 3-i)
			}
		}
		d, _ := m.Allow(ctx, "a", p)
		if d.Allowed || d.RetryAfter != 250*time.Millisecond || d.ResetAfter != time.Second {
			t.Fatalf("fifth request: %+v, want refused, RetryAfter 250ms, ResetAfter 1s", d)
		}
		time.Sleep(250*time.Millisecond - 1)
		if d, _ := m.Allow(ctx, "a", p); d.Allowed || d.RetryAfter != 1 {
			t.Fatalf("1ns before the interval: %+v, want refused with RetryAfter 1ns", d)
		}
		time.Sleep(1)
		if d, _ := m.Allow(ctx, "a", p); !d.Allowed || d.Remaining != 0 {
			t.Fatalf("after one interval: %+v, want one allowed, Remaining 0", d)
		}
		if d, _ := m.Allow(ctx, "a", p); d.Allowed {
			t.Fatalf("right after: %+v, want refused", d)
		}
	})
}

func TestMemoryFullBurstAfterPeriod(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := NewMemory(MemoryOptions{})
		p := Policy{Limit: 5, Period: time.Minute}
		for range 7 {
			m.Allow(ctx, "a", p)
		}
		d, _ := m.Allow(ctx, "a", p)
		time.Sleep(d.ResetAfter)
		if d.ResetAfter != time.Minute {
			t.Errorf("ResetAfter after a burst = %v, want 1m", d.ResetAfter)
		}
		if got := allowN(t, m, "a", p, 10); got != 5 {
			t.Errorf("after ResetAfter: %d of 10 allowed, want a full burst of 5", got)
		}
	})
}

func TestMemoryDropsExpiredKeys(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := NewMemory(MemoryOptions{Shards: 1, MaxKeys: 8})
		p := Policy{Limit: 2, Period: time.Second}
		for i := range 8 {
			m.Allow(ctx, "old"+strconv.Itoa(i), p)
		}
		if m.Len() != 8 {
			t.Fatalf("Len = %d, want 8", m.Len())
		}
		time.Sleep(time.Second) // every TAT has passed
		m.Allow(ctx, "new", p)
		if m.Len() != 1 {
			t.Errorf("Len after the TATs passed and a new key came = %d, want 1 (the 8 expired dropped)", m.Len())
		}
	})
}

func TestMemoryBoundedEvictsEarliest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		m := NewMemory(MemoryOptions{Shards: 1, MaxKeys: 8})
		p := Policy{Limit: 2, Period: time.Second}
		for i := range 8 {
			m.Allow(ctx, strconv.Itoa(i), p)
			m.Allow(ctx, "busy", p) // "busy" keeps the latest TAT
			time.Sleep(time.Millisecond)
		}
		for i := range 100 {
			m.Allow(ctx, "n"+strconv.Itoa(i), p)
			if m.Len() > 8 {
				t.Fatalf("Len = %d, want at most MaxKeys 8", m.Len())
			}
		}
		if d, _ := m.Allow(ctx, "busy", p); d.Allowed {
			t.Errorf("the most limited key was evicted: %+v", d)
		}
	})
}

func TestMemoryShardsPowerOfTwo(t *testing.T) {
	for _, c := range []struct{ in, want int }{{1, 1}, {3, 4}, {16, 16}, {17, 32}} {
		if got := len(NewMemory(MemoryOptions{Shards: c.in}).shards); got != c.want {
			t.Errorf("Shards %d: %d shards, want %d", c.in, got, c.want)
		}
	}
	if n := len(NewMemory(MemoryOptions{}).shards); n&(n-1) != 0 {
		t.Errorf("default: %d shards, not a power of two", n)
	}
}

func TestMemoryAllowNoAllocs(t *testing.T) {
	m := NewMemory(MemoryOptions{})
	p := Policy{Limit: 100, Period: time.Second}
	var b Backend = m
	b.Allow(ctx, "client", p)
	if n := testing.AllocsPerRun(1000, func() { b.Allow(ctx, "client", p) }); n != 0 {
		t.Errorf("Allow on an existing key: %v allocations, want 0", n)
	}
}

func TestMemoryInvalidPolicy(t *testing.T) {
	m := NewMemory(MemoryOptions{})
	if _, err := m.Allow(ctx, "k", Policy{Limit: 0, Period: time.Second}); !errors.Is(err, ErrInvalidPolicy) {
		t.Errorf("Limit 0: error %v, want ErrInvalidPolicy", err)
	}
}
