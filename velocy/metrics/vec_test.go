package metrics

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestVecSameSeries(t *testing.T) {
	v := NewRegistry().CounterVec("c_total", "", "a", "b")
	if v.With("x", "y") != v.With("x", "y") {
		t.Error("With returned two counters for one combination")
	}
	// Keys must not collide however the values split.
	if v.With("ab", "c") == v.With("a", "bc") {
		t.Error(`("ab","c") and ("a","bc") share a series`)
	}
	long := strings.Repeat("x", 300) // past the stack buffer of the key
	if v.With(long, "") != v.With(long, "") {
		t.Error("a long value gets a new series every time")
	}
}

func TestGuard(t *testing.T) {
	r := NewRegistry()
	v := r.CounterVec("hits_total", "Hits.", "user")
	v.SetMaxSeries(2)
	v.With("ann").Inc()
	v.With("bob").Inc()
	v.With("cid").Inc() // beyond the guard
	v.With("dan").Add(2)
	v.With("ann").Inc() // existing: still its own
	g := r.GaugeVec("temp", "T.", "room", "floor")
	g.SetMaxSeries(0)
	g.With("kitchen", "1").Set(3)
	h := r.HistogramVec("lat", "L.", []float64{1}, "route")
	h.SetMaxSeries(1)
	h.With("/a").Observe(0.5)
	h.With("/b").Observe(2)
	want := "# HELP hits_total Hits.\n# TYPE hits_total counter\n" +
		"hits_total{user=\"_overflow\"} 3\n" +
		"hits_total{user=\"ann\"} 2\n" +
		"hits_total{user=\"bob\"} 1\n" +
		"# HELP lat L.\n# TYPE lat histogram\n" +
		"lat_bucket{route=\"/a\",le=\"1\"} 1\nlat_bucket{route=\"/a\",le=\"+Inf\"} 1\n" +
		"lat_sum{route=\"/a\"} 0.5\nlat_count{route=\"/a\"} 1\n" +
		"lat_bucket{route=\"_overflow\",le=\"1\"} 0\nlat_bucket{route=\"_overflow\",le=\"+Inf\"} 1\n" +
		"lat_sum{route=\"_overflow\"} 2\nlat_count{route=\"_overflow\"} 1\n" +
		"# HELP temp T.\n# TYPE temp gauge\n" +
		"temp{room=\"_overflow\",floor=\"_overflow\"} 3\n" +
		"# HELP velocy_metrics_overflow_total Label combinations refused by a vec's cardinality guard and counted in its _overflow series.\n" +
		"# TYPE velocy_metrics_overflow_total counter\n" +
		"velocy_metrics_overflow_total{family=\"hits_total\"} 2\n" +
		"velocy_metrics_overflow_total{family=\"lat\"} 1\n" +
		"velocy_metrics_overflow_total{family=\"temp\"} 1\n"
	if got := text(t, r); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestGuardConcurrent(t *testing.T) {
	r := NewRegistry()
	v := r.CounterVec("c_total", "", "id")
	v.SetMaxSeries(50)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 200 {
				v.With(fmt.Sprint(w*1000 + i)).Inc()
			}
		})
	}
	wg.Wait()
	st := v.v.state.Load()
	if st.n != 50 || len(st.sorted) != 51 {
		t.Errorf("%d series counted, %d kept, want 50 and 51", st.n, len(st.sorted))
	}
	var total float64
	for _, s := range st.sorted {
		total += s.m.Value()
	}
	if total != 800 {
		t.Errorf("increments add up to %v, want 800", total)
	}
	over := r.overflow.Load().With("c_total").Value()
	if over != 800-50 {
		t.Errorf("overflow counted %v times, want 750", over)
	}
}

func TestVecAllocs(t *testing.T) {
	r := NewRegistry()
	c := r.CounterVec("c_total", "", "method", "route", "code")
	h := r.HistogramVec("h", "", nil, "method", "route")
	c.With("GET", "/users/{id}", "2xx")
	h.With("GET", "/users/{id}")
	if n := testing.AllocsPerRun(100, func() {
		c.With("GET", "/users/{id}", "2xx").Inc()
		h.With("GET", "/users/{id}").Observe(0.1)
	}); n != 0 {
		t.Errorf("With on existing series: %v allocs, want 0", n)
	}
}

func TestVecInvalidUTF8SharesSeries(t *testing.T) {
	r := NewRegistry()
	v := r.CounterVec("c_total", "", "v")
	v.With("a\xff").Inc()
	v.With("a\xfe").Inc()
	v.With("a\uFFFD").Inc()
	v.With("a\xff").Inc()
	want := "# HELP c_total \n# TYPE c_total counter\nc_total{v=\"a\uFFFD\"} 4\n"
	if got := text(t, r); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
