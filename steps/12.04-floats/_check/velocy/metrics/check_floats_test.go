package metrics

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// metFloatRandom returns a random float of a kind a page shows: a count,
// a bound, a sum, a large or tiny value, or any bits at all.
func metFloatRandom() float64 {
	switch rand.IntN(5) {
	case 0:
		return float64(rand.IntN(1e7))
	case 1:
		return float64(rand.IntN(10000)) / 1000
	case 2:
		return math.Pow(10, float64(rand.IntN(40)-20)) * float64(1+rand.IntN(9))
	case 3:
		return -rand.Float64() * 1e6
	}
	for {
		v := math.Float64frombits(rand.Uint64())
		if !math.IsNaN(v) && !math.IsInf(v, 0) {
			return v
		}
	}
}

func TestMetAppendFloatSpecial(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{{math.Inf(1), "+Inf"}, {math.Inf(-1), "-Inf"}, {math.NaN(), "NaN"}} {
		if got := string(appendFloat([]byte("v "), c.v)); got != "v "+c.want {
			t.Fatalf("appendFloat(%q, %v) = %q, want %q: the format spells them +Inf, -Inf and NaN", "v ", c.v, got, "v "+c.want)
		}
	}
}

func TestMetAppendFloat(t *testing.T) {
	for range 500 {
		v := metFloatRandom()
		got := string(appendFloat([]byte("x "), v))
		want := "x " + strconv.FormatFloat(v, 'g', -1, 64)
		if got != want {
			t.Fatalf("appendFloat(%q, %v) = %q, want %q: the shortest decimal that reads back as v, in Go's 'g' format (1 not 1.0, 1e+06 not 1000000)", "x ", v, got, want)
		}
		back, err := strconv.ParseFloat(got[2:], 64)
		if err != nil || back != v {
			t.Fatalf("appendFloat(nil, %v) = %q, which reads back as %v, %v", v, got[2:], back, err)
		}
	}
}

func TestMetLeStrings(t *testing.T) {
	upper := make([]float64, 1+rand.IntN(15))
	for i := range upper {
		upper[i] = float64(i) + float64(rand.IntN(4))/4
	}
	les := leStrings(upper)
	for i, u := range upper {
		if want := strconv.FormatFloat(u, 'g', -1, 64); les[i] != want {
			t.Fatalf("leStrings(%v)[%d] = %q, want %q: an le bound is written as a value is (le=\"1\", never le=\"1.0\")", upper, i, les[i], want)
		}
	}
}
