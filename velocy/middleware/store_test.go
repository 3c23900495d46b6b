package middleware

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

var _ Store = (*MemoryStore)(nil)

func TestMemoryStoreSaveLoadDelete(t *testing.T) {
	ctx := context.Background()
	m := NewMemoryStore(10)
	if data, found, err := m.Load(ctx, "a"); found || err != nil || data != nil {
		t.Errorf("Load(absent) = %q, %v, %v; want nil, false, nil", data, found, err)
	}
	exp := time.Now().Add(time.Hour)
	if err := m.Save(ctx, "a", []byte("one"), exp); err != nil {
		t.Fatal(err)
	}
	if err := m.Save(ctx, "a", []byte("two"), exp); err != nil {
		t.Fatal(err)
	}
	if data, found, err := m.Load(ctx, "a"); !found || err != nil || string(data) != "two" {
		t.Errorf("Load after two Saves = %q, %v, %v; want \"two\", true, nil", data, found, err)
	}
	if err := m.Delete(ctx, "a"); err != nil {
		t.Fatal(err)
	}
	if _, found, _ := m.Load(ctx, "a"); found {
		t.Error("Load after Delete found the session")
	}
	if err := m.Delete(ctx, "a"); err != nil {
		t.Errorf("Delete(absent) = %v, want nil", err)
	}
	if m.Len() != 0 {
		t.Errorf("Len = %d, want 0", m.Len())
	}
}

func TestMemoryStoreCopies(t *testing.T) {
	ctx := context.Background()
	m := NewMemoryStore(1)
	in := []byte("abc")
	m.Save(ctx, "a", in, time.Now().Add(time.Hour))
	in[0] = 'X'
	out, _, _ := m.Load(ctx, "a")
	out[1] = 'Y'
	if again, _, _ := m.Load(ctx, "a"); string(again) != "abc" {
		t.Errorf("after the callers changed their slices, Load = %q, want \"abc\"", again)
	}
}

func TestMemoryStoreExpiry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		m := NewMemoryStore(10)
		m.Save(ctx, "a", []byte("x"), time.Now().Add(time.Minute))
		time.Sleep(time.Minute - time.Nanosecond)
		if _, found, _ := m.Load(ctx, "a"); !found {
			t.Error("session gone before its expiry")
		}
		time.Sleep(time.Nanosecond)
		if _, found, _ := m.Load(ctx, "a"); found {
			t.Error("session found at its expiry")
		}
		if m.Len() != 0 {
			t.Errorf("Len = %d after Load met an expired session, want 0", m.Len())
		}

		// Save drops what has expired, and an expiry in the past deletes.
		m.Save(ctx, "b", []byte("x"), time.Now().Add(time.Second))
		m.Save(ctx, "c", []byte("x"), time.Now().Add(time.Hour))
		time.Sleep(time.Second)
		m.Save(ctx, "c", []byte("x"), time.Now())
		if m.Len() != 0 {
			t.Errorf("Len = %d, want 0: b expired, c saved with an expiry of now", m.Len())
		}
	})
}

func TestMemoryStoreEvictsSoonestExpiry(t *testing.T) {
	ctx := context.Background()
	now := time.Now()
	m := NewMemoryStore(3)
	m.Save(ctx, "a", []byte("a"), now.Add(3*time.Hour))
	m.Save(ctx, "b", []byte("b"), now.Add(1*time.Hour))
	m.Save(ctx, "c", []byte("c"), now.Add(2*time.Hour))
	// Updating an existing session never evicts.
	m.Save(ctx, "b", []byte("b"), now.Add(4*time.Hour))
	if m.Len() != 3 {
		t.Fatalf("Len = %d after updating b, want 3", m.Len())
	}
	m.Save(ctx, "d", []byte("d"), now.Add(5*time.Hour))
	want := map[string]bool{"a": true, "b": true, "c": false, "d": true}
	for id, kept := range want {
		if _, found, _ := m.Load(ctx, id); found != kept {
			t.Errorf("after saving d into a full store, %s found = %v, want %v (c expires soonest)", id, found, kept)
		}
	}
	if m.Len() != 3 {
		t.Errorf("Len = %d, want 3", m.Len())
	}
}

func TestMemoryStoreContextCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	m := NewMemoryStore(1)
	if err := m.Save(ctx, "a", nil, time.Now().Add(time.Hour)); err != context.Canceled {
		t.Errorf("Save = %v, want context.Canceled", err)
	}
	if _, _, err := m.Load(ctx, "a"); err != context.Canceled {
		t.Errorf("Load = %v, want context.Canceled", err)
	}
	if err := m.Delete(ctx, "a"); err != context.Canceled {
		t.Errorf("Delete = %v, want context.Canceled", err)
	}
}

func TestNewMemoryStorePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("NewMemoryStore(0) did not panic")
		}
	}()
	NewMemoryStore(0)
}

// TestMemoryStoreConcurrent is for the race detector; it also checks the
// bound holds under contention.
func TestMemoryStoreConcurrent(t *testing.T) {
	ctx := context.Background()
	m := NewMemoryStore(50)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				id := fmt.Sprint(g, "-", i%80)
				switch i % 3 {
				case 0:
					m.Save(ctx, id, []byte(id), time.Now().Add(time.Duration(i)*time.Millisecond+time.Hour))
				case 1:
					if data, found, _ := m.Load(ctx, id); found && string(data) != id {
						t.Errorf("Load(%s) = %q", id, data)
					}
				case 2:
					m.Delete(ctx, id)
				}
				if n := m.Len(); n > 50 {
					t.Errorf("Len = %d, more than max 50", n)
				}
			}
		})
	}
	wg.Wait()
}

func BenchmarkMemoryStoreSaveFull(b *testing.B) {
	ctx := context.Background()
	m := NewMemoryStore(1000)
	data := []byte("{}")
	now := time.Now()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m.Save(ctx, fmt.Sprint(i), data, now.Add(time.Duration(i)*time.Second))
	}
}
