package metrics

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// DefBuckets are the default upper bounds of a histogram's buckets, in
// seconds: from 5 ms to 10 s, for the latency of a typical web request.
// They are client_golang's defaults.
var DefBuckets = []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}

// Histogram counts observations (request durations, response sizes) in
// buckets with fixed upper bounds, and keeps their count and sum. The text
// format shows the buckets cumulated: the bucket le="0.1" counts every
// observation <= 0.1, and the bucket le="+Inf" counts them all, so it
// equals _count. Get one from [Registry.Histogram] or [HistogramVec.With].
//
// Observe is lock-free and does not allocate. A scrape reads a consistent
// snapshot even while other goroutines observe: its +Inf bucket, its count
// and its sum cover exactly the same observations.
type Histogram struct {
	upper []float64 // the finite upper bounds, sorted, without +Inf
	les   []string  // upper formatted for the le label

	// How a scrape gets a consistent snapshot without stopping Observe:
	// there are two halves, each with a count per bucket (the last one for
	// +Inf) and a sum. Observe writes into the "hot" half, chosen by the
	// top bit of state; the low 63 bits count the observations started.
	// Observe adds to state first (which picks the half), then adds to the
	// sum, and adds to its bucket last, so a half's bucket counts add up to
	// the observations that have finished in it.
	//
	// A scrape (one at a time, under mu) flips the top bit: observations
	// that start after the flip go to the other half. The old hot half then
	// holds every observation started before the flip, and the number of
	// them is the low bits of state at the flip. The scrape waits until its
	// bucket counts add up to that number (the few observations still
	// between their first and last step finish in nanoseconds), reads it,
	// then adds its counts and sum into the new hot half and zeroes it, so
	// that the hot half again holds everything. Observe pays three atomic
	// instructions (client_golang's pays four: its halves also count
	// completed observations apart from the buckets).
	state  atomic.Uint64
	halves [2]histHalf
	mu     sync.Mutex // one scrape at a time; never taken by Observe
}

// histHalf is one of a histogram's two sets of counts.
type histHalf struct {
	sum    atomic.Uint64   // float64 bits
	counts []atomic.Uint64 // per bucket, not cumulated; the last is +Inf
}

const hotBit = 1 << 63

// newHistogram returns a histogram with the upper bounds given, checked
// by checkBuckets.
func newHistogram(upper []float64, les []string) *Histogram {
	h := &Histogram{upper: upper, les: les}
	for i := range h.halves {
		h.halves[i].counts = make([]atomic.Uint64, len(upper)+1)
	}
	return h
}

// checkBuckets returns the finite upper bounds of buckets (DefBuckets when
// nil), or an error if they are not strictly increasing or hold NaN or
// -Inf. A trailing +Inf is dropped: the +Inf bucket is always there.
func checkBuckets(buckets []float64) ([]float64, error) {
	if buckets == nil {
		buckets = DefBuckets
	}
	upper := slices.Clone(buckets)
	if len(upper) == 0 {
		upper = []float64{} // only the +Inf bucket
	}
	if n := len(upper); n > 0 && math.IsInf(upper[n-1], 1) {
		upper = upper[:n-1]
	}
	for i, u := range upper {
		if math.IsNaN(u) || math.IsInf(u, 0) {
			return nil, fmt.Errorf("bucket %d is %v: bounds must be finite (the +Inf bucket is implicit)", i, u)
		}
		if i > 0 && u <= upper[i-1] {
			return nil, fmt.Errorf("buckets must be strictly increasing: %v after %v", u, upper[i-1])
		}
	}
	return upper, nil
}

// Observe records v. NaN is ignored; +Inf counts in the +Inf bucket only.
func (h *Histogram) Observe(v float64) {
	if v != v { // NaN
		return
	}
	i := h.bucket(v)
	s := h.state.Add(1)
	half := &h.halves[s>>63]
	addFloat(&half.sum, v)
	half.counts[i].Add(1)
}

// bucket returns the index of the first bucket whose bound is >= v:
// len(h.upper) for the +Inf bucket. A linear scan beats a binary search
// for the dozen buckets histograms usually have.
func (h *Histogram) bucket(v float64) int {
	upper := h.upper
	if len(upper) <= 16 {
		for i, u := range upper {
			if v <= u {
				return i
			}
		}
		return len(upper)
	}
	lo, hi := 0, len(upper)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if upper[m] < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// snapshot fills cum (len(h.upper)+1) with the cumulative bucket counts and
// returns the count and the sum, all of the same observations.
func (h *Histogram) snapshot(cum []uint64) (count uint64, sum float64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	s := h.state.Add(hotBit) // flip: new observations go to the other half
	started := s &^ hotBit
	cold := &h.halves[(s>>63)^1]
	hot := &h.halves[s>>63]
	for spins := 0; ; spins++ {
		var done uint64
		for i := range cold.counts {
			done += cold.counts[i].Load()
		}
		if done == started {
			break
		}
		runtime.Gosched() // an Observe is between its first and last step
	}
	sum = math.Float64frombits(cold.sum.Load())
	for i := range cold.counts {
		c := cold.counts[i].Load()
		count += c
		cum[i] = count
		if c != 0 {
			hot.counts[i].Add(c)
			cold.counts[i].Store(0)
		}
	}
	addFloat(&hot.sum, sum)
	cold.sum.Store(0)
	return count, sum
}

// Count returns the number of observations so far.
func (h *Histogram) Count() uint64 {
	cum := make([]uint64, len(h.upper)+1)
	n, _ := h.snapshot(cum)
	return n
}

// Sum returns the sum of the observations so far.
func (h *Histogram) Sum() float64 {
	cum := make([]uint64, len(h.upper)+1)
	_, s := h.snapshot(cum)
	return s
}

// leStrings formats upper bounds for the le label.
func leStrings(upper []float64) []string {
	les := make([]string, len(upper))
	for i, u := range upper {
		les[i] = string(appendFloat(nil, u))
	}
	return les
}

// write appends the histogram's samples: the cumulative buckets, the sum
// and the count, with the labels names=values before le.
func (h *Histogram) write(t *textWriter, name string, names, values []string, cum []uint64) {
	count, sum := h.snapshot(cum)
	for i, le := range h.les {
		t.sample(name, "_bucket", names, values, le, float64(cum[i]))
	}
	t.sample(name, "_bucket", names, values, "+Inf", float64(count))
	t.sample(name, "_sum", names, values, "", sum)
	t.sample(name, "_count", names, values, "", float64(count))
}
