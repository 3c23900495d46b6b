package rawhttp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
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

// headerFieldsPick returns n random bytes from alphabet.
func headerFieldsPick(alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(b)
}

// headerFieldsCanonical is the check's own canonicalKey, for tokens of letters,
// digits and hyphens.
func headerFieldsCanonical(name string) string {
	b := []byte(strings.ToLower(name))
	for i := range b {
		if (i == 0 || b[i-1] == '-') && 'a' <= b[i] && b[i] <= 'z' {
			b[i] -= 'a' - 'A'
		}
	}
	return string(b)
}

func TestReadHeaderRandom(t *testing.T) {
	const nameBytes = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-"
	const valueBytes = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ,;=/\"()\t"
	for range 10 {
		var in strings.Builder
		want := Header{}
		for range 1 + rand.IntN(8) {
			name := headerFieldsPick(nameBytes, 1+rand.IntN(12))
			value := headerFieldsPick(valueBytes, rand.IntN(30))
			value = strings.Trim(value, " \t")
			ows := func() string { return headerFieldsPick(" \t", rand.IntN(3)) }
			in.WriteString(name + ":" + ows() + value + ows() + "\r\n")
			key := headerFieldsCanonical(name)
			want[key] = append(want[key], value)
			if got := canonicalKey(name); got != key {
				t.Fatalf("canonicalKey(%q) = %q, want %q: upper case for the first letter and each letter after a '-', lower case for the rest", name, got, key)
			}
		}
		in.WriteString("\r\n")
		got, err := headerFieldsRead(in.String(), Limits{})
		if !reflect.DeepEqual(got, want) || err != nil {
			t.Fatalf("readHeader(%q) =\n%q, %v\nwant\n%q, nil", in.String(), got, err, want)
		}
	}
}

func TestReadHeaderRandomLimits(t *testing.T) {
	// One field line of exactly FieldLine bytes is allowed; one more byte is not.
	limit := 20 + rand.IntN(200)
	line := "X-Long: " + strings.Repeat("v", limit-len("X-Long: "))
	for _, tt := range []struct {
		in string
		ok bool
	}{{line + "\r\n\r\n", true}, {line + "v\r\n\r\n", false}} {
		_, err := headerFieldsRead(tt.in, Limits{FieldLine: limit})
		if tt.ok != (err == nil) || !tt.ok && !errors.Is(err, ErrHeaderTooLarge) {
			t.Errorf("readHeader(a field line of %d bytes) with Limits{FieldLine: %d} = %v, want %s",
				len(tt.in)-4, limit, err, map[bool]string{true: "nil: it is exactly at the limit", false: "an error wrapping ErrHeaderTooLarge"}[tt.ok])
		}
	}
	// Fields fields are allowed; one more is not.
	fields := 1 + rand.IntN(30)
	for _, n := range []int{fields, fields + 1} {
		in := strings.Repeat("X-A: 1\r\n", n) + "\r\n"
		_, err := headerFieldsRead(in, Limits{Fields: fields})
		if ok := n <= fields; ok != (err == nil) || !ok && !errors.Is(err, ErrHeaderTooLarge) {
			t.Errorf("readHeader(%d field lines) with Limits{Fields: %d} = %v, want %s", n, fields, err,
				map[bool]string{true: "nil: it is exactly at the limit", false: "an error wrapping ErrHeaderTooLarge"}[ok])
		}
	}
	// HeaderBytes counts every line with its CRLF, the empty line included.
	lines := 2 + rand.IntN(20)
	total := lines*len("X-A: 1\r\n") + 2
	for _, max := range []int{total, total - 1} {
		in := strings.Repeat("X-A: 1\r\n", lines) + "\r\n"
		_, err := headerFieldsRead(in, Limits{HeaderBytes: max})
		if ok := max == total; ok != (err == nil) || !ok && !errors.Is(err, ErrHeaderTooLarge) {
			t.Errorf("readHeader(%d field lines, %d bytes with every CRLF) with Limits{HeaderBytes: %d} = %v, want %s", lines, total, max, err,
				map[bool]string{true: "nil: it is exactly at the limit", false: "an error wrapping ErrHeaderTooLarge"}[ok])
		}
	}
}
