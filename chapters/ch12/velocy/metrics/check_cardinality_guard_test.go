package metrics

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"
)

// metGuardOverflowCount returns velocy_metrics_overflow_total{family=name},
// 0 if the registry has not registered it.
func metGuardOverflowCount(reg *Registry, name string) float64 {
	v := reg.overflow.Load()
	if v == nil {
		return 0
	}
	return v.With(name).Value()
}

func TestMetGuardOverflowSeries(t *testing.T) {
	reg := NewRegistry()
	name := fmt.Sprintf("met_guard_%d_total", rand.IntN(1000))
	v := reg.CounterVec(name, "Calls.", "user", "route")
	limit := 1 + rand.IntN(20)
	v.SetMaxSeries(limit)
	own := map[string]*Counter{}
	for i := range limit {
		u := fmt.Sprint("u", i)
		own[u] = v.With(u, "/")
		if own[u] == nil {
			t.Fatalf("With(%q, \"/\") = nil within the limit of %d", u, limit)
		}
	}
	extra := 1 + rand.IntN(10)
	var overflow *Counter
	for i := range extra {
		u := fmt.Sprint("over", i)
		c := v.With(u, "/")
		if c == nil {
			t.Fatalf("With(%q, \"/\") = nil beyond the limit: return the overflow series, or the caller's Inc panics", u)
		}
		for _, o := range own {
			if o == c {
				t.Fatalf("With(%q, \"/\") beyond the limit of %d returned an existing series", u, limit)
			}
		}
		if overflow != nil && c != overflow {
			t.Fatalf("With(%q, \"/\") beyond the limit of %d returned a new series: every refused combination shares the one overflow series", u, limit)
		}
		overflow = c
		c.Inc()
	}
	for u, c := range own {
		if got := v.With(u, "/"); got != c {
			t.Fatalf("With(%q, \"/\"), a combination created within the limit, no longer returns its series once the limit is reached", u)
		}
	}
	series := map[string]bool{}
	v.v.each(func(values []string, c *Counter) {
		series[fmt.Sprintf("%q", values)] = true
		if c == overflow && !slices.Equal(values, []string{"_overflow", "_overflow"}) {
			t.Fatalf("the overflow series has label values %q, want every value \"_overflow\"", values)
		}
	})
	if len(series) != limit+1 || !series[`["_overflow" "_overflow"]`] {
		t.Fatalf("with SetMaxSeries(%d) and %d more combinations, the vec lists %d series %v, want %d and one overflow series [_overflow _overflow]", limit, extra, len(series), series, limit+1)
	}
	if got := metGuardOverflowCount(reg, name); got != float64(extra) {
		t.Fatalf("velocy_metrics_overflow_total{family=%q} = %v after %d calls of With beyond the limit, want %d: call v.reg.countOverflow(v.name) for each", name, got, extra, extra)
	}
}

func TestMetGuardZeroAndHistogram(t *testing.T) {
	reg := NewRegistry()
	v := reg.HistogramVec("met_guard_seconds", "Time.", nil, "k")
	v.SetMaxSeries(0)
	a, b := v.With(fmt.Sprint(rand.IntN(100))), v.With("other")
	if a == nil || a != b {
		t.Fatalf("a HistogramVec with SetMaxSeries(0): With returned %p and %p, want the same overflow histogram for both", a, b)
	}
	if got := metGuardOverflowCount(reg, "met_guard_seconds"); got != 2 {
		t.Fatalf("velocy_metrics_overflow_total{family=\"met_guard_seconds\"} = %v, want 2", got)
	}
}

func TestMetGuardConcurrent(t *testing.T) {
	reg := NewRegistry()
	v := reg.CounterVec("met_guard_conc_total", "Calls.", "k")
	limit := 5 + rand.IntN(20)
	v.SetMaxSeries(limit)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				if c := v.With(fmt.Sprint(g, "-", i)); c != nil {
					c.Inc()
				}
			}
		})
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("8 goroutines calling With did not finish within 10s: is v.mu left locked on the overflow path?")
	}
	n, total := 0, 0.0
	v.v.each(func(values []string, c *Counter) {
		n++
		total += c.Value()
	})
	if n != limit+1 || total != 400 {
		t.Fatalf("8 goroutines × 50 new combinations with SetMaxSeries(%d): %d series counting %v, want %d (the limit and the overflow series) counting 400", limit, n, total, limit+1)
	}
}
