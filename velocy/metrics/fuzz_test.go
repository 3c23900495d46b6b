package metrics

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzLabelValue writes a label value (and a help text) through the
// registry and reads it back with parsePage: whatever the bytes, the line
// parses and the value comes back (invalid UTF-8 as U+FFFD).
func FuzzLabelValue(f *testing.F) {
	for _, s := range []string{"", "plain", `a\b`, `"`, "\n", `\n`, `\"`, "ünï ✓", "\xff", "}", `",x="y`, "a b 1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		r := NewRegistry()
		r.CounterVec("c_total", v, "a", "b").With(v, "x").Inc()
		var b strings.Builder
		if err := r.WriteText(&b); err != nil {
			t.Fatal(err)
		}
		page := b.String()
		if !utf8.ValidString(page) {
			t.Fatalf("page is not UTF-8: %q", page)
		}
		samples, err := parsePage(page)
		if err != nil {
			t.Fatalf("%v in %q", err, page)
		}
		if len(samples) != 1 {
			t.Fatalf("%d samples in %q", len(samples), page)
		}
		s := samples[0]
		want := strings.ToValidUTF8(v, "\uFFFD")
		if got, _ := s.label("a"); got != want || s.name != "c_total" || s.value != 1 || len(s.labels) != 2 {
			t.Fatalf("read back %+v, want a=%q in %q", s, want, page)
		}
		if got, _ := s.label("b"); got != "x" {
			t.Fatalf("b = %q", got)
		}
	})
}
