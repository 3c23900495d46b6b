package metrics

import (
	"bytes"
	"math"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"testing"
)

func TestMetSampleValue(t *testing.T) {
	samples := []metrics.Sample{
		{Name: "/sched/goroutines:goroutines"},   // a uint64
		{Name: "/cpu/classes/total:cpu-seconds"}, // a float64
		{Name: "/met/no/such/metric:things"},     // KindBad
		{Name: "/sched/pauses/total/gc:seconds"}, // a histogram
	}
	metrics.Read(samples)
	if got, want := sampleValue(samples[0].Value), float64(samples[0].Value.Uint64()); got != want || got < 1 {
		t.Fatalf("sampleValue(/sched/goroutines:goroutines, a KindUint64 %d) = %v, want %v", samples[0].Value.Uint64(), got, want)
	}
	if got, want := sampleValue(samples[1].Value), samples[1].Value.Float64(); got != want {
		t.Fatalf("sampleValue(a KindFloat64 %v) = %v, want %v", want, got, want)
	}
	for _, s := range samples[2:] {
		if got := sampleValue(s.Value); got != 0 {
			t.Fatalf("sampleValue(%s, of kind %v) = %v, want 0: only numbers are read; a metric this Go version lacks has KindBad", s.Name, s.Value.Kind(), got)
		}
	}
}

// metFoldWant is foldHistogram's result, worked out bucket by bucket.
func metFoldWant(h *metrics.Float64Histogram, bounds []float64) ([]uint64, float64, uint64) {
	cum := make([]uint64, len(bounds)+1)
	sum, count := 0.0, uint64(0)
	for i, c := range h.Counts {
		lo, hi := h.Buckets[i], h.Buckets[i+1]
		j := len(bounds)
		for k, b := range bounds {
			if b >= hi {
				j = k
				break
			}
		}
		for k := j; k < len(cum); k++ {
			cum[k] += c
		}
		count += c
		mid := 0.0
		switch {
		case math.IsInf(lo, -1) && math.IsInf(hi, 1):
		case math.IsInf(lo, -1):
			mid = hi
		case math.IsInf(hi, 1):
			mid = lo
		default:
			mid = (lo + hi) / 2
		}
		sum += mid * float64(c)
	}
	return cum, sum, count
}

func TestMetFoldHistogram(t *testing.T) {
	for range 200 {
		edges := []float64{}
		if rand.IntN(2) == 0 {
			edges = append(edges, math.Inf(-1))
		}
		x := rand.Float64() * 1e-6
		for range 2 + rand.IntN(40) {
			x *= 1 + rand.Float64()
			x += 1e-7
			edges = append(edges, x)
		}
		if rand.IntN(2) == 0 {
			edges = append(edges, math.Inf(1))
		}
		h := &metrics.Float64Histogram{Buckets: edges, Counts: make([]uint64, len(edges)-1)}
		for i := range h.Counts {
			if rand.IntN(3) > 0 {
				h.Counts[i] = uint64(rand.IntN(100))
			}
		}
		bounds := []float64{}
		for _, b := range gcPauseBounds {
			if rand.IntN(3) > 0 {
				bounds = append(bounds, b*(0.5+rand.Float64()))
			}
		}
		for i := 1; i < len(bounds); i++ {
			if bounds[i] <= bounds[i-1] {
				bounds[i] = bounds[i-1] * 1.01
			}
		}
		wantCum, wantSum, wantCount := metFoldWant(h, bounds)
		cum := make([]uint64, len(bounds)+1)
		sum, count := foldHistogram(h, bounds, cum)
		for i := range cum {
			if cum[i] != wantCum[i] {
				t.Fatalf("foldHistogram(runtime buckets %v, counts %v) into bounds %v: cum = %v, want %v: a runtime bucket [lo, hi) goes under the first bound >= hi (+Inf if none), and the counts are cumulated", edges, h.Counts, bounds, cum, wantCum)
			}
		}
		if count != wantCount {
			t.Fatalf("foldHistogram: count = %d, want %d, every runtime count", count, wantCount)
		}
		if math.Abs(sum-wantSum) > 1e-9*math.Abs(wantSum) {
			t.Fatalf("foldHistogram(buckets %v, counts %v): sum = %v, want %v: each bucket's observations count at its middle, or at its finite edge when the other is infinite", edges, h.Counts, sum, wantSum)
		}
	}
}

func TestMetRuntimePage(t *testing.T) {
	runtime.GC()
	reg := NewRegistry()
	reg.RegisterRuntime()
	var b bytes.Buffer
	if err := reg.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	page := map[string]float64{}
	for line := range strings.Lines(b.String()) {
		if strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(strings.TrimSpace(line[i+1:]), 64)
		if err != nil {
			t.Fatalf("line %q: %v", line, err)
		}
		page[line[:i]] = v
	}
	if page["go_goroutines"] < 1 || page["go_memstats_heap_alloc_bytes"] <= 0 || page["go_gc_cycles_total_gc_cycles_total"] < 1 {
		t.Fatalf("after runtime.GC(), go_goroutines = %v, go_memstats_heap_alloc_bytes = %v, go_gc_cycles_total_gc_cycles_total = %v, want each above 0: sampleValue reads KindUint64 and KindFloat64", page["go_goroutines"], page["go_memstats_heap_alloc_bytes"], page["go_gc_cycles_total_gc_cycles_total"])
	}
	count := page["go_sched_pauses_total_gc_seconds_count"]
	inf := page[`go_sched_pauses_total_gc_seconds_bucket{le="+Inf"}`]
	if count < 1 || inf != count {
		t.Fatalf("after runtime.GC(), the GC pause histogram has _count %v and +Inf bucket %v, want equal and at least 1", count, inf)
	}
}
