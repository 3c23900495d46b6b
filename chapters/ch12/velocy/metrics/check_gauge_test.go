package metrics

import (
	"math/rand/v2"
	"sync"
	"testing"
	"time"
)

func TestMetGaugeOps(t *testing.T) {
	var g Gauge
	want := 0.0
	for range 300 {
		op := ""
		switch rand.IntN(4) {
		case 0:
			v := (rand.Float64() - 0.5) * 1e4
			g.Set(v)
			want, op = v, "Set"
		case 1:
			g.Inc()
			want, op = want+1, "Inc()"
		case 2:
			g.Dec()
			want, op = want-1, "Dec()"
		case 3:
			v := (rand.Float64() - 0.5) * 100
			g.Add(v)
			want, op = want+v, "Add (negative values too)"
		}
		if got := g.Value(); got != want {
			t.Fatalf("after %s, Value() = %v, want %v", op, got, want)
		}
	}
}

func TestMetGaugeConcurrent(t *testing.T) {
	var g Gauge
	start := float64(rand.IntN(100))
	g.Set(start)
	goroutines, n := 8, 500+rand.IntN(500)
	var wg sync.WaitGroup
	for i := range goroutines {
		wg.Go(func() {
			for range n {
				if i%2 == 0 {
					g.Inc()
					g.Add(0.5)
				} else {
					g.Dec()
					g.Add(-0.25)
				}
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("8 goroutines calling Inc, Dec and Add did not finish within 10s: does a loop never end?")
	}
	want := start + float64(goroutines/2*n)*1.5 - float64(goroutines/2*n)*1.25
	if got := g.Value(); got != want {
		t.Fatalf("Set(%v), then 4 goroutines × %d × (Inc, Add(0.5)) and 4 × (Dec, Add(-0.25)): Value() = %v, want %v: each update must be one atomic step on g.bits (addFloat)", start, n, got, want)
	}
}
