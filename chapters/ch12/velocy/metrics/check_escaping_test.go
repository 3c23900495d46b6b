package metrics

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// metEscRandom returns a random non-empty string rich in the characters
// the two rules treat differently.
func metEscRandom() string {
	parts := []string{`\`, `"`, "\n", "a", "b", " ", "é", "\t", "\r", "{", "}", "=", ","}
	var b strings.Builder
	for range 1 + rand.IntN(12) {
		b.WriteString(parts[rand.IntN(len(parts))])
	}
	return b.String()
}

var (
	metEscHelp  = strings.NewReplacer(`\`, `\\`, "\n", `\n`)
	metEscLabel = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
)

func TestMetAppendHelp(t *testing.T) {
	for range 300 {
		s := metEscRandom()
		prefix := []byte("# HELP x ")
		got := string(appendHelp(prefix, s))
		want := "# HELP x " + metEscHelp.Replace(s)
		if got != want {
			t.Fatalf("appendHelp(%q, %q) = %q, want %q: in HELP text only backslash (\\\\) and newline (\\n) are escaped; a quote stays as it is", prefix, s, got, want)
		}
	}
}

func TestMetAppendLabelValue(t *testing.T) {
	for range 300 {
		s := metEscRandom()
		prefix := []byte(`x{v="`)
		got := string(appendLabelValue(prefix, s))
		want := `x{v="` + metEscLabel.Replace(s)
		if got != want {
			t.Fatalf("appendLabelValue(%q, %q) = %q, want %q: a label value escapes backslash (\\\\), double quote (\\\") and newline (\\n)", prefix, s, got, want)
		}
	}
}

func TestMetEscapeNoAllocs(t *testing.T) {
	s := strings.Repeat("plain/value-", 1+rand.IntN(5))
	buf := make([]byte, 0, 256)
	if n := testing.AllocsPerRun(100, func() { buf = appendLabelValue(buf[:0], s) }); n != 0 || string(buf) != s {
		t.Fatalf("appendLabelValue(buf[:0], %q) with room in buf: %v allocations, result %q; want 0 and the value unchanged: append byte by byte (or run by run) into b", s, n, buf)
	}
}
