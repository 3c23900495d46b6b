package ratelimit

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// fakeStore is the smallest Store there is: a map under a mutex, with
// expiry by time.Now. It counts the calls, and can be told to fail.
type fakeStore struct {
	mu       sync.Mutex
	vals     map[string]fakeValue
	gets     int
	swaps    int
	getErr   error
	alwaysCA bool // CompareAndSwap reports a conflict every time
}

type fakeValue struct {
	v       []byte
	expires time.Time
}

func newFakeStore() *fakeStore { return &fakeStore{vals: map[string]fakeValue{}} }

func (s *fakeStore) Get(_ context.Context, key string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gets++
	if s.getErr != nil {
		return nil, false, s.getErr
	}
	v, ok := s.vals[key]
	if !ok || !time.Now().Before(v.expires) {
		return nil, false, nil
	}
	return bytes.Clone(v.v), true, nil
}

func (s *fakeStore) CompareAndSwap(_ context.Context, key string, old, new []byte, ttl time.Duration) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.swaps++
	if s.alwaysCA {
		return false, nil
	}
	v, ok := s.vals[key]
	ok = ok && time.Now().Before(v.expires)
	if old == nil && ok || old != nil && (!ok || !bytes.Equal(old, v.v)) {
		return false, nil
	}
	s.vals[key] = fakeValue{bytes.Clone(new), time.Now().Add(ttl)}
	return true, nil
}

func TestStoreBackendExactUnderParallelBursts(t *testing.T) {
	b := &StoreBackend{Store: newFakeStore(), MaxRetries: 64}
	for _, limit := range []int{1, 3, 10} {
		p := Policy{Limit: limit, Period: time.Hour}
		if got := allowN(t, b, "k"+strconv.Itoa(limit), p, 20); got != min(20, limit) {
			t.Errorf("20 parallel requests against a limit of %d: %d allowed, want %d", limit, got, min(20, limit))
		}
	}
}

// TestStoreBackendAgreesWithMemory makes the same requests, at the same
// times, of a StoreBackend and a Memory: they must decide alike (to the
// microsecond the store keeps).
func TestStoreBackendAgreesWithMemory(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st := newFakeStore()
		sb := &StoreBackend{Store: st}
		m := NewMemory(MemoryOptions{})
		p := Policy{Limit: 4, Period: 2 * time.Second}
		waits := []time.Duration{0, 0, 0, 0, 0, 100 * time.Millisecond, 400 * time.Millisecond, 0, 3 * time.Second, 0, 0, 0, 0, 0}
		for i, w := range waits {
			time.Sleep(w)
			got, err := sb.Allow(ctx, "k", p)
			want, _ := m.Allow(ctx, "k", p)
			if err != nil || got != want {
				t.Fatalf("request %d: StoreBackend %+v, %v; Memory %+v", i, got, err, want)
			}
		}
		// The key's time to live ends with its TAT.
		st.mu.Lock()
		v := st.vals["ratelimit:k"]
		st.mu.Unlock()
		if tat, _ := strconv.ParseInt(string(v.v), 10, 64); time.UnixMicro(tat) != v.expires {
			t.Errorf("stored TAT %s expires at %v, want at the TAT", v.v, v.expires)
		}
	})
}

func TestStoreBackendRefusalWritesNothing(t *testing.T) {
	st := newFakeStore()
	b := &StoreBackend{Store: st, Prefix: "rl/"}
	p := Policy{Limit: 2, Period: time.Hour}
	for range 5 {
		b.Allow(ctx, "k", p)
	}
	if st.swaps != 2 {
		t.Errorf("5 requests against a limit of 2: %d writes, want 2 (a refusal writes nothing)", st.swaps)
	}
	if _, ok := st.vals["rl/k"]; !ok {
		t.Errorf("no key %q in the store: Prefix not used", "rl/k")
	}
}

func TestStoreBackendErrors(t *testing.T) {
	p := Policy{Limit: 2, Period: time.Hour}
	down := errors.New("connection refused")
	st := newFakeStore()
	st.getErr = down
	if _, err := (&StoreBackend{Store: st}).Allow(ctx, "k", p); !errors.Is(err, down) {
		t.Errorf("Get fails: error %v, want it wrapped", err)
	}
	st = newFakeStore()
	st.alwaysCA = true
	if _, err := (&StoreBackend{Store: st, MaxRetries: 3}).Allow(ctx, "k", p); !errors.Is(err, ErrContention) || st.swaps != 4 {
		t.Errorf("every swap conflicts: error %v after %d swaps, want ErrContention after 4", err, st.swaps)
	}
	if _, err := (&StoreBackend{Store: newFakeStore()}).Allow(ctx, "k", Policy{}); !errors.Is(err, ErrInvalidPolicy) {
		t.Errorf("zero Policy: error %v, want ErrInvalidPolicy", err)
	}
}

func TestStoreBackendReplacesGarbage(t *testing.T) {
	st := newFakeStore()
	st.vals["ratelimit:k"] = fakeValue{[]byte("garbage"), time.Now().Add(time.Hour)}
	d, err := (&StoreBackend{Store: st}).Allow(ctx, "k", Policy{Limit: 3, Period: time.Hour})
	if err != nil || !d.Allowed || d.Remaining != 2 {
		t.Errorf("a key holding garbage: %+v, %v; want it treated as fresh", d, err)
	}
}

// staleStore reports every key missing but hands back the bytes it once
// held, as a store may: the backend must not take them for the old value.
type staleStore struct{ *fakeStore }

func (s staleStore) Get(ctx context.Context, key string) ([]byte, bool, error) {
	return []byte("946684800000000"), false, nil
}

func TestStoreBackendMissingMeansNil(t *testing.T) {
	d, err := (&StoreBackend{Store: staleStore{newFakeStore()}}).Allow(ctx, "k", Policy{Limit: 2, Period: time.Hour})
	if err != nil || !d.Allowed {
		t.Errorf("a store that returns bytes with found=false: %+v, %v; want allowed (swap with old = nil)", d, err)
	}
}
