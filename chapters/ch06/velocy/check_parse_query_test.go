package velocy

import (
	"errors"
	"math/rand/v2"
	"net/url"
	"reflect"
	"testing"
)

func TestParseQueryValues(t *testing.T) {
	tests := []struct {
		give string
		want url.Values
	}{
		{"", url.Values{}},
		{"name=John&age=30", url.Values{"name": {"John"}, "age": {"30"}}},
		{"color=red&color=blue&color=green", url.Values{"color": {"red", "blue", "green"}}},
		{"my%20message=Hello%20World%21&empty=&noval", url.Values{"my message": {"Hello World!"}, "empty": {""}, "noval": {""}}},
		{"q=caf%C3%A9+au+lait", url.Values{"q": {"café au lait"}}},
		{"q=caf%c3%a9", url.Values{"q": {"café"}}},
		{"a=b=c", url.Values{"a": {"b=c"}}},
		{"=v", url.Values{"": {"v"}}},
		{"&&a=1&&", url.Values{"a": {"1"}}},
		{"plus=%2B&space=+", url.Values{"plus": {"+"}, "space": {" "}}},
		{"k%26=v%3D", url.Values{"k&": {"v="}}},
		{"Name=A&name=b", url.Values{"Name": {"A"}, "name": {"b"}}},
	}
	for _, tt := range tests {
		got, err := ParseQuery(tt.give)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseQuery(%q) = %v, %v, want %v, nil", tt.give, got, err, tt.want)
		}
	}
}

func TestParseQueryBadEscape(t *testing.T) {
	tests := []struct {
		give    string
		want    url.Values
		wantErr string
	}{
		{"a=%zz&b=2", url.Values{"b": {"2"}}, `velocy: malformed percent-escape "%zz" in query pair "a=%zz"`},
		{"x=1&%g=2&y=%", url.Values{"x": {"1"}}, `velocy: malformed percent-escape "%g=" in query pair "%g=2"`},
		{"ok=1&bad=50%", url.Values{"ok": {"1"}}, `velocy: malformed percent-escape "%" in query pair "bad=50%"`},
	}
	for _, tt := range tests {
		got, err := ParseQuery(tt.give)
		if err == nil || err.Error() != tt.wantErr || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseQuery(%q) = %v, %v, want %v, %q: skip the bad pair, keep the others, return the first error", tt.give, got, err, tt.want, tt.wantErr)
		} else if !errors.Is(err, ErrBadEscape) {
			t.Errorf("ParseQuery(%q) error %v does not wrap ErrBadEscape", tt.give, err)
		}
	}
}

// TestParseQueryRandom compares ParseQuery with url.ParseQuery on random queries made
// of the characters parsers trip over.
func TestParseQueryRandom(t *testing.T) {
	const chars = "ab=&&%%2F+gZ"
	for range 2000 {
		b := make([]byte, rand.IntN(12))
		for i := range b {
			b[i] = chars[rand.IntN(len(chars))]
		}
		q := string(b)
		got, err := ParseQuery(q)
		want, wantErr := url.ParseQuery(q)
		if !reflect.DeepEqual(got, want) || (err == nil) != (wantErr == nil) {
			t.Fatalf("ParseQuery(%q) = %v, %v; url.ParseQuery gives %v, %v", q, got, err, want, wantErr)
		}
	}
}
