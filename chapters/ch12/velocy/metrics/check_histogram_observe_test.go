package metrics

import (
	"math"
	"math/rand/v2"
	"sync"
	"testing"
	"time"
)

// metObsHist returns a histogram with random bounds 0.5, 1, 1.5, ...
func metObsHist() *Histogram {
	upper := make([]float64, 1+rand.IntN(12))
	for i := range upper {
		upper[i] = float64(i+1) / 2
	}
	return newHistogram(upper, leStrings(upper))
}

// metObsHalf returns a half's counts (not cumulated) and its sum.
func metObsHalf(h *Histogram, i int) ([]uint64, float64) {
	counts := make([]uint64, len(h.halves[i].counts))
	for j := range counts {
		counts[j] = h.halves[i].counts[j].Load()
	}
	return counts, math.Float64frombits(h.halves[i].sum.Load())
}

func TestMetObserve(t *testing.T) {
	h := metObsHist()
	wantCounts := make([]uint64, len(h.upper)+1)
	wantSum, n := 0.0, uint64(0)
	for range 300 {
		var v float64
		switch rand.IntN(6) {
		case 0:
			v = h.upper[rand.IntN(len(h.upper))] // on a bound: that bucket
		case 1:
			v = math.NaN()
		default:
			v = rand.Float64() * float64(len(h.upper)+2) / 2
		}
		h.Observe(v)
		if math.IsNaN(v) {
			continue
		}
		wantCounts[h.bucket(v)]++
		wantSum += v
		n++
	}
	counts, sum := metObsHalf(h, 0)
	for i := range counts {
		if counts[i] != wantCounts[i] {
			t.Fatalf("with bounds %v, after %d observations (and some NaN), bucket %d counts %d, want %d: add 1 to halves[0].counts[bucket(v)] (not cumulated; NaN is ignored)", h.upper, n, i, counts[i], wantCounts[i])
		}
	}
	if sum != wantSum {
		t.Fatalf("halves[0].sum = %v, want %v: add v to the float64 with addFloat", sum, wantSum)
	}
	if got := h.state.Load(); got != n {
		t.Fatalf("state = %d after %d observations, want %d: count each (not NaN) with state.Add(1)", got, n, n)
	}
	if a := testing.AllocsPerRun(100, func() { h.Observe(0.7) }); a != 0 {
		t.Fatalf("Observe allocates %v times per call, want 0", a)
	}
}

func TestMetObserveHotHalf(t *testing.T) {
	h := metObsHist()
	h.state.Store(hotBit) // as if a scrape had flipped the halves
	k := 1 + rand.IntN(20)
	for range k {
		h.Observe(0.25)
	}
	c1, s1 := metObsHalf(h, 1)
	c0, s0 := metObsHalf(h, 0)
	if c1[0] != uint64(k) || s1 != 0.25*float64(k) || c0[0] != 0 || s0 != 0 {
		t.Fatalf("with the top bit of state set, %d × Observe(0.25) counted %d in halves[1] (sum %v) and %d in halves[0] (sum %v), want all in halves[1]: the half is the top bit of the value state.Add(1) returns", k, c1[0], s1, c0[0], s0)
	}
	if h.state.Load() != hotBit|uint64(k) {
		t.Fatalf("state = %#x, want %#x: the low bits count, the top bit stays", h.state.Load(), hotBit|uint64(k))
	}
}

func TestMetObserveConcurrent(t *testing.T) {
	h := metObsHist()
	n := 500 + rand.IntN(500)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range n {
				h.Observe(float64((g+i)%4) / 2)
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("8 goroutines calling Observe did not finish within 10s: does a loop never end?")
	}
	counts, sum := metObsHalf(h, 0)
	total := uint64(0)
	for _, c := range counts {
		total += c
	}
	want, wantSum := uint64(8*n), 0.0
	for g := range 8 {
		for i := range n {
			wantSum += float64((g+i)%4) / 2
		}
	}
	if total != want || h.state.Load() != want || sum != wantSum {
		t.Fatalf("8 goroutines × %d Observe: buckets add up to %d, state %d, sum %v; want %d, %d, %v: every update must be atomic", n, total, h.state.Load(), sum, want, want, wantSum)
	}
}
