package redisstore

import (
	"context"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/state"
)

// What the contract can only watch run out, Redis shows exactly: the TTL
// each call leaves on the key, read back with PTTL.
func TestStoreTTLs(t *testing.T) {
	c := newClient(t)
	prefix := testPrefix(t)
	s := NewStore(c, prefix)
	ctx := context.Background()
	pttl := func(key string) time.Duration {
		t.Helper()
		d, err := c.PTTL(ctx, prefix+key).Result()
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	const noExpiry = -1 * time.Nanosecond // go-redis's answer for PTTL -1

	mustSet(t, s, "a", []byte("v"), 90*time.Second)
	if d := pttl("a"); d <= 0 || d > 90*time.Second {
		t.Errorf("Set(ttl 90s): PTTL %v, want in (0, 90s]", d)
	}
	mustSet(t, s, "a", []byte("v"), 0)
	if d := pttl("a"); d != noExpiry {
		t.Errorf("Set(ttl 0) over a key with a TTL: PTTL %v, want none", d)
	}
	mustSet(t, s, "b", []byte("v"), 100*time.Microsecond)
	if d := pttl("b"); d > time.Millisecond {
		t.Errorf("Set(ttl 100µs): PTTL %v, want at most 1ms (rounded up, not down to none)", d)
	}

	// Incr: a TTL for a key it creates, none for one that exists.
	if _, err := s.Incr(ctx, "n", 1, time.Hour); err != nil {
		t.Fatal(err)
	}
	if d := pttl("n"); d <= 59*time.Minute || d > time.Hour {
		t.Errorf("Incr creating the key with ttl 1h: PTTL %v", d)
	}
	if _, err := s.Incr(ctx, "n", 1, time.Second); err != nil {
		t.Fatal(err)
	}
	if d := pttl("n"); d <= 59*time.Minute {
		t.Errorf("Incr on an existing key changed its expiry: PTTL %v, want the 1h it had", d)
	}
	mustSet(t, s, "m", []byte("7"), 0)
	if _, err := s.Incr(ctx, "m", 1, time.Second); err != nil {
		t.Fatal(err)
	}
	if d := pttl("m"); d != noExpiry {
		t.Errorf("Incr on a key without expiry gave it one: PTTL %v", d)
	}

	// CompareAndSwap sets the TTL it is given, as Set does.
	if ok, err := s.CompareAndSwap(ctx, "m", []byte("8"), []byte("9"), time.Hour); !ok || err != nil {
		t.Fatalf("CompareAndSwap = %v, %v", ok, err)
	}
	if d := pttl("m"); d <= 59*time.Minute {
		t.Errorf("CompareAndSwap(ttl 1h): PTTL %v", d)
	}
	if ok, err := s.CompareAndSwap(ctx, "m", []byte("9"), []byte("10"), 0); !ok || err != nil {
		t.Fatalf("CompareAndSwap = %v, %v", ok, err)
	}
	if d := pttl("m"); d != noExpiry {
		t.Errorf("CompareAndSwap(ttl 0): PTTL %v, want none", d)
	}
}

// The prefix keeps stores apart: the same key in two stores is two keys.
func TestStorePrefix(t *testing.T) {
	c := newClient(t)
	p := testPrefix(t)
	a, b := NewStore(c, p+"a:"), NewStore(c, p+"b:")
	mustSet(t, a, "k", []byte("from a"), 0)
	if _, found, err := b.Get(context.Background(), "k"); found || err != nil {
		t.Fatalf("store b sees store a's key (found %v, err %v)", found, err)
	}
	if v, err := c.Get(context.Background(), p+"a:k").Result(); err != nil || v != "from a" {
		t.Fatalf("raw GET %sa:k = %q, %v", p, v, err)
	}
}

func mustSet(t *testing.T, s state.Store, key string, v []byte, ttl time.Duration) {
	t.Helper()
	if err := s.Set(context.Background(), key, v, ttl); err != nil {
		t.Fatalf("Set(%q): %v", key, err)
	}
}
