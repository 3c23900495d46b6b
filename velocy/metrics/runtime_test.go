package metrics

import (
	"math"
	"runtime"
	"runtime/metrics"
	"testing"
)

func TestRegisterRuntime(t *testing.T) {
	r := NewRegistry()
	r.RegisterRuntime()
	runtime.GC()
	all, err := parsePage(text(t, r))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, s := range all {
		if _, ok := s.label("le"); !ok {
			got[s.name] = s.value
		}
	}
	for _, name := range []string{"go_goroutines", "go_sched_gomaxprocs_threads", "go_memstats_heap_alloc_bytes",
		"go_memstats_heap_objects", "go_memstats_sys_bytes", "go_memstats_alloc_bytes_total",
		"go_memstats_mallocs_total", "go_gc_cycles_total_gc_cycles_total", "go_info",
		"go_sched_pauses_total_gc_seconds_count"} {
		if !(got[name] > 0) {
			t.Errorf("%s = %v, want > 0", name, got[name])
		}
	}
	if _, ok := got["go_gc_gomemlimit_bytes"]; !ok {
		t.Error("no go_gc_gomemlimit_bytes")
	}
	if got["go_sched_gomaxprocs_threads"] != float64(runtime.GOMAXPROCS(0)) {
		t.Errorf("gomaxprocs %v", got["go_sched_gomaxprocs_threads"])
	}
	var inf float64
	for _, s := range all {
		if le, _ := s.label("le"); s.name == "go_sched_pauses_total_gc_seconds_bucket" && le == "+Inf" {
			inf = s.value
		}
	}
	if inf != got["go_sched_pauses_total_gc_seconds_count"] {
		t.Errorf("GC pauses: +Inf bucket %v, count %v", inf, got["go_sched_pauses_total_gc_seconds_count"])
	}
}

func TestFoldHistogram(t *testing.T) {
	inf := math.Inf(1)
	h := &metrics.Float64Histogram{
		Buckets: []float64{math.Inf(-1), 0, 1e-6, 2e-6, 1.5e-5, 0.5, 2, inf},
		Counts:  []uint64{1, 2, 3, 4, 5, 6, 7},
	}
	bounds := []float64{1e-6, 1e-5, 1}
	cum := make([]uint64, 4)
	sum, count := foldHistogram(h, bounds, cum)
	// [-Inf,0) and [0,1e-6) -> 1e-6; [1e-6,2e-6) -> 1e-5; [2e-6,1.5e-5) -> 1
	// (its top is above 1e-5); [1.5e-5,0.5) -> 1; [0.5,2) and [2,+Inf) -> +Inf.
	if want := []uint64{3, 6, 15, 28}; count != 28 || !equal(cum, want) {
		t.Errorf("cum %v count %d, want %v 28", cum, count, want)
	}
	want := 1*0 + 2*0.5e-6 + 3*1.5e-6 + 4*8.5e-6 + 5*(1.5e-5+(0.5-1.5e-5)/2) + 6*1.25 + 7*2.0
	if math.Abs(sum-want) > 1e-12 {
		t.Errorf("sum %v, want %v", sum, want)
	}
}

func equal(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
