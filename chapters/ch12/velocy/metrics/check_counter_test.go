package metrics

import (
	"math"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// metCounterWait waits for wg, failing the test instead of hanging when
// the goroutines never finish (a compare-and-swap loop that never ends).
func metCounterWait(t *testing.T, wg *sync.WaitGroup, what string) {
	t.Helper()
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("%s did not finish within 10s: does a loop never end?", what)
	}
}

func TestMetAddFloat(t *testing.T) {
	var p atomic.Uint64
	want := 0.0
	for range 200 {
		v := (rand.Float64() - 0.3) * math.Pow(10, float64(rand.IntN(12)-6))
		before := want
		want += v
		addFloat(&p, v)
		if got := math.Float64frombits(p.Load()); got != want {
			t.Fatalf("addFloat(%v) on %v gave %v, want %v: p holds the float64's bits (math.Float64frombits, math.Float64bits)", v, before, got, want)
		}
	}
}

func TestMetCounterIncAdd(t *testing.T) {
	var c Counter
	want := 0.0
	for range 300 {
		switch rand.IntN(5) {
		case 0:
			c.Inc()
			want++
		case 1: // whole
			v := float64(rand.IntN(1000))
			c.Add(v)
			want += v
		case 2: // a fraction exact in binary, so that the sum is exact whatever the order
			v := float64(rand.IntN(64)) / 8
			c.Add(v)
			want += v
		case 3:
			v := -float64(1 + rand.IntN(100))
			c.Add(v)
			if got := c.Value(); got != want {
				t.Fatalf("after Add(%v), Value() = %v, want %v: a counter ignores a negative value (rate would read it as a restart)", v, got, want)
			}
		case 4:
			c.Add(math.NaN())
			if got := c.Value(); got != want {
				t.Fatalf("after Add(NaN), Value() = %v, want %v: NaN is ignored too (NaN > 0 is false)", got, want)
			}
		}
		if got := c.Value(); got != want {
			t.Fatalf("Value() = %v, want %v after a mix of Inc and Add", got, want)
		}
	}
}

func TestMetCounterConcurrent(t *testing.T) {
	var c Counter
	goroutines, n := 8, 500+rand.IntN(500)
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for range n {
				c.Inc()
				c.Add(0.25)
				c.Add(2)
			}
		})
	}
	metCounterWait(t, &wg, "8 goroutines calling Inc and Add")
	want := float64(goroutines*n) * 3.25
	if got := c.Value(); got != want {
		t.Fatalf("%d goroutines × %d × (Inc, Add(0.25), Add(2)): Value() = %v, want %v: every update must be atomic (n.Add, and a CompareAndSwap loop for the float)", goroutines, n, got, want)
	}
}
