package testkit

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestMedianOddAndEven(t *testing.T) {
	r := rand.New(rand.NewPCG(rand.Uint64(), 12))
	for range 200 {
		xs := make([]float64, 1+r.IntN(9))
		for i := range xs {
			xs[i] = float64(r.IntN(1000)) / 10
		}
		before := slices.Clone(xs)
		s := slices.Sorted(slices.Values(xs))
		want := s[len(s)/2]
		if len(s)%2 == 0 {
			want = (s[len(s)/2-1] + s[len(s)/2]) / 2
		}
		if got := Median(xs); got != want {
			t.Fatalf("Median(%v) = %v, want %v (sort a copy; an even count takes the mean of the two middle values)", xs, got, want)
		}
		if !slices.Equal(xs, before) {
			t.Fatalf("Median reordered its argument: %v became %v", before, xs)
		}
	}
	if !math.IsNaN(Median(nil)) {
		t.Fatalf("Median(nil) = %v, want NaN", Median(nil))
	}
}

func TestMedianIgnoresOneOutlier(t *testing.T) {
	r := rand.New(rand.NewPCG(rand.Uint64(), 13))
	before := []float64{100, 101, 99, 100, 100}
	after := []float64{80, 81, 79, 80, 80}
	after[r.IntN(len(after))] = 5000 // a run disturbed by something else on the machine
	if got := Ratio(before, after); got != 0.8 {
		t.Fatalf("Ratio(%v, %v) = %v, want 0.8 (median after / median before)", before, after, got)
	}
	a, b := float64(1+r.IntN(100)), float64(1+r.IntN(100))
	if got := Ratio([]float64{a}, []float64{b}); got != b/a {
		t.Fatalf("Ratio([%v], [%v]) = %v, want %v", a, b, got, b/a)
	}
}
