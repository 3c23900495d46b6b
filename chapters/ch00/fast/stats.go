package fast

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// ErrNoData is the error of a summary of no measurements.
var ErrNoData = errors.New("fast: no measurements to sum up")

// Percentile returns the p-th percentile (0 <= p <= 100) of xs: sorted,
// the value at rank p/100 × (len(xs)-1), interpolated linearly between the
// two nearest values when that rank falls between them. Percentile(xs, 0)
// is the smallest value, 100 the largest, 50 the median. It leaves xs in
// its order. No values is ErrNoData; a p outside [0, 100] or a NaN in xs is
// an error too.
func Percentile(xs []float64, p float64) (float64, error) {
	if len(xs) == 0 {
		return 0, ErrNoData
	}
	if !(p >= 0 && p <= 100) { // also catches NaN
		return 0, fmt.Errorf("fast: percentile %v is not between 0 and 100", p)
	}
	if i := slices.IndexFunc(xs, math.IsNaN); i >= 0 {
		return 0, fmt.Errorf("fast: measurement %d is NaN", i)
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	rank := p / 100 * float64(len(s)-1)
	lo := int(math.Floor(rank))
	hi := int(math.Ceil(rank))
	if lo == hi {
		return s[lo], nil
	}
	frac := rank - float64(lo)
	return s[lo] + (s[hi]-s[lo])*frac, nil
}

// Median returns the middle value of xs, or the mean of the two middle
// values when there is an even number of them: Percentile(xs, 50).
func Median(xs []float64) (float64, error) { return Percentile(xs, 50) }
