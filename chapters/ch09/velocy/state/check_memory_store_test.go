package state

import (
	"bytes"
	"context"
	"errors"
	"math/rand/v2"
	"strconv"
	"testing"
	"testing/synctest"
	"time"
)

func memoryCheckValue() []byte {
	b := make([]byte, 1+rand.IntN(40))
	for i := range b {
		b[i] = byte(rand.Uint32())
	}
	return b
}

func TestMemorySetGet(t *testing.T) {
	ctx := t.Context()
	m := NewMemory(MemoryOptions{})
	want := map[string][]byte{}
	for range 200 {
		k, v := "k"+strconv.Itoa(rand.IntN(50)), memoryCheckValue()
		if err := m.Set(ctx, k, v, 0); err != nil {
			t.Fatalf("Set(%q) = %v", k, err)
		}
		want[k] = bytes.Clone(v)
	}
	for k, v := range want {
		got, found, err := m.Get(ctx, k)
		if !found || err != nil || !bytes.Equal(got, v) {
			t.Fatalf("Get(%q) = %x, %v, %v; want %x, true, nil", k, got, found, err, v)
		}
	}
	if got, found, err := m.Get(ctx, "missing"); got != nil || found || err != nil {
		t.Errorf(`Get("missing") = %q, %v, %v; want nil, false, nil: a missing key is not an error`, got, found, err)
	}
	if m.Len() != len(want) {
		t.Errorf("Len() = %d, want %d", m.Len(), len(want))
	}
}

func TestMemoryKeepsCopies(t *testing.T) {
	ctx := t.Context()
	m := NewMemory(MemoryOptions{})
	v := memoryCheckValue()
	want := bytes.Clone(v)
	m.Set(ctx, "k", v, 0)
	v[0]++
	got, _, _ := m.Get(ctx, "k")
	if !bytes.Equal(got, want) {
		t.Fatalf("the caller changed the slice it gave Set, and Get now returns %x, want %x: Set must store a copy", got, want)
	}
	got[0]++
	again, _, _ := m.Get(ctx, "k")
	if !bytes.Equal(again, want) {
		t.Errorf("the caller changed the slice Get returned, and the store changed with it: Get must return a copy")
	}
}

func TestMemoryTTL(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := t.Context()
		m := NewMemory(MemoryOptions{})
		ttl := time.Duration(1+rand.IntN(100)) * time.Second
		m.Set(ctx, "short", []byte("v"), ttl)
		m.Set(ctx, "forever", []byte("v"), 0)
		time.Sleep(ttl - time.Nanosecond)
		if _, found, _ := m.Get(ctx, "short"); !found {
			t.Fatalf("a key set with ttl %v is gone before its time", ttl)
		}
		time.Sleep(time.Nanosecond)
		if _, found, _ := m.Get(ctx, "short"); found {
			t.Fatalf("a key set with ttl %v is still there after %v", ttl, ttl)
		}
		if m.Len() != 1 {
			t.Errorf("Len() = %d: drop an expired key when Get meets it", m.Len())
		}
		time.Sleep(1000 * time.Hour)
		if _, found, _ := m.Get(ctx, "forever"); !found {
			t.Error("a key set with ttl 0 expired")
		}
	})
}

func TestMemoryDelete(t *testing.T) {
	ctx := t.Context()
	m := NewMemory(MemoryOptions{})
	k := "k" + strconv.Itoa(rand.IntN(100))
	m.Set(ctx, k, []byte("v"), 0)
	if _, found, _ := m.Get(ctx, k); !found {
		t.Fatalf("Get(%q) after Set: not found", k)
	}
	if err := m.Delete(ctx, k); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := m.Get(ctx, k); found {
		t.Errorf("Get(%q) after Delete found it", k)
	}
	if err := m.Delete(ctx, "never-set"); err != nil {
		t.Errorf("Delete of a missing key = %v, want nil", err)
	}
	if m.Len() != 0 {
		t.Errorf("Len() = %d after Delete, want 0", m.Len())
	}
}

func TestMemoryBoundedLRU(t *testing.T) {
	ctx := t.Context()
	n := 3 + rand.IntN(6)
	m := NewMemory(MemoryOptions{MaxEntries: n, Shards: 1})
	for i := range n {
		m.Set(ctx, strconv.Itoa(i), []byte("v"), 0)
	}
	m.Get(ctx, "0")
	m.Set(ctx, "new", []byte("v"), 0)
	if _, found, _ := m.Get(ctx, "1"); found {
		t.Errorf("room for %d keys, %d set, 0 read, one more set: 1, the least recently used, is still there", n, n)
	}
	if _, found, _ := m.Get(ctx, "0"); !found {
		t.Errorf("room for %d keys: 0 was evicted though it was just read", n)
	}
	if m.Len() != n {
		t.Errorf("Len() = %d, want %d", m.Len(), n)
	}
}

func TestMemoryErrors(t *testing.T) {
	m := NewMemory(MemoryOptions{})
	if err := m.Set(t.Context(), "k", []byte("v"), -time.Second); !errors.Is(err, ErrNegativeTTL) {
		t.Errorf("Set with ttl -1s = %v, want ErrNegativeTTL", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := m.Set(ctx, "k", []byte("v"), 0); !errors.Is(err, context.Canceled) {
		t.Errorf("Set with a cancelled context = %v, want context.Canceled", err)
	}
	if _, _, err := m.Get(ctx, "k"); !errors.Is(err, context.Canceled) {
		t.Errorf("Get with a cancelled context = %v, want context.Canceled", err)
	}
	if err := m.Delete(ctx, "k"); !errors.Is(err, context.Canceled) {
		t.Errorf("Delete with a cancelled context = %v, want context.Canceled", err)
	}
}
