package state_test

import (
	"context"
	"fmt"
	"testing"
	"testing/synctest"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/state"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/state/statetest"
)

func TestMemoryConformance(t *testing.T) {
	statetest.RunWith(t, func(t *testing.T) state.Store {
		return state.NewMemory(state.MemoryOptions{})
	}, statetest.Options{Synctest: true})
}

func TestMemoryEvictsLeastRecentlyUsed(t *testing.T) {
	ctx := t.Context()
	m := state.NewMemory(state.MemoryOptions{MaxEntries: 3, Shards: 1})
	for _, k := range []string{"a", "b", "c"} {
		m.Set(ctx, k, []byte(k), 0)
	}
	m.Get(ctx, "a")
	m.Set(ctx, "d", []byte("d"), 0)
	if _, found, _ := m.Get(ctx, "b"); found {
		t.Error("b, the least recently used, is still there")
	}
	if m.Len() != 3 {
		t.Errorf("Len() = %d, want 3", m.Len())
	}
}

func TestSessionsAdapter(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx := t.Context()
		m := state.NewMemory(state.MemoryOptions{})
		var s middleware.Store = state.Sessions(m, "session:")
		if err := s.Save(ctx, "id1", []byte("data"), time.Now().Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if v, found, _ := m.Get(ctx, "session:id1"); !found || string(v) != "data" {
			t.Fatalf("the Store holds %q, %v under session:id1", v, found)
		}
		if v, found, err := s.Load(ctx, "id1"); !found || err != nil || string(v) != "data" {
			t.Fatalf("Load = %q, %v, %v", v, found, err)
		}
		time.Sleep(time.Hour)
		if _, found, _ := s.Load(ctx, "id1"); found {
			t.Error("the session outlived its expiry")
		}
		s.Save(ctx, "id2", []byte("x"), time.Now().Add(time.Hour))
		s.Save(ctx, "id2", []byte("x"), time.Now().Add(-time.Second))
		if _, found, _ := s.Load(ctx, "id2"); found {
			t.Error("saving with an expiry in the past kept the session")
		}
		s.Save(ctx, "id3", []byte("x"), time.Now().Add(time.Hour))
		s.Delete(ctx, "id3")
		if _, found, _ := s.Load(ctx, "id3"); found {
			t.Error("Delete kept the session")
		}
	})
}

func Example() {
	ctx := context.Background()
	var s state.Store = state.NewMemory(state.MemoryOptions{})
	s.Set(ctx, "greeting", []byte("hello"), time.Minute)
	v, found, _ := s.Get(ctx, "greeting")
	fmt.Println(string(v), found)

	n, _ := s.Incr(ctx, "visits", 1, time.Hour)
	n, _ = s.Incr(ctx, "visits", 1, time.Hour)
	fmt.Println("visits:", n)

	swapped, _ := s.CompareAndSwap(ctx, "leader", nil, []byte("node-1"), 10*time.Second)
	again, _ := s.CompareAndSwap(ctx, "leader", nil, []byte("node-2"), 10*time.Second)
	fmt.Println(swapped, again)
	// Output:
	// hello true
	// visits: 2
	// true false
}
