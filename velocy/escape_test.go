package velocy

import (
	"errors"
	"net/url"
	"testing"
)

func TestUnescape(t *testing.T) {
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

func TestUnescapeError(t *testing.T) {
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
		for _, unescape := range []func(string) (string, error){PathUnescape, QueryUnescape} {
			got, err := unescape(tt.give)
			if err == nil || err.Error() != tt.want || got != "" {
				t.Errorf("unescape(%q) = %q, %v, want \"\", %q", tt.give, got, err, tt.want)
			}
			if !errors.Is(err, ErrBadEscape) {
				t.Errorf("unescape(%q) error %v does not wrap ErrBadEscape", tt.give, err)
			}
		}
	}
}

func TestUnescapeNoAllocation(t *testing.T) {
	allocs := testing.AllocsPerRun(100, func() {
		PathUnescape("/repos/learn-go/velocy/stargazers")
		QueryUnescape("no-escapes-here")
	})
	if allocs != 0 {
		t.Errorf("unescaping text without escapes: %v allocations, want 0", allocs)
	}
}

func TestEqualDecoded(t *testing.T) {
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
	}
	for _, tt := range tests {
		if got := equalDecoded(tt.raw, tt.label); got != tt.want {
			t.Errorf("equalDecoded(%q, %q) = %v, want %v", tt.raw, tt.label, got, tt.want)
		}
	}
}

// FuzzUnescape checks both decoders against net/url's, and equalDecoded
// against decoding first.
func FuzzUnescape(f *testing.F) {
	for _, s := range []string{"", "a+b", "caf%C3%A9", "%zz", "%", "a%2Fb", "%2525", "+%2B+"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := PathUnescape(s)
		want, wantErr := url.PathUnescape(s)
		if got != want || (err == nil) != (wantErr == nil) {
			t.Fatalf("PathUnescape(%q) = %q, %v; url.PathUnescape = %q, %v", s, got, err, want, wantErr)
		}
		got, err = QueryUnescape(s)
		want, wantErr = url.QueryUnescape(s)
		if got != want || (err == nil) != (wantErr == nil) {
			t.Fatalf("QueryUnescape(%q) = %q, %v; url.QueryUnescape = %q, %v", s, got, err, want, wantErr)
		}
		if decoded, err := PathUnescape(s); err == nil {
			if !equalDecoded(s, decoded) {
				t.Fatalf("equalDecoded(%q, %q) = false, want true", s, decoded)
			}
			if equalDecoded(s, decoded+"x") {
				t.Fatalf("equalDecoded(%q, %q) = true, want false", s, decoded+"x")
			}
		}
	})
}
