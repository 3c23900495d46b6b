package metrics

import (
	"math"
	"runtime"
	"runtime/metrics"
	"sync"
)

// runtimeGauge is a family read from runtime/metrics at scrape time: the
// sum of the samples named (one, except for malloc counts).
type runtimeGauge struct {
	name, help, typ string
	samples         []string
}

// The families RegisterRuntime registers. Where client_golang's Go
// collector has a family for the same quantity, the name is its name:
// the classic go_memstats_* names for what MemStats used to give, and its
// runtime/metrics-derived names (the runtime metric's name with / and :
// turned into _) for the rest.
var runtimeGauges = []runtimeGauge{
	{"go_goroutines", "Number of goroutines that currently exist.", "gauge",
		[]string{"/sched/goroutines:goroutines"}},
	{"go_sched_gomaxprocs_threads", "The current runtime.GOMAXPROCS setting.", "gauge",
		[]string{"/sched/gomaxprocs:threads"}},
	{"go_memstats_heap_alloc_bytes", "Bytes of heap memory occupied by live objects and dead ones not yet swept.", "gauge",
		[]string{"/memory/classes/heap/objects:bytes"}},
	{"go_memstats_heap_objects", "Number of objects, live or unswept, occupying heap memory.", "gauge",
		[]string{"/gc/heap/objects:objects"}},
	{"go_memstats_sys_bytes", "Bytes of memory obtained from the OS by the Go runtime.", "gauge",
		[]string{"/memory/classes/total:bytes"}},
	{"go_memstats_alloc_bytes_total", "Bytes allocated in the heap, in total.", "counter",
		[]string{"/gc/heap/allocs:bytes"}},
	{"go_memstats_mallocs_total", "Heap objects allocated, in total.", "counter",
		[]string{"/gc/heap/allocs:objects", "/gc/heap/tiny/allocs:objects"}},
	{"go_gc_cycles_total_gc_cycles_total", "Completed GC cycles.", "counter",
		[]string{"/gc/cycles/total:gc-cycles"}},
	{"go_gc_gomemlimit_bytes", "The Go runtime's memory limit (GOMEMLIMIT).", "gauge",
		[]string{"/gc/gomemlimit:bytes"}},
}

// gcPauseName is the GC pause histogram, client_golang's name for the
// runtime metric /sched/pauses/total/gc:seconds.
const (
	gcPauseName   = "go_sched_pauses_total_gc_seconds"
	gcPauseMetric = "/sched/pauses/total/gc:seconds"
)

// gcPauseBounds are the upper bounds the runtime's fine-grained pause
// histogram is folded into: 1 µs to 1 s.
var gcPauseBounds = []float64{1e-6, 5e-6, 1e-5, 2.5e-5, 5e-5, 1e-4, 2.5e-4, 5e-4, 1e-3, 2.5e-3, 5e-3, 1e-2, 0.1, 1}

// RegisterRuntime registers families that describe the Go runtime, read
// from runtime/metrics at each scrape:
//
//   - go_info{version}, always 1;
//   - go_goroutines and go_sched_gomaxprocs_threads;
//   - go_memstats_heap_alloc_bytes, go_memstats_heap_objects,
//     go_memstats_sys_bytes, go_memstats_alloc_bytes_total,
//     go_memstats_mallocs_total and go_gc_gomemlimit_bytes;
//   - go_gc_cycles_total_gc_cycles_total;
//   - go_sched_pauses_total_gc_seconds, the stop-the-world pauses of the
//     GC as a histogram.
//
// The names are client_golang's for the same quantities, so dashboards
// written for it work. The runtime keeps pauses in a histogram of many
// fine buckets; they are folded into 14 buckets from 1 µs to 1 s, each
// runtime bucket counted under the first bound at or above its upper
// edge (so a bucket never counts a pause longer than its bound). The
// runtime keeps no sum: _sum is estimated from the middle of each runtime
// bucket. It panics if one of the names is taken.
func (r *Registry) RegisterRuntime() {
	var mu sync.Mutex // one scrape at a time reads into the samples
	r.register("go_info", "Information about the Go environment.", "gauge", []string{"version"}, nil, func(t *textWriter) {
		t.sample("go_info", "", []string{"version"}, []string{runtime.Version()}, "", 1)
	})
	for _, g := range runtimeGauges {
		samples := make([]metrics.Sample, len(g.samples))
		for i, name := range g.samples {
			samples[i].Name = name
		}
		r.register(g.name, g.help, g.typ, nil, nil, func(t *textWriter) {
			mu.Lock()
			metrics.Read(samples)
			v := 0.0
			for _, s := range samples {
				v += sampleValue(s.Value)
			}
			mu.Unlock()
			t.sample(g.name, "", nil, nil, "", v)
		})
	}
	les := leStrings(gcPauseBounds)
	pause := []metrics.Sample{{Name: gcPauseMetric}}
	r.register(gcPauseName, "Distribution of stop-the-world pauses of the garbage collector, in seconds (_sum estimated from bucket midpoints).", "histogram",
		nil, histogramSuffixes, func(t *textWriter) {
			cum := make([]uint64, len(gcPauseBounds)+1) // per scrape: scrapes may overlap
			mu.Lock()
			metrics.Read(pause)
			var sum float64
			var count uint64
			if pause[0].Value.Kind() == metrics.KindFloat64Histogram {
				sum, count = foldHistogram(pause[0].Value.Float64Histogram(), gcPauseBounds, cum)
			}
			mu.Unlock()
			for i, le := range les {
				t.sample(gcPauseName, "_bucket", nil, nil, le, float64(cum[i]))
			}
			t.sample(gcPauseName, "_bucket", nil, nil, "+Inf", float64(count))
			t.sample(gcPauseName, "_sum", nil, nil, "", sum)
			t.sample(gcPauseName, "_count", nil, nil, "", float64(count))
		})
}

// sampleValue returns a runtime metric's value as a float64; 0 for a kind
// that is not a number (a metric this Go version does not have).
func sampleValue(v metrics.Value) float64 {
	switch v.Kind() {
	case metrics.KindUint64:
		return float64(v.Uint64())
	case metrics.KindFloat64:
		return v.Float64()
	}
	return 0
}

// foldHistogram folds a runtime histogram into cumulative counts cum
// (len(bounds)+1, the last for +Inf) under the given upper bounds, and
// returns the total count and an estimated sum. A runtime bucket
// [lo, hi) goes to the first bound >= hi, or to +Inf; its observations
// count as (lo+hi)/2 in the sum, or as the finite edge when the other is
// infinite.
func foldHistogram(h *metrics.Float64Histogram, bounds []float64, cum []uint64) (sum float64, count uint64) {
	j := 0
	for i, c := range h.Counts {
		lo, hi := h.Buckets[i], h.Buckets[i+1]
		for j < len(bounds) && bounds[j] < hi {
			j++
		}
		cum[j] += c
		count += c
		if c == 0 {
			continue
		}
		var mid float64
		switch {
		case math.IsInf(lo, -1) && math.IsInf(hi, 1):
			mid = 0
		case math.IsInf(lo, -1):
			mid = hi
		case math.IsInf(hi, 1):
			mid = lo
		default:
			mid = lo + (hi-lo)/2
		}
		sum += mid * float64(c)
	}
	for i := 1; i < len(cum); i++ {
		cum[i] += cum[i-1]
	}
	return sum, count
}
