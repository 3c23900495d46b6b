package trace

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// opsRandomParent returns a Parent with random, valid ids and random
// flags.
func opsRandomParent() Parent {
	var p Parent
	for p.TraceID == ([16]byte{}) {
		for i := range p.TraceID {
			p.TraceID[i] = byte(rand.IntN(256))
		}
	}
	for p.SpanID == ([8]byte{}) {
		for i := range p.SpanID {
			p.SpanID[i] = byte(rand.IntN(256))
		}
	}
	p.Flags = byte(rand.IntN(256))
	return p
}

// opsHeader writes p as the check expects it, independently of String.
func opsHeader(version string, p Parent) string {
	return fmt.Sprintf("%s-%x-%x-%02x", version, p.TraceID, p.SpanID, p.Flags)
}

// opsShow writes p for a message.
func opsShow(p Parent) string {
	return fmt.Sprintf("Parent{trace %x, span %x, flags %02x}", p.TraceID, p.SpanID, p.Flags)
}

// opsParse calls Parse, turning a panic into a test failure.
func opsParse(t *testing.T, h string) (p Parent, err error) {
	t.Helper()
	defer func() {
		if v := recover(); v != nil {
			t.Fatalf("Parse(%q) panicked: %v: check the length before indexing", h, v)
		}
	}()
	return Parse(h)
}

func TestOpsTraceparentString(t *testing.T) {
	for range 100 {
		p := opsRandomParent()
		want := opsHeader("00", p)
		if got := p.String(); got != want {
			t.Fatalf("%s.String() = %q, want %q", opsShow(p), got, want)
		}
		if got, want := p.TraceIDString(), want[3:35]; got != want {
			t.Fatalf("TraceIDString() = %q, want %q: 32 lowercase hex digits", got, want)
		}
		if got, want := p.SpanIDString(), want[36:52]; got != want {
			t.Fatalf("SpanIDString() = %q, want %q: 16 lowercase hex digits", got, want)
		}
	}
}

func TestOpsParseValid(t *testing.T) {
	for range 200 {
		p := opsRandomParent()
		h := opsHeader("00", p)
		got, err := opsParse(t, h)
		if err != nil || got != p {
			t.Fatalf("Parse(%q) = %s, %v, want %s, nil", h, opsShow(got), err, opsShow(p))
		}
	}
	// A later version is read by version 00's rules as far as they go.
	for range 50 {
		p := opsRandomParent()
		version := fmt.Sprintf("%02x", 1+rand.IntN(0xfe-1))
		h := opsHeader(version, p)
		if rand.IntN(2) == 0 {
			h += "-" + strings.Repeat("a", rand.IntN(20))
		}
		if got, err := opsParse(t, h); err != nil || got != p {
			t.Fatalf("Parse(%q) = %s, %v, want %s, nil: version %s is later than 00; read its first 55 characters, and allow \"-...\" after them",
				h, opsShow(got), err, opsShow(p), version)
		}
	}
}

func TestOpsParseRefuses(t *testing.T) {
	for range 50 {
		p := opsRandomParent()
		h := opsHeader("00", p)
		digit := []int{0, 1}[rand.IntN(2)]
		digit = []int{digit, 3 + rand.IntN(32), 36 + rand.IntN(16), 53 + rand.IntN(2)}[rand.IntN(4)]
		set := func(i int, c byte) string { return h[:i] + string(c) + h[i+1:] }
		upper := []byte(h)
		upper[3+rand.IntN(32)] = "ABCDEF"[rand.IntN(6)]
		dash := []int{2, 35, 52}[rand.IntN(3)]
		zeroTrace := h[:3] + strings.Repeat("0", 32) + h[35:]
		zeroSpan := h[:36] + strings.Repeat("0", 16) + h[52:]
		cases := []struct {
			h    string
			want error
			why  string
		}{
			{"", ErrLength, "empty"},
			{h[:rand.IntN(55)], ErrLength, "too short"},
			{h + "-" + strings.Repeat("a", rand.IntN(10)), ErrLength, "version 00 is exactly 55 characters"},
			{string(upper), ErrFormat, "uppercase hex"},
			{set(digit, "gxz-_ G"[rand.IntN(7)]), ErrFormat, "not a hex digit"},
			{set(dash, "_.:0a"[rand.IntN(5)]), ErrFormat, "no dash where one belongs"},
			{zeroTrace, ErrZeroID, "all-zero trace id"},
			{zeroSpan, ErrZeroID, "all-zero parent id"},
			{opsHeader("ff", p), ErrVersion, "version ff is invalid"},
			{opsHeader("0A", p), ErrFormat, "uppercase version"},
			{opsHeader("cc", p) + "x", ErrFormat, "a later version may add fields only after a dash"},
		}
		for _, c := range cases {
			got, err := opsParse(t, c.h)
			if !errors.Is(err, c.want) {
				t.Fatalf("Parse(%q) = %s, %v, want the error %q: %s", c.h, opsShow(got), err, c.want, c.why)
			}
		}
	}
}

func TestOpsParseNeverPanics(t *testing.T) {
	const alphabet = "0123456789abcdefABCDEF-xz "
	valid := opsHeader("00", opsRandomParent())
	for range 2000 {
		var b []byte
		if rand.IntN(2) == 0 {
			b = []byte(valid[:rand.IntN(len(valid)+1)])
		}
		for range rand.IntN(70) {
			b = append(b, alphabet[rand.IntN(len(alphabet))])
		}
		h := string(b)
		got, err := opsParse(t, h)
		switch {
		case err == nil && len(h) < 55:
			t.Fatalf("Parse(%q) = %s, nil, want an error: the header is %d characters, fewer than 55", h, opsShow(got), len(h))
		case err == nil && (len(got.String()) != 55 || got.String()[2:] != h[2:55]):
			t.Fatalf("Parse(%q) = %s, nil, but that Parent writes %q", h, opsShow(got), got.String())
		}
	}
}
