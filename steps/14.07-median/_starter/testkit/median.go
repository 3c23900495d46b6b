package testkit

// Median returns the middle value of xs, or the mean of the two middle values when their
// number is even, without reordering xs. It returns NaN when xs is empty.
func Median(xs []float64) float64 {
	// TODO(14.07): sort a copy.
	return 0
}

// Ratio compares two sets of timings of one benchmark, before and after a change:
// Median(after) / Median(before). Below 1 the change made it faster.
func Ratio(before, after []float64) float64 {
	// TODO(14.07): a ratio of medians.
	return 0
}
