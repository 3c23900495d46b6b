package fast

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// pctRandom returns n values with repeats, negatives and a wide range.
func pctRandom(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		switch rand.IntN(4) {
		case 0:
			xs[i] = float64(rand.IntN(10)) // repeats
		default:
			xs[i] = (rand.Float64() - 0.2) * math.Pow(10, float64(rand.IntN(7)))
		}
	}
	return xs
}

// pctOracle is the definition, on a sorted copy.
func pctOracle(xs []float64, p float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	rank := p / 100 * float64(len(s)-1)
	i := int(rank)
	if float64(i) == rank {
		return s[i]
	}
	return s[i] + (s[i+1]-s[i])*(rank-float64(i))
}

func pctClose(a, b float64) bool {
	return a == b || math.Abs(a-b) <= 1e-9*math.Max(math.Abs(a), math.Abs(b))
}

func TestPercentileAgainstSorted(t *testing.T) {
	for range 300 {
		xs := pctRandom(1 + rand.IntN(12))
		before := slices.Clone(xs)
		p := []float64{0, 50, 90, 99, 100, rand.Float64() * 100}[rand.IntN(6)]
		got, err := Percentile(xs, p)
		want := pctOracle(before, p)
		if err != nil || !pctClose(got, want) {
			t.Fatalf("Percentile(%v, %v) = %v, %v; want %v, nil (sort a copy; rank p/100×(n-1); interpolate between the two values around it)", before, p, got, err, want)
		}
		if !slices.Equal(xs, before) {
			t.Fatalf("Percentile reordered its argument: %v became %v; sort a copy (slices.Clone)", before, xs)
		}
	}
}

func TestMedianOddEvenOne(t *testing.T) {
	v := rand.Float64() * 1000
	if got, err := Median([]float64{v}); err != nil || got != v {
		t.Fatalf("Median([%v]) = %v, %v; want %v, nil: one value is its own median", v, got, err, v)
	}
	for range 100 {
		n := 2 + rand.IntN(12)
		xs := pctRandom(n)
		s := slices.Clone(xs)
		slices.Sort(s)
		want := s[n/2]
		if n%2 == 0 {
			want = (s[n/2-1] + s[n/2]) / 2
		}
		got, err := Median(xs)
		if err != nil || !pctClose(got, want) {
			t.Fatalf("Median(%v) = %v, %v; want %v, nil (%d values: the middle one, or the mean of the two middle ones)", xs, got, err, want, n)
		}
	}
}

func TestPercentileRejects(t *testing.T) {
	if _, err := Percentile(nil, 50); !errors.Is(err, ErrNoData) {
		t.Fatalf("Percentile(nil, 50) error = %v, want ErrNoData: there is no answer without data", err)
	}
	if _, err := Median([]float64{}); !errors.Is(err, ErrNoData) {
		t.Fatalf("Median([]) error = %v, want ErrNoData", err)
	}
	xs := pctRandom(1 + rand.IntN(10))
	for _, p := range []float64{-1, 100.5, math.NaN(), math.Inf(1)} {
		if got, err := Percentile(xs, p); err == nil {
			t.Fatalf("Percentile(%v, %v) = %v, nil; want an error: p is between 0 and 100", xs, p, got)
		}
	}
	withNaN := append(slices.Clone(xs), math.NaN())
	if got, err := Percentile(withNaN, 50); err == nil {
		t.Fatalf("Percentile(%v, 50) = %v, nil; want an error: a NaN has no place in a sorted order", withNaN, got)
	}
}
