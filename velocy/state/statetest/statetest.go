// Package statetest is a conformance suite for implementations of
// velocy/state's Store: every method's contract, as a set of subtests an
// implementation's own test calls with a way to make a fresh store.
//
//	func TestConformance(t *testing.T) {
//		statetest.Run(t, func(t *testing.T) state.Store { return newRedisStore(t) })
//	}
//
// The expiry tests need time to pass. A store in the process can take the
// fake clock of testing/synctest ([RunWith] with Synctest set), and then
// they run instantly and exactly. A store across the network keeps its
// own clock, so by default they wait real time: a TTL of Options.TTL, then
// that plus Options.Slack. They are skipped with -short.
package statetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/state"
)

// Options tune [RunWith].
type Options struct {
	// Synctest runs the expiry tests in a testing/synctest bubble:
	// newStore is called inside it and time.Sleep moves the fake clock.
	// Only for stores whose clock is time.Now in this process.
	Synctest bool
	// TTL is the time to live the expiry tests give their keys when
	// Synctest is false; 0 means 200ms.
	TTL time.Duration
	// Slack is how much longer than TTL they wait for a key to be gone
	// when Synctest is false; 0 means 100ms.
	Slack time.Duration
}

// Run runs the conformance suite with real time for the expiry tests.
func Run(t *testing.T, newStore func(t *testing.T) state.Store) {
	RunWith(t, newStore, Options{})
}

// RunWith runs the conformance suite with opts.
func RunWith(t *testing.T, newStore func(t *testing.T) state.Store, opts Options) {
	if opts.TTL <= 0 {
		opts.TTL = 200 * time.Millisecond
	}
	if opts.Slack <= 0 {
		opts.Slack = 100 * time.Millisecond
	}
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, s state.Store, key func() string)
	}{
		{"GetMissing", testGetMissing},
		{"SetGet", testSetGet},
		{"Copies", testCopies},
		{"Delete", testDelete},
		{"NegativeTTL", testNegativeTTL},
		{"CancelledContext", testCancelledContext},
		{"IncrMissing", testIncrMissing},
		{"IncrNotInteger", testIncrNotInteger},
		{"IncrConcurrent", testIncrConcurrent},
		{"CompareAndSwap", testCompareAndSwap},
		{"CompareAndSwapConcurrent", testCASConcurrent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.run(t, newStore(t), keys(t))
		})
	}
	for _, tc := range []struct {
		name string
		run  func(t *testing.T, s state.Store, key func() string, ttl time.Duration, wait func())
	}{
		{"Expiry", testExpiry},
		{"IncrKeepsExpiry", testIncrKeepsExpiry},
		{"CompareAndSwapExpiry", testCASExpiry},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if opts.Synctest {
				synctest.Test(t, func(t *testing.T) {
					ttl := time.Second
					tc.run(t, newStore(t), keys(t), ttl, func() { time.Sleep(ttl) })
				})
				return
			}
			if testing.Short() {
				t.Skip("waits real time; skipped with -short")
			}
			tc.run(t, newStore(t), keys(t), opts.TTL, func() { time.Sleep(opts.TTL + opts.Slack) })
		})
	}
}

// keys returns a function that makes keys no other test uses, so a
// shared server needs no cleaning between tests.
func keys(t *testing.T) func() string {
	prefix := fmt.Sprintf("statetest:%s:%x:", t.Name(), rand.Uint64())
	n := 0
	return func() string {
		n++
		return prefix + strconv.Itoa(n)
	}
}

// randomValue returns 1 to 64 random bytes.
func randomValue() []byte {
	b := make([]byte, 1+rand.IntN(64))
	for i := range b {
		b[i] = byte(rand.Uint32())
	}
	return b
}

func testGetMissing(t *testing.T, s state.Store, key func() string) {
	v, found, err := s.Get(t.Context(), key())
	if v != nil || found || err != nil {
		t.Errorf("Get(missing) = %q, %v, %v; want nil, false, nil", v, found, err)
	}
}

func testSetGet(t *testing.T, s state.Store, key func() string) {
	ctx := t.Context()
	k, v := key(), randomValue()
	must(t, s.Set(ctx, k, v, 0))
	got, found, err := s.Get(ctx, k)
	if !found || err != nil || !bytes.Equal(got, v) {
		t.Fatalf("Get after Set = %x, %v, %v; want %x, true, nil", got, found, err, v)
	}
	w := randomValue()
	must(t, s.Set(ctx, k, w, 0))
	if got, _, _ := s.Get(ctx, k); !bytes.Equal(got, w) {
		t.Errorf("Get after a second Set = %x, want %x", got, w)
	}
	e := key()
	must(t, s.Set(ctx, e, []byte{}, 0))
	if got, found, err := s.Get(ctx, e); !found || err != nil || len(got) != 0 {
		t.Errorf("Get of an empty value = %q, %v, %v; want empty, true, nil", got, found, err)
	}
}

func testCopies(t *testing.T, s state.Store, key func() string) {
	ctx := t.Context()
	k, v := key(), randomValue()
	want := bytes.Clone(v)
	must(t, s.Set(ctx, k, v, 0))
	v[0]++ // the store must have kept its own copy
	got, _, err := s.Get(ctx, k)
	must(t, err)
	if !bytes.Equal(got, want) {
		t.Fatalf("after changing the slice given to Set: Get = %x, want %x", got, want)
	}
	got[0]++ // and handed out a copy
	again, _, err := s.Get(ctx, k)
	must(t, err)
	if !bytes.Equal(again, want) {
		t.Errorf("after changing the slice Get returned: Get = %x, want %x", again, want)
	}
}

func testDelete(t *testing.T, s state.Store, key func() string) {
	ctx := t.Context()
	k := key()
	must(t, s.Set(ctx, k, randomValue(), 0))
	must(t, s.Delete(ctx, k))
	if _, found, err := s.Get(ctx, k); found || err != nil {
		t.Errorf("Get after Delete: found=%v err=%v", found, err)
	}
	if err := s.Delete(ctx, key()); err != nil {
		t.Errorf("Delete(missing) = %v, want nil", err)
	}
}

func testNegativeTTL(t *testing.T, s state.Store, key func() string) {
	ctx := t.Context()
	if err := s.Set(ctx, key(), []byte("v"), -time.Second); !errors.Is(err, state.ErrNegativeTTL) {
		t.Errorf("Set with ttl -1s: %v, want ErrNegativeTTL", err)
	}
	if _, err := s.Incr(ctx, key(), 1, -time.Second); !errors.Is(err, state.ErrNegativeTTL) {
		t.Errorf("Incr with ttl -1s: %v, want ErrNegativeTTL", err)
	}
	if _, err := s.CompareAndSwap(ctx, key(), nil, []byte("v"), -time.Second); !errors.Is(err, state.ErrNegativeTTL) {
		t.Errorf("CompareAndSwap with ttl -1s: %v, want ErrNegativeTTL", err)
	}
}

func testCancelledContext(t *testing.T, s state.Store, key func() string) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	k := key()
	check := func(method string, err error) {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context: %v, want context.Canceled", method, err)
		}
	}
	_, _, err := s.Get(ctx, k)
	check("Get", err)
	check("Set", s.Set(ctx, k, []byte("v"), 0))
	check("Delete", s.Delete(ctx, k))
	_, err = s.Incr(ctx, k, 1, 0)
	check("Incr", err)
	_, err = s.CompareAndSwap(ctx, k, nil, []byte("v"), 0)
	check("CompareAndSwap", err)
	if _, found, err := s.Get(t.Context(), k); found || err != nil {
		t.Errorf("a cancelled Set or Incr stored the key: found=%v err=%v", found, err)
	}
}

func testIncrMissing(t *testing.T, s state.Store, key func() string) {
	ctx := t.Context()
	k := key()
	a, b := rand.Int64N(1000)+1, -rand.Int64N(1000)
	if n, err := s.Incr(ctx, k, a, 0); n != a || err != nil {
		t.Fatalf("Incr(missing, %d) = %d, %v; want %d, nil", a, n, err, a)
	}
	if n, err := s.Incr(ctx, k, b, 0); n != a+b || err != nil {
		t.Fatalf("Incr(%d) on %d = %d, %v; want %d", b, a, n, err, a+b)
	}
	got, _, err := s.Get(ctx, k)
	must(t, err)
	if string(got) != strconv.FormatInt(a+b, 10) {
		t.Errorf("Get after Incr = %q, want %q: the value is a decimal integer", got, strconv.FormatInt(a+b, 10))
	}
	k2 := key()
	must(t, s.Set(ctx, k2, []byte("-40"), 0))
	if n, err := s.Incr(ctx, k2, 2, 0); n != -38 || err != nil {
		t.Errorf("Incr(2) on a Set \"-40\" = %d, %v; want -38", n, err)
	}
}

func testIncrNotInteger(t *testing.T, s state.Store, key func() string) {
	ctx := t.Context()
	for _, v := range []string{"abc", "1.5", "", "12x"} {
		k := key()
		must(t, s.Set(ctx, k, []byte(v), 0))
		if _, err := s.Incr(ctx, k, 1, 0); !errors.Is(err, state.ErrNotInteger) {
			t.Errorf("Incr on %q: %v, want ErrNotInteger", v, err)
		}
		if got, _, _ := s.Get(ctx, k); string(got) != v {
			t.Errorf("a failed Incr changed %q to %q", v, got)
		}
	}
}

func testIncrConcurrent(t *testing.T, s state.Store, key func() string) {
	k := key()
	const goroutines, each = 8, 250
	var wg sync.WaitGroup
	start := make(chan struct{}) // all at once, so that they overlap
	for range goroutines {
		wg.Go(func() {
			<-start
			for range each {
				if _, err := s.Incr(t.Context(), k, 1, 0); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	close(start)
	wg.Wait()
	if n, err := s.Incr(t.Context(), k, 0, 0); n != goroutines*each || err != nil {
		t.Errorf("after %d concurrent Incr(1): %d, %v; want %d", goroutines*each, n, err, goroutines*each)
	}
}

func testCompareAndSwap(t *testing.T, s state.Store, key func() string) {
	ctx := t.Context()
	k := key()
	a, b, c := []byte("a"), randomValue(), randomValue()
	if ok, err := s.CompareAndSwap(ctx, k, nil, a, 0); !ok || err != nil {
		t.Fatalf("CompareAndSwap(missing, nil, a) = %v, %v; want true", ok, err)
	}
	if ok, err := s.CompareAndSwap(ctx, k, nil, b, 0); ok || err != nil {
		t.Fatalf("CompareAndSwap(present, nil, b) = %v, %v; want false: nil old means only if missing", ok, err)
	}
	if ok, err := s.CompareAndSwap(ctx, k, a, b, 0); !ok || err != nil {
		t.Fatalf("CompareAndSwap(a, a, b) = %v, %v; want true", ok, err)
	}
	if ok, err := s.CompareAndSwap(ctx, k, a, c, 0); ok || err != nil {
		t.Fatalf("CompareAndSwap with a stale old = %v, %v; want false", ok, err)
	}
	if got, _, _ := s.Get(ctx, k); !bytes.Equal(got, b) {
		t.Errorf("Get = %x, want %x", got, b)
	}
	if ok, err := s.CompareAndSwap(ctx, key(), a, b, 0); ok || err != nil {
		t.Errorf("CompareAndSwap(missing, a, b) = %v, %v; want false", ok, err)
	}
	e := key()
	must(t, s.Set(ctx, e, []byte{}, 0))
	if ok, err := s.CompareAndSwap(ctx, e, nil, a, 0); ok || err != nil {
		t.Errorf("CompareAndSwap(empty value, nil, a) = %v, %v; want false: an empty value is not a missing key", ok, err)
	}
	if ok, err := s.CompareAndSwap(ctx, e, []byte{}, a, 0); !ok || err != nil {
		t.Errorf("CompareAndSwap(empty value, empty, a) = %v, %v; want true", ok, err)
	}
}

// testCASConcurrent does what the Store's documentation says
// CompareAndSwap is for: a read-modify-write loop, from many goroutines.
// Not one update may be lost.
func testCASConcurrent(t *testing.T, s state.Store, key func() string) {
	ctx := t.Context()
	k := key()
	must(t, s.Set(ctx, k, []byte("0"), 0))
	const goroutines, each = 4, 25
	var wg sync.WaitGroup
	start := make(chan struct{})
	for range goroutines {
		wg.Go(func() {
			<-start
			for range each {
				for {
					cur, _, err := s.Get(ctx, k)
					if err != nil {
						t.Error(err)
						return
					}
					n, _ := strconv.Atoi(string(cur))
					ok, err := s.CompareAndSwap(ctx, k, cur, []byte(strconv.Itoa(n+1)), 0)
					if err != nil {
						t.Error(err)
						return
					}
					if ok {
						break
					}
				}
			}
		})
	}
	close(start)
	wg.Wait()
	if got, _, _ := s.Get(ctx, k); string(got) != strconv.Itoa(goroutines*each) {
		t.Errorf("after %d read-modify-writes: %q", goroutines*each, got)
	}
}

func testExpiry(t *testing.T, s state.Store, key func() string, ttl time.Duration, wait func()) {
	ctx := t.Context()
	short, forever := key(), key()
	start := time.Now()
	must(t, s.Set(ctx, short, []byte("v"), ttl))
	must(t, s.Set(ctx, forever, []byte("v"), 0))
	_, found, err := s.Get(ctx, short)
	skipIfStalled(t, start, ttl)
	if !found || err != nil {
		t.Fatalf("Get right after Set with ttl %v: found=%v err=%v", ttl, found, err)
	}
	wait()
	if _, found, err := s.Get(ctx, short); found || err != nil {
		t.Errorf("Get after the ttl: found=%v err=%v; want false, nil", found, err)
	}
	if _, found, _ := s.Get(ctx, forever); !found {
		t.Error("a key with ttl 0 expired")
	}
	must(t, s.Set(ctx, forever, []byte("w"), ttl)) // Set replaces the expiry too
	wait()
	if _, found, _ := s.Get(ctx, forever); found {
		t.Error("Set with a ttl over a key without one: the key did not expire")
	}
}

func testIncrKeepsExpiry(t *testing.T, s state.Store, key func() string, ttl time.Duration, wait func()) {
	ctx := t.Context()
	k := key()
	start := time.Now()
	if _, err := s.Incr(ctx, k, 1, ttl); err != nil {
		t.Fatal(err)
	}
	n, err := s.Incr(ctx, k, 1, 100*ttl)
	skipIfStalled(t, start, ttl)
	if n != 2 || err != nil {
		t.Fatalf("second Incr = %d, %v; want 2", n, err)
	}
	wait()
	if _, found, err := s.Get(ctx, k); found || err != nil {
		t.Errorf("after the first Incr's ttl: found=%v err=%v; want false (an existing key keeps its expiry)", found, err)
	}
	if n, err := s.Incr(ctx, k, 5, 0); n != 5 || err != nil {
		t.Errorf("Incr(5) on an expired counter = %d, %v; want 5", n, err)
	}
}

func testCASExpiry(t *testing.T, s state.Store, key func() string, ttl time.Duration, wait func()) {
	ctx := t.Context()
	k := key()
	if ok, err := s.CompareAndSwap(ctx, k, nil, []byte("a"), ttl); !ok || err != nil {
		t.Fatalf("CompareAndSwap(missing, nil, a, %v) = %v, %v", ttl, ok, err)
	}
	wait()
	if ok, err := s.CompareAndSwap(ctx, k, []byte("a"), []byte("b"), 0); ok || err != nil {
		t.Errorf("CompareAndSwap on an expired key with its old value = %v, %v; want false", ok, err)
	}
	if ok, err := s.CompareAndSwap(ctx, k, nil, []byte("c"), 0); !ok || err != nil {
		t.Errorf("CompareAndSwap(expired, nil, c) = %v, %v; want true: expired counts as missing", ok, err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// skipIfStalled skips the test if ttl has passed since start: against a
// store on a real clock, a machine that stalled the test for that long
// (a busy CI host) lets a key expire before the test could look at it,
// and the test can tell nothing. In a synctest bubble no time passes
// and it never skips.
func skipIfStalled(t *testing.T, start time.Time, ttl time.Duration) {
	t.Helper()
	if elapsed := time.Since(start); elapsed >= ttl {
		t.Skipf("the test was stalled for %v, longer than the ttl of %v: expiry cannot be checked this time", elapsed, ttl)
	}
}
