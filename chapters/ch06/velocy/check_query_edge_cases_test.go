package velocy

import (
	"math/rand/v2"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestParseQueryRefuses(t *testing.T) {
	tests := []struct {
		name, give string
		want       url.Values
		wantErr    string
	}{
		{`"a=1;b=2&c=3"`, "a=1;b=2&c=3", url.Values{"c": {"3"}}, `velocy: query pair "a=1;b=2" contains ';': separate pairs with '&'`},
		{`10000 times "a&"`, strings.Repeat("a&", 10000), url.Values{}, "velocy: query has more than 10000 pairs"},
	}
	for _, tt := range tests {
		got, err := ParseQuery(tt.give)
		if err == nil || err.Error() != tt.wantErr || !reflect.DeepEqual(got, tt.want) {
			gotText := got.Encode()
			if len(gotText) > 60 {
				gotText = gotText[:60] + "..."
			}
			t.Errorf("ParseQuery(%s) = %q, %v; want %q, %q", tt.name, gotText, err, tt.want.Encode(), tt.wantErr)
		}
	}
	if got, err := ParseQuery(strings.Repeat("a&", 9999)); err != nil || len(got["a"]) != 9999 {
		t.Errorf("ParseQuery with 9999 pairs = %d values, %v, want 9999 values, nil", len(got["a"]), err)
	}
}

// TestParseQueryAgreesWithNetURL compares ParseQuery with url.ParseQuery on
// inputs chosen to break parsers: the same values, and an error exactly when
// it reports one.
func TestParseQueryAgreesWithNetURL(t *testing.T) {
	for _, q := range []string{
		"", "&", "&&", "=", "==", "=&=", "a", "a=", "=a", "a==", "a=b=c", "a&a&a", "a=1&a=2&a=",
		"+", "a+b=c+d", "%20=%20", "a=%", "a=%2", "a=%zz&b=1", "%zz=1&b=2", "a=1;b=2", ";", "a;=b",
		"k%3D=v%26", "%E2%82%AC=%F0%9F%98%80", "a=%C3", "x=1&&y=2&", "q=go+http&lang=en",
	} {
		got, err := ParseQuery(q)
		want, wantErr := url.ParseQuery(q)
		if !reflect.DeepEqual(got, want) || (err == nil) != (wantErr == nil) {
			t.Errorf("ParseQuery(%q) = %v, %v; url.ParseQuery gives %v, %v", q, got, err, want, wantErr)
		}
	}
}

// TestParseQueryEdgeCasesRandom compares ParseQuery with url.ParseQuery on random queries made
// of the characters parsers trip over.
func TestParseQueryEdgeCasesRandom(t *testing.T) {
	const chars = "ab=&&%%2F+gZ;"
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
