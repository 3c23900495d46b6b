package fast

import "errors"

// ErrNoData is the error of a summary of no measurements.
var ErrNoData = errors.New("fast: no measurements to sum up")

// Percentile returns the p-th percentile (0 <= p <= 100) of xs: sorted,
// the value at rank p/100 × (len(xs)-1), interpolated linearly between the
// two nearest values when that rank falls between them. Percentile(xs, 0)
// is the smallest value, 100 the largest, 50 the median. It leaves xs in
// its order. No values is ErrNoData; a p outside [0, 100] or a NaN in xs is
// an error too.
func Percentile(xs []float64, p float64) (float64, error) {
	// TODO(00.03-percentile): reject what has no answer, sort a copy
	// (slices.Clone, slices.Sort), find the rank and interpolate.
	return 0, nil
}

// Median returns the middle value of xs, or the mean of the two middle
// values when there is an even number of them: Percentile(xs, 50).
func Median(xs []float64) (float64, error) {
	// TODO(00.03-percentile): one line.
	return 0, nil
}
