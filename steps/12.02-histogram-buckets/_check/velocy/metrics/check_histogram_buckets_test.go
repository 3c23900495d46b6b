package metrics

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// metBucketsRandom returns n random finite bounds, strictly increasing.
func metBucketsRandom(n int) []float64 {
	b := make([]float64, n)
	x := (rand.Float64() - 0.5) * 10
	for i := range b {
		x += 0.001 + rand.Float64()*float64(1+rand.IntN(100))
		b[i] = math.Round(x*1000) / 1000
		if i > 0 && b[i] <= b[i-1] {
			b[i] = b[i-1] + 0.001
		}
	}
	return b
}

func TestMetCheckBuckets(t *testing.T) {
	got, err := checkBuckets(nil)
	if err != nil || !slices.Equal(got, DefBuckets) {
		t.Fatalf("checkBuckets(nil) = %v, %v, want DefBuckets %v, nil", got, err, DefBuckets)
	}
	for range 100 {
		in := metBucketsRandom(rand.IntN(40))
		want := slices.Clone(in)
		arg := slices.Clone(in)
		if rand.IntN(2) == 0 {
			arg = append(arg, math.Inf(1))
		}
		got, err := checkBuckets(arg)
		if err != nil {
			t.Fatalf("checkBuckets(%v) = error %v, want %v: the bounds are finite and strictly increasing", arg, err, want)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("checkBuckets(%v) = %v, want %v: the bounds, without a trailing +Inf (the +Inf bucket is always there)", arg, got, want)
		}
		if len(got) > 0 {
			arg[0] = -1e300
			if got[0] == -1e300 {
				t.Fatalf("checkBuckets(%v) returned the caller's slice: copy it (slices.Clone), or a caller changing it later changes the histogram", want)
			}
		}
	}
}

func TestMetCheckBucketsRefused(t *testing.T) {
	for range 100 {
		in := metBucketsRandom(2 + rand.IntN(20))
		i := rand.IntN(len(in))
		what := ""
		switch rand.IntN(5) {
		case 0:
			in[i], what = math.NaN(), "NaN"
		case 1:
			in[i], what = math.Inf(-1), "-Inf"
		case 2:
			i = rand.IntN(len(in) - 1)
			in[i], what = math.Inf(1), "+Inf before the end"
		case 3:
			i = 1 + rand.IntN(len(in)-1)
			in[i], what = in[i-1], "a bound equal to the one before"
		case 4:
			i = 1 + rand.IntN(len(in)-1)
			in[i], what = in[i-1]-1, "a bound below the one before"
		}
		if got, err := checkBuckets(in); err == nil {
			t.Fatalf("checkBuckets(%v) = %v, nil, want an error: %s at index %d", in, got, what, i)
		}
	}
}

func TestMetBucketOf(t *testing.T) {
	for range 200 {
		upper := metBucketsRandom(rand.IntN(40))
		h := newHistogram(upper, nil)
		want := func(v float64) int {
			for i, u := range upper {
				if v <= u {
					return i
				}
			}
			return len(upper)
		}
		for range 20 {
			var v float64
			switch rand.IntN(3) {
			case 0:
				if len(upper) == 0 {
					continue
				}
				v = upper[rand.IntN(len(upper))] // exactly on a bound: le is "less or equal"
			case 1:
				v = (rand.Float64() - 0.2) * 3000
			case 2:
				v = []float64{math.Inf(1), math.Inf(-1), -1e300, 1e300}[rand.IntN(4)]
			}
			if got, w := h.bucket(v), want(v); got != w {
				t.Fatalf("with bounds %v, bucket(%v) = %d, want %d: the first bound >= v (a value on a bound belongs to it), or len(upper) for the +Inf bucket", upper, v, got, w)
			}
		}
	}
}
