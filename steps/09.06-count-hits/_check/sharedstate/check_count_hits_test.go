package sharedstate

import (
	"log/slog"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
)

func TestHitCounterIsAtomic(t *testing.T) {
	f, ok := reflect.TypeFor[App]().FieldByName("hits")
	if !ok {
		t.Fatal("App has no field hits: keep the counter in the App, where Hit and Hits find it")
	}
	if f.Type.PkgPath() != "sync/atomic" {
		t.Fatalf("App.hits is a %s: a.hits++ is a read, an add and a write, and two requests "+
			"can read the same value and both write it plus one, losing a hit (go test -race "+
			"reports it; a plain test passes most of the time). Make it an atomic.Int64", f.Type)
	}

	a := New(slog.New(slog.DiscardHandler), Config{})
	workers := 4 + rand.IntN(5)
	each := 500 + rand.IntN(1500)
	got := make([][]int64, workers)
	var start sync.WaitGroup
	start.Add(1)
	var wg sync.WaitGroup
	for i := range workers {
		wg.Go(func() {
			start.Wait()
			for range each {
				got[i] = append(got[i], a.Hit())
			}
		})
	}
	start.Done()
	wg.Wait()

	total := int64(workers * each)
	if n := a.Hits(); n != total {
		t.Fatalf("%d goroutines called Hit %d times each; Hits() = %d, want %d", workers, each, n, total)
	}
	seen := make([]bool, total+1)
	for _, vs := range got {
		for _, v := range vs {
			if v < 1 || v > total {
				t.Fatalf("Hit() returned %d, want a number from 1 to %d (the count including this hit)", v, total)
			}
			if seen[v] {
				t.Fatalf("Hit() returned %d to two callers: return what Add(1) returns, "+
					"not a Load() after it, which another Hit may have moved on", v)
			}
			seen[v] = true
		}
	}
}
