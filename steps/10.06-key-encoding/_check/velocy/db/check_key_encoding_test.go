package db

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestKeyEncodingNumberOrder(t *testing.T) {
	nums := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.5, 1e300, -1e300, 5e-324}
	for range 200 {
		nums = append(nums, (rand.Float64()-0.5)*math.Pow(10, float64(rand.IntN(20)-10)))
	}
	for _, a := range nums {
		ka := numberKey(a)
		if len(ka) != 9 || ka[0] != tagNumber {
			t.Fatalf("numberKey(%g) = %x, want 9 bytes: the tag %#x, then 8 bytes of the float", a, ka, tagNumber)
		}
		if got := decodeKey(ka); got != a {
			t.Fatalf("decodeKey(numberKey(%g)) = %v: the 8 bytes must be the float's bits, big endian, with the sign bit flipped for a positive number and every bit flipped for a negative one", a, got)
		}
		for _, b := range nums {
			kb := numberKey(b)
			if want := cmpFloat(a, b); strings.Compare(ka, kb) != want {
				t.Fatalf("numberKey(%g) vs numberKey(%g) compare as %d, want %d: byte order must be numeric order (negative numbers too)", a, b, strings.Compare(ka, kb), want)
			}
		}
	}
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestKeyEncodingTypeOrder(t *testing.T) {
	vals := []any{nil, false, true, -3.5, 0.0, 2, int64(7), uint32(9), float32(1.5), "", "a", "ab", "b", "é"}
	rand.Shuffle(len(vals), func(i, j int) { vals[i], vals[j] = vals[j], vals[i] })
	keyed := make([]string, len(vals))
	for i, v := range vals {
		k, err := encodeKey(v)
		if err != nil || k == "" {
			t.Fatalf("encodeKey(%#v) = %q, %v; want a key", v, k, err)
		}
		keyed[i] = k
	}
	got := slices.Clone(keyed)
	slices.Sort(got)
	var order []string
	for _, k := range got {
		order = append(order, formatValue(decodeKey(k)))
	}
	want := []string{"null", "false", "true", "-3.5", "0", "1.5", "2", "7", "9", `""`, `"a"`, `"ab"`, `"b"`, `"é"`}
	if !slices.Equal(order, want) {
		t.Fatalf("values sorted by their keys: %v\nwant %v (null < false < true < numbers < strings)", order, want)
	}
	if _, err := encodeKey([]int{1}); err == nil {
		t.Errorf("encodeKey([]int{1}) = nil error; want an error: only scalars have keys")
	}
}
