package testkit

import (
	"math"
	"slices"
)

// Median returns the middle value of xs, or the mean of the two middle values when their
// number is even, without reordering xs. It returns NaN when xs is empty.
//
// A benchmark run several times (-count) gives several timings, and one of them is often far
// off because something else ran on the machine; the median ignores it where the mean would not.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	mid := len(s) / 2
	if len(s)%2 == 1 {
		return s[mid]
	}
	return (s[mid-1] + s[mid]) / 2
}

// Ratio compares two sets of timings of one benchmark, before and after a change:
// Median(after) / Median(before). Below 1 the change made it faster.
func Ratio(before, after []float64) float64 {
	return Median(after) / Median(before)
}
