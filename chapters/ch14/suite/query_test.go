package suite

import (
	"maps"
	"net/url"
	"slices"
	"testing"
)

func FuzzParseQuery(f *testing.F) {
	for _, seed := range []string{
		"", "a=1", "a=1&a=2&b=", "x+y=%41%2f%2F", "a=1&&b=2", "a=1;b=2", "k",
		"a=%4", "a=%", "a=%zz", "%=1", "=v", "a+b+c=d%20e",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := ParseQuery(raw)
		want, wantErr := url.ParseQuery(raw)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("ParseQuery(%q) error %v, url.ParseQuery error %v", raw, err, wantErr)
		}
		if err == nil && !maps.EqualFunc(got, map[string][]string(want), slices.Equal) {
			t.Fatalf("ParseQuery(%q) = %q, url.ParseQuery = %q", raw, got, want)
		}
	})
}
