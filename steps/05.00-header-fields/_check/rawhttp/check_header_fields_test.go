package rawhttp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
)

// headerFieldsRead runs readHeader on in with lim (zero fields take defaults).
func headerFieldsRead(in string, lim Limits) (Header, error) {
	return readHeader(bufio.NewReaderSize(strings.NewReader(in), 16), lim.withDefaults())
}

func TestCanonicalKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"content-type", "Content-Type"},
		{"CONTENT-LENGTH", "Content-Length"},
		{"x-forwarded-for", "X-Forwarded-For"},
		{"eTaG", "Etag"},
		{"a--b", "A--B"},
		{"with space", "with space"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := canonicalKey(tt.in); got != tt.want {
			t.Errorf("canonicalKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	h := Header{}
	h.Add("content-type", "text/html")
	if got := h.Get("CONTENT-TYPE"); got != "text/html" {
		t.Errorf(`after h.Add("content-type", "text/html"), h.Get("CONTENT-TYPE") = %q, want "text/html": names are case-insensitive`, got)
	}
}

func TestReadHeaderFields(t *testing.T) {
	tests := []struct {
		in   string
		want Header
	}{
		{"Host: example.com\r\n\r\n", Header{"Host": {"example.com"}}},
		{"\r\n", Header{}},
		{"content-TYPE:  text/plain \t\r\n\r\n", Header{"Content-Type": {"text/plain"}}},
		{"Accept: a\r\naccept: b\r\n\r\n", Header{"Accept": {"a", "b"}}},
		{"X-Empty:\r\n\r\n", Header{"X-Empty": {""}}},
		{"X-Colons: a:b:c\r\n\r\n", Header{"X-Colons": {"a:b:c"}}},
		{"X-Inner:  a  b \r\n\r\n", Header{"X-Inner": {"a  b"}}},
		{"X-Utf8: caf\xc3\xa9\r\n\r\n", Header{"X-Utf8": {"caf\xc3\xa9"}}},
	}
	for _, tt := range tests {
		got, err := headerFieldsRead(tt.in, Limits{})
		if !reflect.DeepEqual(got, tt.want) || err != nil {
			t.Errorf("readHeader(%q) = %v, %v, want %v, nil", tt.in, got, err, tt.want)
		}
	}
}

func TestReadHeaderRefusesMalformed(t *testing.T) {
	tests := []struct{ in, why string }{
		{"Host : example.com\r\n\r\n", "no space is allowed between a name and its colon"},
		{" Host: example.com\r\n\r\n", "a line that starts with a space continues the one before (obsolete folding)"},
		{"A: 1\r\n folded\r\n\r\n", "obsolete line folding"},
		{"NoColon\r\n\r\n", "a field line needs a colon"},
		{": no name\r\n\r\n", "the name is empty"},
		{"X-Bad: a\rb\r\n\r\n", "a bare CR in a value"},
		{"X-Nul: a\x00b\r\n\r\n", "a NUL byte in a value"},
		{"X-Lf: a\nX-Evil: b\r\n\r\n", "a bare LF ends a line"},
	}
	for _, tt := range tests {
		got, err := headerFieldsRead(tt.in, Limits{})
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("readHeader(%q) = %v, %v, want an error wrapping ErrMalformed: %s", tt.in, got, err, tt.why)
		}
	}
	if _, err := headerFieldsRead("X-A: 1\r\n", Limits{}); err != io.ErrUnexpectedEOF {
		t.Errorf("readHeader(%q) error = %v, want io.ErrUnexpectedEOF: the input ended before the empty line", "X-A: 1\r\n", err)
	}
}

func TestReadHeaderLimits(t *testing.T) {
	tests := []struct {
		in  string
		lim Limits
		ok  bool
	}{
		{"X-Long: " + strings.Repeat("a", 56) + "\r\n\r\n", Limits{FieldLine: 64}, true},
		{"X-Long: " + strings.Repeat("a", 57) + "\r\n\r\n", Limits{FieldLine: 64}, false},
		{"X-Long: " + strings.Repeat("a", 10000), Limits{FieldLine: 64}, false},
		{strings.Repeat("X-A: 1\r\n", 4) + "\r\n", Limits{Fields: 4}, true},
		{strings.Repeat("X-A: 1\r\n", 5) + "\r\n", Limits{Fields: 4}, false},
		{strings.Repeat("X-A: 1\r\n", 101) + "\r\n", Limits{}, false},
		{strings.Repeat("X-A: 1\r\n", 6) + "\r\n", Limits{HeaderBytes: 50}, true},
		{strings.Repeat("X-A: 1\r\n", 7) + "\r\n", Limits{HeaderBytes: 50}, false},
	}
	for _, tt := range tests {
		got, err := headerFieldsRead(tt.in, tt.lim)
		shown := tt.in
		if len(shown) > 120 {
			shown = shown[:120] + fmt.Sprintf("... (%d bytes)", len(tt.in))
		}
		if tt.ok && err != nil {
			t.Errorf("readHeader(%q) with %+v = %v, want no error: it is within the limits", shown, tt.lim, err)
		}
		if !tt.ok && !errors.Is(err, ErrHeaderTooLarge) {
			t.Errorf("readHeader(%q) with %+v = %v, %v, want an error wrapping ErrHeaderTooLarge (431)", shown, tt.lim, got, err)
		}
	}
}
