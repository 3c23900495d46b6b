package state

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

func TestIncrCounts(t *testing.T) {
	ctx := t.Context()
	m := NewMemory(MemoryOptions{})
	a, b := 1+rand.Int64N(1000), -rand.Int64N(1000)
	if n, err := m.Incr(ctx, "c", a, 0); n != a || err != nil {
		t.Fatalf("Incr(missing, %d) = %d, %v; want %d, nil: a missing key counts as 0", a, n, err, a)
	}
	if n, err := m.Incr(ctx, "c", b, 0); n != a+b || err != nil {
		t.Fatalf("Incr(%d) on %d = %d, %v; want %d", b, a, n, err, a+b)
	}
	if v, _, _ := m.Get(ctx, "c"); string(v) != strconv.FormatInt(a+b, 10) {
		t.Errorf("Get after Incr = %q, want %q: store the decimal integer", v, strconv.FormatInt(a+b, 10))
	}
	for _, bad := range []string{"abc", "1.5", ""} {
		m.Set(ctx, "bad", []byte(bad), 0)
		if _, err := m.Incr(ctx, "bad", 1, 0); !errors.Is(err, ErrNotInteger) {
			t.Errorf("Incr on %q = %v, want ErrNotInteger", bad, err)
		}
	}
	if _, err := m.Incr(ctx, "c", 1, -time.Second); !errors.Is(err, ErrNegativeTTL) {
		t.Errorf("Incr with ttl -1s = %v, want ErrNegativeTTL", err)
	}
}

func TestIncrConcurrentExact(t *testing.T) {
	m := NewMemory(MemoryOptions{})
	goroutines, each := 4+rand.IntN(5), 100
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for range each {
				m.Incr(t.Context(), "hits", 1, 0)
			}
		})
	}
	wg.Wait()
	if n, _ := m.Incr(t.Context(), "hits", 0, 0); n != int64(goroutines*each) {
		t.Errorf("%d goroutines × %d Incr(1) = %d, want %d: read, add and write must happen under one lock",
			goroutines, each, n, goroutines*each)
	}
}

func TestIncrKeepsExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := t.Context()
		m := NewMemory(MemoryOptions{})
		ttl := time.Duration(1+rand.IntN(60)) * time.Second
		m.Incr(ctx, "window", 1, ttl)
		time.Sleep(ttl / 2)
		if n, err := m.Incr(ctx, "window", 1, ttl); n != 2 || err != nil {
			t.Fatalf("second Incr(1) = %d, %v; want 2", n, err)
		}
		time.Sleep(ttl - ttl/2)
		if _, found, _ := m.Get(ctx, "window"); found {
			t.Errorf("a counter created with ttl %v, incremented halfway, is still there at %v: "+
				"an existing key keeps the expiry it had (a fixed window must end on time)", ttl, ttl)
		}
	})
}

func TestCompareAndSwapRules(t *testing.T) {
	ctx := t.Context()
	m := NewMemory(MemoryOptions{})
	a, b := []byte("a"), []byte(strconv.Itoa(rand.Int()))
	if ok, err := m.CompareAndSwap(ctx, "k", nil, a, 0); !ok || err != nil {
		t.Fatalf("CompareAndSwap(missing, old nil) = %v, %v; want true: nil old means only if missing", ok, err)
	}
	if ok, _ := m.CompareAndSwap(ctx, "k", nil, b, 0); ok {
		t.Fatal("CompareAndSwap(present, old nil) = true; want false")
	}
	if ok, _ := m.CompareAndSwap(ctx, "k", a, b, 0); !ok {
		t.Fatal("CompareAndSwap with the current value as old = false; want true")
	}
	if ok, _ := m.CompareAndSwap(ctx, "k", a, []byte("c"), 0); ok {
		t.Fatal("CompareAndSwap with a stale old = true; want false")
	}
	if v, _, _ := m.Get(ctx, "k"); !bytes.Equal(v, b) {
		t.Errorf("Get = %q, want %q", v, b)
	}
	if ok, _ := m.CompareAndSwap(ctx, "missing", a, b, 0); ok {
		t.Error("CompareAndSwap(missing, old non-nil) = true; want false")
	}
	m.Set(ctx, "empty", []byte{}, 0)
	if ok, _ := m.CompareAndSwap(ctx, "empty", nil, a, 0); ok {
		t.Error("CompareAndSwap(key holding an empty value, old nil) = true; want false: an empty value is not a missing key")
	}
	if ok, _ := m.CompareAndSwap(ctx, "empty", []byte{}, a, 0); !ok {
		t.Error("CompareAndSwap(key holding an empty value, old empty) = false; want true")
	}
}

func TestCompareAndSwapExpiredIsMissing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := t.Context()
		m := NewMemory(MemoryOptions{})
		m.CompareAndSwap(ctx, "lock", nil, []byte("me"), time.Minute)
		time.Sleep(time.Minute)
		if ok, _ := m.CompareAndSwap(ctx, "lock", nil, []byte("you"), 0); !ok {
			t.Error("CompareAndSwap(expired, old nil) = false; want true: an expired key is missing")
		}
	})
}

func TestCompareAndSwapReadModifyWrite(t *testing.T) {
	ctx := t.Context()
	m := NewMemory(MemoryOptions{})
	m.Set(ctx, "n", []byte("0"), 0)
	goroutines, each := 4, 50
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for range each {
				for tries := 0; tries < 10000; tries++ {
					cur, _, _ := m.Get(ctx, "n")
					n, _ := strconv.Atoi(string(cur))
					if ok, _ := m.CompareAndSwap(ctx, "n", cur, []byte(strconv.Itoa(n+1)), 0); ok {
						break
					}
				}
			}
		})
	}
	wg.Wait()
	if v, _, _ := m.Get(ctx, "n"); string(v) != strconv.Itoa(goroutines*each) {
		t.Errorf("%d read-modify-write loops with CompareAndSwap ended at %q, want %d", goroutines*each, v, goroutines*each)
	}
}
