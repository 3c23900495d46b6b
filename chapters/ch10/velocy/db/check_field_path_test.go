package db

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

func TestFieldPathScalars(t *testing.T) {
	n := float64(rand.IntN(2000) - 1000)
	s := fmt.Sprintf("s\"%d\\", rand.IntN(1000))
	doc := fmt.Appendf(nil, `{"n": %g, "s": %q, "t": true, "f": false, "z": null,
		"a": {"b": {"c": %g}, "arr": [1]}, "o": {}, "big": 1e999}`, n, s, n+1)
	f := parseFields(doc)
	for _, tc := range []struct {
		path string
		want any
		ok   bool
	}{
		{"n", n, true}, {"s", s, true}, {"t", true, true}, {"f", false, true}, {"z", nil, true},
		{"a.b.c", n + 1, true}, {"a.arr", nil, false}, {"a", nil, false}, {"o", nil, false},
		{"missing", nil, false}, {"a.missing", nil, false}, {"n.x", nil, false}, {"a.b.c.d", nil, false},
	} {
		k, ok := f.key(tc.path)
		if ok != tc.ok {
			t.Fatalf("key(%q) of %s: found = %v, want %v (objects, arrays and missing fields are not indexed)", tc.path, doc, ok, tc.ok)
		}
		if !ok {
			continue
		}
		want, _ := encodeKey(tc.want)
		if k != want {
			t.Fatalf("key(%q) of %s = %x (%v), want %x (%v)", tc.path, doc, k, decodeKey(k), want, tc.want)
		}
	}
	tricky := fmt.Appendf(nil, `{"skip":["}",{"y":"]\"{"}],  "k\u0065y" : %g ,"dup":1,"dup":%g}`, n, n+2)
	if k, ok := parseFields(tricky).key("key"); !ok || k != numberKey(n) {
		t.Fatalf("key(\"key\") of %s = %v, %v; want %g: skip values whole (brackets and quotes inside strings do not count) and decode names with escapes", tricky, decodeKey(k), ok, n)
	}
	if k, ok := parseFields(tricky).key("dup"); !ok || k != numberKey(n+2) {
		t.Fatalf("key(\"dup\") of %s = %v, %v; want %g: of two members with one name the last counts, as in encoding/json", tricky, decodeKey(k), ok, n+2)
	}
	if k, ok := f.key("big"); !ok || decodeKey(k) != decodeKey(numberKey(math.Inf(1))) {
		t.Errorf("key(\"big\") of 1e999 = %v, %v; want +Inf, true: a number too large is still ordered", decodeKey(k), ok)
	}
}
