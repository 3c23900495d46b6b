package metrics

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

func TestCounterAndGauge(t *testing.T) {
	r := NewRegistry()
	c := r.Counter("c_total", "")
	c.Inc()
	c.Add(2)
	c.Add(0.5)
	c.Add(-5)         // ignored
	c.Add(math.NaN()) // ignored
	if got := c.Value(); got != 3.5 {
		t.Errorf("counter = %v, want 3.5", got)
	}
	g := r.Gauge("g", "")
	g.Set(10)
	g.Inc()
	g.Dec()
	g.Dec()
	g.Add(-0.5)
	if got := g.Value(); got != 8.5 {
		t.Errorf("gauge = %v, want 8.5", got)
	}
}

func TestCounterConcurrent(t *testing.T) {
	c := NewRegistry().Counter("c_total", "")
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 10000 {
				c.Inc()
				c.Add(0.5)
			}
		})
	}
	wg.Wait()
	if got := c.Value(); got != 60000 {
		t.Errorf("counter = %v, want 60000", got)
	}
}

func TestHistogramBucketSearch(t *testing.T) {
	for _, n := range []int{0, 1, 5, 16, 17, 40} { // linear and binary search
		upper := make([]float64, n)
		for i := range upper {
			upper[i] = float64(i + 1)
		}
		h := newHistogram(upper, leStrings(upper))
		for _, v := range []float64{-1, 0, 0.5, 1, 1.5, float64(n), float64(n) + 0.5, math.Inf(1), math.Inf(-1)} {
			want := n
			for i, u := range upper {
				if v <= u {
					want = i
					break
				}
			}
			if got := h.bucket(v); got != want {
				t.Errorf("%d buckets: bucket(%v) = %d, want %d", n, v, got, want)
			}
		}
	}
}

// TestHistogramSnapshotsConsistent observes from several goroutines while
// others take snapshots: every snapshot has count == the +Inf bucket ==
// the sum (every observation is 1), cumulative counts that never
// decrease along the buckets, and counts that never go back between
// snapshots.
func TestHistogramSnapshotsConsistent(t *testing.T) {
	h := NewRegistry().Histogram("h", "", []float64{0.5, 1, 2})
	const writers, each = 4, 20000
	var done atomic.Bool
	var wg sync.WaitGroup
	for range writers {
		wg.Go(func() {
			for range each {
				h.Observe(1)
			}
		})
	}
	var readers sync.WaitGroup
	errs := make(chan error, 2)
	for range 2 {
		readers.Go(func() {
			cum := make([]uint64, 4)
			var last uint64
			for !done.Load() {
				count, sum := h.snapshot(cum)
				switch {
				case count != cum[3]:
					errs <- fmt.Errorf("count %d, +Inf bucket %d", count, cum[3])
				case sum != float64(count):
					errs <- fmt.Errorf("sum %v, count %d", sum, count)
				case cum[0] != 0 || cum[1] != count || cum[2] != count:
					errs <- fmt.Errorf("buckets %v, count %d", cum, count)
				case count < last:
					errs <- fmt.Errorf("count went back from %d to %d", last, count)
				default:
					last = count
					continue
				}
				return
			}
		})
	}
	wg.Wait()
	done.Store(true)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n, s := h.Count(), h.Sum(); n != writers*each || s != writers*each {
		t.Errorf("count %d, sum %v, want %d", n, s, writers*each)
	}
}

// TestWriteTextConsistentUnderWrites parses whole pages written while
// histograms of a vec are observed: in each, _count equals the +Inf bucket
// and the buckets are cumulative.
func TestWriteTextConsistentUnderWrites(t *testing.T) {
	r := NewRegistry()
	v := r.HistogramVec("h_seconds", "", []float64{0.1, 1}, "route")
	var done atomic.Bool
	var wg sync.WaitGroup
	for i := range 3 {
		wg.Go(func() {
			route := fmt.Sprint("/r", i)
			for n := 0; !done.Load() || n < 1000; n++ {
				v.With(route).Observe(float64(n%3) * 0.5)
			}
		})
	}
	for range 50 {
		var b strings.Builder
		if err := r.WriteText(&b); err != nil {
			t.Fatal(err)
		}
		samples, err := parsePage(b.String())
		if err != nil {
			t.Fatal(err)
		}
		inf := map[string]float64{}
		prev := map[string]float64{}
		for _, s := range samples {
			route, _ := s.label("route")
			switch s.name {
			case "h_seconds_bucket":
				if s.value < prev[route] {
					t.Fatalf("bucket %+v below the one before", s)
				}
				prev[route] = s.value
				if le, _ := s.label("le"); le == "+Inf" {
					inf[route] = s.value
				}
			case "h_seconds_count":
				if s.value != inf[route] {
					t.Fatalf("%s: _count %v, +Inf bucket %v", route, s.value, inf[route])
				}
				prev[route] = 0
			}
		}
	}
	done.Store(true)
	wg.Wait()
}

func TestHistogramNoBuckets(t *testing.T) {
	r := NewRegistry()
	h := r.Histogram("h", "", []float64{})
	h.Observe(3)
	want := "# HELP h \n# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum 3\nh_count 1\n"
	if got := text(t, r); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestConcurrentScrapes writes pages from several goroutines at once
// while histograms are observed: for the race detector, and every page
// must parse.
func TestConcurrentScrapes(t *testing.T) {
	r := NewRegistry()
	r.RegisterRuntime()
	h := r.Histogram("h", "", nil)
	v := r.HistogramVec("hv", "", []float64{1}, "a")
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Go(func() {
			for n := range 200 {
				h.Observe(float64(n))
				v.With(fmt.Sprint(i)).Observe(float64(n))
				var b strings.Builder
				if err := r.WriteText(&b); err != nil {
					t.Error(err)
					return
				}
				if _, err := parsePage(b.String()); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}
