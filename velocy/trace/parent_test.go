package trace

import (
	"errors"
	"strings"
	"testing"
)

const validHeader = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

func TestParseValid(t *testing.T) {
	p, err := Parse(validHeader)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.TraceIDString(); got != "4bf92f3577b34da6a3ce929d0e0e4736" {
		t.Errorf("TraceIDString = %q", got)
	}
	if got := p.SpanIDString(); got != "00f067aa0ba902b7" {
		t.Errorf("SpanIDString = %q", got)
	}
	if p.Flags != FlagSampled {
		t.Errorf("Flags = %#x, want 01", p.Flags)
	}
	if got := p.String(); got != validHeader {
		t.Errorf("String = %q, want %q", got, validHeader)
	}
}

func TestParseInvalid(t *testing.T) {
	tests := []struct {
		name, header string
		want         error
	}{
		{"empty", "", ErrLength},
		{"short", validHeader[:54], ErrLength},
		{"v00 longer", validHeader + "-", ErrLength},
		{"v00 trailing", validHeader + "x", ErrLength},
		{"version ff", "ff" + validHeader[2:], ErrVersion},
		{"uppercase version", "0A" + validHeader[2:], ErrFormat},
		{"uppercase trace id", "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", ErrFormat},
		{"uppercase span id", "00-4bf92f3577b34da6a3ce929d0e0e4736-00F067AA0BA902B7-01", ErrFormat},
		{"uppercase flags", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0A", ErrFormat},
		{"not hex", "00-4bf92f3577b34da6a3ce929d0e0e473g-00f067aa0ba902b7-01", ErrFormat},
		{"zero trace id", "00-00000000000000000000000000000000-00f067aa0ba902b7-01", ErrZeroID},
		{"zero span id", "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", ErrZeroID},
		{"wrong separator", "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", ErrFormat},
		{"separator moved", "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01", ErrFormat},
		{"space", " 0-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", ErrFormat},
		{"future version, no dash after", "01" + validHeader[2:] + "x", ErrFormat},
		{"future version, bad field", "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0z-what", ErrFormat},
		{"non-ASCII", "00-4bf92f3577b34da6a3ce929d0e0e47é-00f067aa0ba902b7-01"[:55], ErrFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.header)
			if !errors.Is(err, tt.want) {
				t.Errorf("Parse(%q) error = %v, want %v", tt.header, err, tt.want)
			}
		})
	}
}

func TestParseFutureVersion(t *testing.T) {
	for _, h := range []string{
		"01" + validHeader[2:],
		"cc" + validHeader[2:] + "-what-the-future-will-be-like",
		"fe" + validHeader[2:] + "-",
	} {
		p, err := Parse(h)
		if err != nil {
			t.Errorf("Parse(%q): %v", h, err)
			continue
		}
		// Sent on, it is a version 00 header with the same ids and flags.
		if got := p.String(); got != validHeader {
			t.Errorf("Parse(%q).String() = %q, want %q", h, got, validHeader)
		}
	}
}

func TestParseKeepsUnknownFlags(t *testing.T) {
	h := validHeader[:53] + "ff"
	p, err := Parse(h)
	if err != nil {
		t.Fatal(err)
	}
	if p.Flags != 0xff || p.String() != h {
		t.Errorf("flags %#x, String %q", p.Flags, p.String())
	}
}

func TestNewAndChild(t *testing.T) {
	a, b := New(), New()
	if !a.IsValid() || !b.IsValid() {
		t.Fatalf("New gave an invalid parent: %v %v", a, b)
	}
	if a.TraceID == b.TraceID {
		t.Errorf("two New traces share the id %s", a.TraceIDString())
	}
	if a.Flags != 0 {
		t.Errorf("New flags = %#x, want 0", a.Flags)
	}
	if _, err := Parse(a.String()); err != nil {
		t.Errorf("Parse(New().String()): %v", err)
	}
	a.Flags = FlagSampled
	c := a.Child()
	if c.TraceID != a.TraceID || c.Flags != a.Flags {
		t.Errorf("Child changed the trace or flags: %v from %v", c, a)
	}
	if c.SpanID == a.SpanID {
		t.Errorf("Child kept the span id %s", a.SpanIDString())
	}
}

func TestIDs(t *testing.T) {
	p, _ := Parse(validHeader)
	tr, sp := p.ids()
	if tr != p.TraceIDString() || sp != p.SpanIDString() {
		t.Errorf("ids() = %q %q", tr, sp)
	}
	if raceEnabled {
		return
	}
	if allocs := testing.AllocsPerRun(100, func() { p.ids() }); allocs > 1 {
		t.Errorf("ids() allocates %v times, want 1", allocs)
	}
}

func TestParseAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	if allocs := testing.AllocsPerRun(100, func() { Parse(validHeader) }); allocs != 0 {
		t.Errorf("Parse allocates %v times, want 0", allocs)
	}
}

func FuzzParse(f *testing.F) {
	f.Add(validHeader)
	f.Add("01" + validHeader[2:] + "-x")
	f.Add("ff" + validHeader[2:])
	f.Add(strings.ToUpper(validHeader))
	f.Add("")
	f.Fuzz(func(t *testing.T, h string) {
		p, err := Parse(h)
		if err != nil {
			return
		}
		if !p.IsValid() {
			t.Fatalf("Parse(%q) accepted all-zero ids", h)
		}
		s := p.String()
		if h[:2] == "00" && s != h {
			t.Fatalf("Parse(%q).String() = %q", h, s)
		}
		if s[3:] != h[3:55] {
			t.Fatalf("Parse(%q).String() = %q: fields changed", h, s)
		}
		if _, err := Parse(s); err != nil {
			t.Fatalf("Parse(String()) of %q: %v", h, err)
		}
	})
}

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		Parse(validHeader)
	}
}

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		New()
	}
}

func BenchmarkChild(b *testing.B) {
	p := New()
	for b.Loop() {
		p.Child()
	}
}
