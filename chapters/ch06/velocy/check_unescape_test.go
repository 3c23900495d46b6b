package velocy

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"
)

func TestPathAndQueryUnescape(t *testing.T) {
	tests := []struct {
		give      string
		wantPath  string
		wantQuery string
	}{
		{"", "", ""},
		{"plain", "plain", "plain"},
		{"Hello%20World%21", "Hello World!", "Hello World!"},
		{"caf%C3%A9", "café", "café"},
		{"caf%c3%a9", "café", "café"},
		{"a%2Fb", "a/b", "a/b"},
		{"a+b", "a+b", "a b"},
		{"%2B", "+", "+"},
		{"%25", "%", "%"},
		{"%2525", "%25", "%25"},
		{"100%25+sure", "100%+sure", "100% sure"},
		{"%00", "\x00", "\x00"},
		{"%ff", "\xff", "\xff"},
	}
	for _, tt := range tests {
		if got, err := PathUnescape(tt.give); got != tt.wantPath || err != nil {
			t.Errorf("PathUnescape(%q) = %q, %v, want %q, nil", tt.give, got, err, tt.wantPath)
		}
		if got, err := QueryUnescape(tt.give); got != tt.wantQuery || err != nil {
			t.Errorf("QueryUnescape(%q) = %q, %v, want %q, nil", tt.give, got, err, tt.wantQuery)
		}
	}
}

func TestUnescapeMalformed(t *testing.T) {
	tests := []struct {
		give string
		want string
	}{
		{"%", `velocy: malformed percent-escape "%" at offset 0`},
		{"ab%", `velocy: malformed percent-escape "%" at offset 2`},
		{"%2", `velocy: malformed percent-escape "%2" at offset 0`},
		{"a%zzb", `velocy: malformed percent-escape "%zz" at offset 1`},
		{"%%41", `velocy: malformed percent-escape "%%4" at offset 0`},
		{"%41%g1", `velocy: malformed percent-escape "%g1" at offset 3`},
	}
	for _, tt := range tests {
		for name, unescape := range map[string]func(string) (string, error){"PathUnescape": PathUnescape, "QueryUnescape": QueryUnescape} {
			got, err := unescape(tt.give)
			if err == nil || err.Error() != tt.want || got != "" {
				t.Errorf("%s(%q) = %q, %v, want \"\", %q", name, tt.give, got, err, tt.want)
			} else if !errors.Is(err, ErrBadEscape) {
				t.Errorf("%s(%q) error %v does not wrap ErrBadEscape: use %%w", name, tt.give, err)
			}
		}
	}
}

func TestUnescapeWithoutEscapesAllocatesNothing(t *testing.T) {
	if got, _ := PathUnescape("/repos/learn-go/velocy/stargazers"); got != "/repos/learn-go/velocy/stargazers" {
		t.Fatalf("PathUnescape(\"/repos/learn-go/velocy/stargazers\") = %q, want it unchanged", got)
	}
	allocs := testing.AllocsPerRun(100, func() {
		PathUnescape("/repos/learn-go/velocy/stargazers")
		QueryUnescape("no-escapes-here")
	})
	if allocs != 0 {
		t.Errorf("unescaping text without escapes: %v allocations, want 0: return the string itself when it has no '%%' (and no '+' for a query)", allocs)
	}
}

func TestEqualDecodedSegments(t *testing.T) {
	tests := []struct {
		raw, label string
		want       bool
	}{
		{"users", "users", true},
		{"%75sers", "users", true},
		{"%75SERS", "users", false},
		{"a%2Fb", "a/b", true},
		{"a%2fb", "a/b", true},
		{"a%2Fb", "a%2Fb", false},
		{"abc", "ab", false},
		{"ab", "abc", false},
		{"", "", true},
		{"%41", "", false},
		{"caf%C3%A9", "café", true},
	}
	for _, tt := range tests {
		if got := equalDecoded(tt.raw, tt.label); got != tt.want {
			t.Errorf("equalDecoded(%q, %q) = %v, want %v", tt.raw, tt.label, got, tt.want)
		}
	}
}

// TestUnescapeAgreesWithNetURL compares both decoders with net/url's on
// inputs chosen to break decoders.
func TestUnescapeAgreesWithNetURL(t *testing.T) {
	for _, s := range []string{
		"", "a", "%", "%%", "%%%", "%4", "%41", "%4g", "%g4", "%ZZ", "%zz", "%aF", "%Af",
		"+", "++", "%2B+", "+%2B", "a+b+c", "%20+%20", "%7e", "%7E%7e", "%C3%A9%C3%A8",
		"%E2%82%AC", "%F0%9F%98%80", "%80", "%FF%FE", "a%", "a%4", "%41%", "/a%2Fb/c%2fd",
	} {
		got, err := PathUnescape(s)
		want, wantErr := url.PathUnescape(s)
		if got != want || (err == nil) != (wantErr == nil) {
			t.Errorf("PathUnescape(%q) = %q, %v; url.PathUnescape gives %q, %v", s, got, err, want, wantErr)
		}
		got, err = QueryUnescape(s)
		want, wantErr = url.QueryUnescape(s)
		if got != want || (err == nil) != (wantErr == nil) {
			t.Errorf("QueryUnescape(%q) = %q, %v; url.QueryUnescape gives %q, %v", s, got, err, want, wantErr)
		}
	}
}

// TestUnescapeRandom compares both decoders with net/url's on random
// strings made of the characters decoders trip over.
func TestUnescapeRandom(t *testing.T) {
	const chars = "%%%%++aZ09fFgG/é"
	for range 2000 {
		b := make([]byte, rand.IntN(9))
		for i := range b {
			b[i] = chars[rand.IntN(len(chars))]
		}
		s := string(b)
		got, err := PathUnescape(s)
		want, wantErr := url.PathUnescape(s)
		if got != want || (err == nil) != (wantErr == nil) {
			t.Fatalf("PathUnescape(%q) = %q, %v; url.PathUnescape gives %q, %v", s, got, err, want, wantErr)
		}
		got, err = QueryUnescape(s)
		want, wantErr = url.QueryUnescape(s)
		if got != want || (err == nil) != (wantErr == nil) {
			t.Fatalf("QueryUnescape(%q) = %q, %v; url.QueryUnescape gives %q, %v", s, got, err, want, wantErr)
		}
	}
}

// TestEqualDecodedRandom escapes random labels at random places and asks
// equalDecoded to recognise them, and not a label one byte off.
func TestEqualDecodedRandom(t *testing.T) {
	const chars = "az/ %+é"
	for range 500 {
		b := make([]byte, rand.IntN(6))
		for i := range b {
			b[i] = chars[rand.IntN(len(chars))]
		}
		label := string(b)
		var raw strings.Builder
		for i := 0; i < len(label); i++ {
			if c := label[i]; c == '/' || c == '%' || c == ' ' || c >= 0x80 || rand.IntN(3) == 0 {
				fmt.Fprintf(&raw, []string{"%%%02X", "%%%02x"}[rand.IntN(2)], c)
			} else {
				raw.WriteByte(c)
			}
		}
		if !equalDecoded(raw.String(), label) {
			t.Fatalf("equalDecoded(%q, %q) = false, want true", raw.String(), label)
		}
		if equalDecoded(raw.String(), label+"x") {
			t.Fatalf("equalDecoded(%q, %q) = true, want false: the label is one byte longer", raw.String(), label+"x")
		}
	}
}
