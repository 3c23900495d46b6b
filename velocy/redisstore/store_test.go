package redisstore

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/state"
)

// TestStoreContract runs the contract of state.Store against Store.
// storeContract uses the interface only, so that it can give way to the
// shared conformance suite of velocy/state when there is one.
func TestStoreContract(t *testing.T) {
	c := newClient(t)
	storeContract(t, func(t *testing.T) state.Store { return NewStore(c, testPrefix(t)) })
}

func storeContract(t *testing.T, newStore func(*testing.T) state.Store) {
	ctx := context.Background()

	t.Run("GetMissing", func(t *testing.T) {
		s := newStore(t)
		v, found, err := s.Get(ctx, "nothing")
		if err != nil || found || v != nil {
			t.Fatalf("Get(missing) = %q, %v, %v; want nil, false, nil", v, found, err)
		}
	})

	t.Run("SetGetCopies", func(t *testing.T) {
		s := newStore(t)
		val := []byte("hello")
		if err := s.Set(ctx, "k", val, 0); err != nil {
			t.Fatal(err)
		}
		val[0] = 'J' // the store must not have kept it
		got := mustGet(t, s, "k")
		if string(got) != "hello" {
			t.Fatalf("Get = %q, want %q", got, "hello")
		}
		got[0] = 'Y' // nor may the caller's changes reach it
		if got := mustGet(t, s, "k"); string(got) != "hello" {
			t.Fatalf("Get after changing the returned slice = %q, want %q", got, "hello")
		}
	})

	t.Run("SetReplacesAndBinary", func(t *testing.T) {
		s := newStore(t)
		bin := []byte{0, 1, 2, '\r', '\n', 0xff}
		mustSet(t, s, "k", []byte("first"), 0)
		mustSet(t, s, "k", bin, time.Hour)
		if got := mustGet(t, s, "k"); !bytes.Equal(got, bin) {
			t.Fatalf("Get = %q, want %q", got, bin)
		}
	})

	t.Run("EmptyValueIsFound", func(t *testing.T) {
		s := newStore(t)
		mustSet(t, s, "k", []byte{}, 0)
		v, found, err := s.Get(ctx, "k")
		if err != nil || !found || len(v) != 0 {
			t.Fatalf("Get(empty) = %q, %v, %v; want \"\", true, nil", v, found, err)
		}
	})

	t.Run("Delete", func(t *testing.T) {
		s := newStore(t)
		if err := s.Delete(ctx, "never"); err != nil {
			t.Fatalf("Delete(missing) = %v, want nil", err)
		}
		mustSet(t, s, "k", []byte("v"), 0)
		if err := s.Delete(ctx, "k"); err != nil {
			t.Fatal(err)
		}
		if _, found, _ := s.Get(ctx, "k"); found {
			t.Fatal("Get after Delete found the key")
		}
	})

	t.Run("Expires", func(t *testing.T) {
		s := newStore(t)
		mustSet(t, s, "k", []byte("v"), time.Millisecond)
		eventuallyMissing(t, s, "k")
	})

	t.Run("NegativeTTL", func(t *testing.T) {
		s := newStore(t)
		if err := s.Set(ctx, "k", []byte("v"), -time.Second); !errors.Is(err, state.ErrNegativeTTL) {
			t.Errorf("Set(ttl<0) = %v, want ErrNegativeTTL", err)
		}
		if _, err := s.Incr(ctx, "k", 1, -time.Second); !errors.Is(err, state.ErrNegativeTTL) {
			t.Errorf("Incr(ttl<0) = %v, want ErrNegativeTTL", err)
		}
		if _, err := s.CompareAndSwap(ctx, "k", nil, []byte("v"), -time.Second); !errors.Is(err, state.ErrNegativeTTL) {
			t.Errorf("CompareAndSwap(ttl<0) = %v, want ErrNegativeTTL", err)
		}
		if _, found, _ := s.Get(ctx, "k"); found {
			t.Error("a call with a negative ttl stored the key")
		}
	})

	t.Run("Incr", func(t *testing.T) {
		s := newStore(t)
		for i, tc := range []struct{ delta, want int64 }{{5, 5}, {-7, -2}, {0, -2}, {1 << 40, 1<<40 - 2}} {
			n, err := s.Incr(ctx, "n", tc.delta, 0)
			if err != nil || n != tc.want {
				t.Fatalf("Incr #%d (%+d) = %d, %v; want %d, nil", i, tc.delta, n, err, tc.want)
			}
		}
		if got := mustGet(t, s, "n"); string(got) != strconv.FormatInt(1<<40-2, 10) {
			t.Fatalf("Get after Incr = %q, want the decimal sum", got)
		}
		mustSet(t, s, "text", []byte("twelve"), 0)
		if _, err := s.Incr(ctx, "text", 1, 0); !errors.Is(err, state.ErrNotInteger) {
			t.Fatalf("Incr(\"twelve\") = %v, want ErrNotInteger", err)
		}
	})

	t.Run("IncrCreatesWithTTL", func(t *testing.T) {
		s := newStore(t)
		if _, err := s.Incr(ctx, "n", 1, time.Millisecond); err != nil {
			t.Fatal(err)
		}
		eventuallyMissing(t, s, "n")
	})

	t.Run("IncrParallel", func(t *testing.T) {
		s := newStore(t)
		const workers, each = 20, 25
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for range each {
					if _, err := s.Incr(ctx, "n", 1, time.Minute); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		if got := mustGet(t, s, "n"); string(got) != strconv.Itoa(workers*each) {
			t.Fatalf("after %d parallel Incr the value is %s", workers*each, got)
		}
	})

	t.Run("CompareAndSwap", func(t *testing.T) {
		s := newStore(t)
		steps := []struct {
			old, new string
			nilOld   bool
			want     bool
			after    string
		}{
			{nilOld: true, new: "a", want: true, after: "a"},  // missing: created
			{nilOld: true, new: "b", want: false, after: "a"}, // present: not replaced
			{old: "x", new: "b", want: false, after: "a"},     // wrong old
			{old: "a", new: "b", want: true, after: "b"},
			{old: "b", new: "", want: true, after: ""},
			{old: "", new: "c", want: true, after: "c"}, // an empty old is not nil
		}
		for i, st := range steps {
			var old []byte
			if !st.nilOld {
				old = []byte(st.old)
			}
			ok, err := s.CompareAndSwap(ctx, "k", old, []byte(st.new), 0)
			if err != nil || ok != st.want {
				t.Fatalf("step %d: CompareAndSwap(%q -> %q) = %v, %v; want %v", i, old, st.new, ok, err, st.want)
			}
			if got := mustGet(t, s, "k"); string(got) != st.after {
				t.Fatalf("step %d: value %q, want %q", i, got, st.after)
			}
		}
		ok, err := s.CompareAndSwap(ctx, "missing", []byte(""), []byte("v"), 0)
		if err != nil || ok {
			t.Fatalf("CompareAndSwap(missing, old \"\") = %v, %v; want false (only a nil old matches a missing key)", ok, err)
		}
	})

	t.Run("CompareAndSwapTTL", func(t *testing.T) {
		s := newStore(t)
		if ok, err := s.CompareAndSwap(ctx, "a", nil, []byte("v"), time.Millisecond); !ok || err != nil {
			t.Fatalf("CompareAndSwap(nil old) = %v, %v", ok, err)
		}
		eventuallyMissing(t, s, "a")
		mustSet(t, s, "b", []byte("v"), 0)
		if ok, err := s.CompareAndSwap(ctx, "b", []byte("v"), []byte("w"), time.Millisecond); !ok || err != nil {
			t.Fatalf("CompareAndSwap = %v, %v", ok, err)
		}
		eventuallyMissing(t, s, "b")
	})

	t.Run("CompareAndSwapCounter", func(t *testing.T) {
		// The read-modify-write loop of state.Store's doc, from many
		// goroutines at once: no increment may be lost.
		s := newStore(t)
		const workers, each = 10, 20
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for range each {
					for {
						old, found, err := s.Get(ctx, "n")
						if err != nil {
							t.Error(err)
							return
						}
						n := 0
						if found {
							n, _ = strconv.Atoi(string(old))
						} else {
							old = nil
						}
						ok, err := s.CompareAndSwap(ctx, "n", old, []byte(strconv.Itoa(n+1)), 0)
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
		wg.Wait()
		if got := mustGet(t, s, "n"); string(got) != strconv.Itoa(workers*each) {
			t.Fatalf("after %d increments by CompareAndSwap the value is %s", workers*each, got)
		}
	})

	t.Run("CanceledContext", func(t *testing.T) {
		s := newStore(t)
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		if _, _, err := s.Get(cctx, "k"); !errors.Is(err, context.Canceled) {
			t.Errorf("Get = %v, want context.Canceled", err)
		}
		if err := s.Set(cctx, "k", []byte("v"), 0); !errors.Is(err, context.Canceled) {
			t.Errorf("Set = %v, want context.Canceled", err)
		}
		if err := s.Delete(cctx, "k"); !errors.Is(err, context.Canceled) {
			t.Errorf("Delete = %v, want context.Canceled", err)
		}
		if _, err := s.Incr(cctx, "k", 1, 0); !errors.Is(err, context.Canceled) {
			t.Errorf("Incr = %v, want context.Canceled", err)
		}
		if _, err := s.CompareAndSwap(cctx, "k", nil, []byte("v"), 0); !errors.Is(err, context.Canceled) {
			t.Errorf("CompareAndSwap = %v, want context.Canceled", err)
		}
		if _, found, _ := s.Get(ctx, "k"); found {
			t.Error("a call with a canceled context stored the key")
		}
	})
}

func mustSet(t *testing.T, s state.Store, key string, v []byte, ttl time.Duration) {
	t.Helper()
	if err := s.Set(context.Background(), key, v, ttl); err != nil {
		t.Fatalf("Set(%q): %v", key, err)
	}
}

func mustGet(t *testing.T, s state.Store, key string) []byte {
	t.Helper()
	v, found, err := s.Get(context.Background(), key)
	if err != nil || !found {
		t.Fatalf("Get(%q) = %q, %v, %v; want the value", key, v, found, err)
	}
	return v
}

// eventuallyMissing waits until key is gone, for at most 5 seconds. The
// server's clock is real, so a TTL can only be watched running out; the
// TTLs in these tests are a millisecond, and 5 s only bounds a failure.
func eventuallyMissing(t *testing.T, s state.Store, key string) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		_, found, err := s.Get(context.Background(), key)
		if err != nil {
			t.Fatal(err)
		}
		if !found {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%q has not expired 5 s after its 1 ms TTL", key)
		}
		time.Sleep(time.Millisecond)
	}
}
