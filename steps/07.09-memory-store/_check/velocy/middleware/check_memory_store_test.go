package middleware

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// memStoreLoad returns Load's answer as one string, for messages.
func memStoreLoad(m *MemoryStore, id string) string {
	data, found, err := m.Load(context.Background(), id)
	if err != nil {
		return "error " + err.Error()
	}
	if !found {
		return "not found"
	}
	return fmt.Sprintf("%q", data)
}

func TestMemoryStoreKeepsWhatItIsGiven(t *testing.T) {
	ctx := context.Background()
	m := NewMemoryStore(10)
	id, data := fmt.Sprint("id", rand.IntN(1e6)), fmt.Sprint("data", rand.IntN(1e6))
	if got := memStoreLoad(m, id); got != "not found" {
		t.Fatalf("Load of an id never saved = %s, want not found", got)
	}
	exp := time.Now().Add(time.Hour)
	m.Save(ctx, id, []byte("first"), exp)
	in := []byte(data)
	if err := m.Save(ctx, id, in, exp); err != nil {
		t.Fatalf("Save = %v", err)
	}
	in[0] = 'X'
	if got := memStoreLoad(m, id); got != fmt.Sprintf("%q", data) {
		t.Fatalf("Save(%q) twice, the second with %q, then Load = %s: keep a copy of the latest data", id, data, got)
	}
	out, _, _ := m.Load(ctx, id)
	out[0] = 'Y'
	if got := memStoreLoad(m, id); got != fmt.Sprintf("%q", data) {
		t.Errorf("after the caller changed what Load returned, Load = %s: return a copy", got)
	}
	if n := m.Len(); n != 1 {
		t.Errorf("Len = %d after saving one id twice, want 1", n)
	}
	if err := m.Delete(ctx, id); err != nil {
		t.Errorf("Delete = %v", err)
	}
	if got := memStoreLoad(m, id); got != "not found" || m.Len() != 0 {
		t.Errorf("after Delete, Load = %s and Len = %d; want not found and 0", got, m.Len())
	}
	if err := m.Delete(ctx, id); err != nil {
		t.Errorf("Delete of an absent id = %v, want nil", err)
	}
}

func TestMemoryStoreExpires(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := context.Background()
		m := NewMemoryStore(10)
		ttl := time.Duration(1+rand.IntN(60)) * time.Minute
		m.Save(ctx, "a", []byte("x"), time.Now().Add(ttl))
		time.Sleep(ttl - time.Nanosecond)
		if got := memStoreLoad(m, "a"); got != `"x"` {
			t.Fatalf("1ns before its expiry, Load = %s, want \"x\"", got)
		}
		time.Sleep(time.Nanosecond)
		if got := memStoreLoad(m, "a"); got != "not found" {
			t.Fatalf("at its expiry, Load = %s, want not found", got)
		}
		if n := m.Len(); n != 0 {
			t.Errorf("Len = %d after Load met the expired entry, want 0: remove it", n)
		}

		m.Save(ctx, "b", []byte("x"), time.Now().Add(time.Second))
		time.Sleep(time.Second)
		m.Save(ctx, "c", []byte("x"), time.Now().Add(time.Hour))
		if n := m.Len(); n != 1 {
			t.Errorf("Len = %d, want 1: Save drops the expired entries at the top of byTime", n)
		}
		m.Save(ctx, "c", []byte("x"), time.Now())
		if got := memStoreLoad(m, "c"); got != "not found" || m.Len() != 0 {
			t.Errorf("after Save with an expiry of now, Load = %s and Len = %d; want not found and 0", got, m.Len())
		}
	})
}

func TestMemoryStoreEvictsTheSoonestExpiry(t *testing.T) {
	ctx := context.Background()
	max := 3 + rand.IntN(5)
	m := NewMemoryStore(max)
	now := time.Now()
	soonest := rand.IntN(max)
	for i := range max {
		exp := now.Add(time.Duration(2+i) * time.Hour)
		if i == soonest {
			exp = now.Add(time.Hour)
		}
		m.Save(ctx, fmt.Sprint(i), []byte("x"), exp)
	}
	// Updating an entry of a full store evicts nothing.
	m.Save(ctx, fmt.Sprint((soonest+1)%max), []byte("y"), now.Add(100*time.Hour))
	if n := m.Len(); n != max {
		t.Fatalf("NewMemoryStore(%d) holds %d after %d saves and an update, want %d", max, n, max, max)
	}
	m.Save(ctx, "new", []byte("x"), now.Add(50*time.Hour))
	if n := m.Len(); n != max {
		t.Errorf("a full store of %d holds %d after one more Save, want %d: evict one", max, n, max)
	}
	for i := range max {
		got := memStoreLoad(m, fmt.Sprint(i))
		if i == soonest && got != "not found" {
			t.Errorf("entry %d expires soonest, and is still there after the store overflowed: evict byTime[0]", i)
		}
		if i != soonest && got == "not found" {
			t.Errorf("entry %d was evicted, but entry %d expires sooner", i, soonest)
		}
	}
	if got := memStoreLoad(m, "new"); got != `"x"` {
		t.Errorf("the new entry: Load = %s", got)
	}
}

func TestMemoryStoreHonoursTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	m := NewMemoryStore(1)
	if err := m.Save(ctx, "a", nil, time.Now().Add(time.Hour)); err != context.Canceled {
		t.Errorf("Save with a cancelled context = %v, want context.Canceled", err)
	}
	if _, _, err := m.Load(ctx, "a"); err != context.Canceled {
		t.Errorf("Load with a cancelled context = %v, want context.Canceled", err)
	}
	if err := m.Delete(ctx, "a"); err != context.Canceled {
		t.Errorf("Delete with a cancelled context = %v, want context.Canceled", err)
	}
}

func TestMemoryStoreConcurrentUse(t *testing.T) {
	ctx := context.Background()
	const max = 40
	m := NewMemoryStore(max)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 300 {
				id := fmt.Sprint(g, "-", i%60)
				switch i % 3 {
				case 0:
					m.Save(ctx, id, []byte(id), time.Now().Add(time.Hour+time.Duration(i)))
				case 1:
					m.Load(ctx, id)
				case 2:
					m.Delete(ctx, id)
				}
			}
		})
	}
	wg.Wait()
	for i := range max + 5 {
		m.Save(ctx, fmt.Sprint("last", i), []byte("x"), time.Now().Add(2*time.Hour+time.Duration(i)))
	}
	if n := m.Len(); n != max {
		t.Errorf("after concurrent use and %d more saves, Len = %d, want the bound %d", max+5, n, max)
	}
	if got := memStoreLoad(m, fmt.Sprint("last", max+4)); got != `"x"` {
		t.Errorf("the last entry saved: Load = %s", got)
	}
}
