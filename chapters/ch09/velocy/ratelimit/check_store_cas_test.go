package ratelimit

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// storeCASFake is a Store in a map under a mutex, with expiry, counting
// its swaps; conflicts makes every swap fail.
type storeCASFake struct {
	mu        sync.Mutex
	vals      map[string][]byte
	expires   map[string]time.Time
	swaps     int
	conflicts bool
	getErr    error
}

func newStoreCASFake() *storeCASFake {
	return &storeCASFake{vals: map[string][]byte{}, expires: map[string]time.Time{}}
}

func (s *storeCASFake) live(key string) ([]byte, bool) {
	v, ok := s.vals[key]
	return v, ok && time.Now().Before(s.expires[key])
}

func (s *storeCASFake) Get(_ context.Context, key string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.getErr != nil {
		return nil, false, s.getErr
	}
	v, ok := s.live(key)
	return bytes.Clone(v), ok, nil
}

func (s *storeCASFake) CompareAndSwap(_ context.Context, key string, old, new []byte, ttl time.Duration) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.swaps++
	v, ok := s.live(key)
	if s.conflicts || (old == nil) == ok || ok && !bytes.Equal(old, v) {
		return false, nil
	}
	s.vals[key], s.expires[key] = bytes.Clone(new), time.Now().Add(ttl)
	return true, nil
}

func TestStoreCASExactUnderParallelLoad(t *testing.T) {
	limit := 1 + rand.IntN(8)
	b := &StoreBackend{Store: newStoreCASFake(), MaxRetries: 100}
	p := Policy{Limit: limit, Period: time.Hour}
	var allowed atomic.Int64
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range 20 {
		wg.Go(func() {
			<-start
			d, err := b.Allow(context.Background(), "k", p)
			if err != nil {
				t.Errorf("Allow: %v", err)
			}
			if d.Allowed {
				allowed.Add(1)
			}
		})
	}
	close(start)
	wg.Wait()
	if allowed.Load() != int64(limit) {
		t.Errorf("20 requests at once against a limit of %d through a Store: %d allowed; want exactly %d (a write must CompareAndSwap the value it read)",
			limit, allowed.Load(), limit)
	}
}

// TestStoreCASExactInManyRounds repeats small bursts against fresh keys,
// each released only when all its goroutines run, to catch a lost update
// that needs two requests to meet between a Get and a write.
func TestStoreCASExactInManyRounds(t *testing.T) {
	b := &StoreBackend{Store: newStoreCASFake(), MaxRetries: 100}
	limit := 1 + rand.IntN(3)
	p := Policy{Limit: limit, Period: time.Hour}
	deadline := time.Now().Add(500 * time.Millisecond)
	for round := 0; round < 5000 && time.Now().Before(deadline); round++ {
		n := 2*limit + 2
		var allowed atomic.Int64
		var wg, ready sync.WaitGroup
		start := make(chan struct{})
		key := "round-" + strconv.Itoa(round)
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
		if allowed.Load() != int64(limit) {
			t.Fatalf("round %d: %d requests at once for a new key, limit %d: %d allowed; want exactly %d (an allowed request must have swapped the value it read)",
				round, n, limit, allowed.Load(), limit)
		}
	}
}

func TestStoreCASDecidesLikeGCRA(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newStoreCASFake()
		b := &StoreBackend{Store: st, Prefix: "rl:"}
		limit := 2 + rand.IntN(6)
		interval := time.Duration(1+rand.IntN(1000)) * time.Millisecond
		p := Policy{Limit: limit, Period: time.Duration(limit) * interval}
		var tat int64
		for i := range 30 {
			time.Sleep(time.Duration(rand.Int64N(int64(2 * interval))))
			now := time.Now().UnixMicro()
			next, want := decide(tat, now, int64(p.Period/time.Microsecond), int64(interval/time.Microsecond), time.Microsecond)
			want.Limit = limit
			got, err := b.Allow(context.Background(), "k", p)
			if err != nil || got != want {
				t.Fatalf("%d per %v, request %d: Allow = %+v, %v; want %+v", limit, p.Period, i+1, got, err, want)
			}
			tat = next
			v, ok := st.live("rl:k")
			exp := st.expires["rl:k"].Sub(time.UnixMicro(next))
			if got.Allowed && (!ok || string(v) != strconv.FormatInt(next, 10) || exp < 0 || exp >= time.Microsecond) {
				t.Fatalf("after an allowed request the store holds %q (found %v), expiring %v after it; want %q under \"rl:k\", expiring at that TAT (to the microsecond)",
					v, ok, exp, strconv.FormatInt(next, 10))
			}
		}
	})
}

func TestStoreCASRefusalWritesNothing(t *testing.T) {
	st := newStoreCASFake()
	b := &StoreBackend{Store: st}
	limit := 1 + rand.IntN(5)
	extra := 1 + rand.IntN(10)
	for range limit + extra {
		b.Allow(context.Background(), "k", Policy{Limit: limit, Period: time.Hour})
	}
	if st.swaps != limit {
		t.Errorf("%d requests against a limit of %d: %d writes; want %d (a refusal writes nothing)", limit+extra, limit, st.swaps, limit)
	}
	if _, ok := st.live("ratelimit:k"); !ok {
		t.Errorf("no key \"ratelimit:k\" in the store; want the default prefix \"ratelimit:\"")
	}
}

func TestStoreCASGivesUpAndWrapsErrors(t *testing.T) {
	retries := 1 + rand.IntN(10)
	st := newStoreCASFake()
	st.conflicts = true
	_, err := (&StoreBackend{Store: st, MaxRetries: retries}).Allow(context.Background(), "k", Policy{Limit: 3, Period: time.Hour})
	if !errors.Is(err, ErrContention) || st.swaps != retries+1 {
		t.Errorf("every swap conflicts, MaxRetries %d: error %v after %d swaps; want ErrContention after %d", retries, err, st.swaps, retries+1)
	}
	down := errors.New("connection reset")
	st = newStoreCASFake()
	st.getErr = down
	if _, err := (&StoreBackend{Store: st}).Allow(context.Background(), "k", Policy{Limit: 3, Period: time.Hour}); !errors.Is(err, down) {
		t.Errorf("Get fails with %v: Allow error %v; want it wrapped (%%w)", down, err)
	}
}
