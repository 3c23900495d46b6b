package velocy

import (
	"errors"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// parseQueryTests are valid queries with their values. The fuzz test seeds
// from them too.
var parseQueryTests = []struct {
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

func TestParseQuery(t *testing.T) {
	for _, tt := range parseQueryTests {
		got, err := ParseQuery(tt.give)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseQuery(%q) = %v, %v, want %v, nil", tt.give, got, err, tt.want)
		}
	}
}

func TestParseQueryError(t *testing.T) {
	tests := []struct {
		give    string
		want    url.Values
		wantErr string
	}{
		{"a=%zz&b=2", url.Values{"b": {"2"}}, `velocy: malformed percent-escape "%zz" in query pair "a=%zz"`},
		{"x=1&%g=2&y=%", url.Values{"x": {"1"}}, `velocy: malformed percent-escape "%g=" in query pair "%g=2"`},
		{"a=1;b=2&c=3", url.Values{"c": {"3"}}, `velocy: query pair "a=1;b=2" contains ';': separate pairs with '&'`},
		{strings.Repeat("a&", maxQueryPairs), url.Values{}, "velocy: query has more than 10000 pairs"},
	}
	for _, tt := range tests {
		got, err := ParseQuery(tt.give)
		if err == nil || err.Error() != tt.wantErr || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseQuery(%.40q) = %v, %v, want %v, %q", tt.give, got, err, tt.want, tt.wantErr)
		}
	}
	if _, err := ParseQuery("a=%zz"); !errors.Is(err, ErrBadEscape) {
		t.Errorf("ParseQuery(\"a=%%zz\") error %v does not wrap ErrBadEscape", err)
	}
}

// FuzzParseQuery uses url.ParseQuery as the oracle: the same values, and an
// error exactly when it reports one.
func FuzzParseQuery(f *testing.F) {
	for _, tt := range parseQueryTests {
		f.Add(tt.give)
	}
	for _, s := range []string{"a=%zz&b=2", "x=1&%g=2&y=%", "a=1;b=2&c=3", "=&=&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		got, err := ParseQuery(q)
		want, wantErr := url.ParseQuery(q)
		if !reflect.DeepEqual(got, want) || (err == nil) != (wantErr == nil) {
			t.Fatalf("ParseQuery(%q) = %v, %v; url.ParseQuery = %v, %v", q, got, err, want, wantErr)
		}
	})
}
