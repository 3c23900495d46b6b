package logtar

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEscapeStrings(t *testing.T) {
	tests := []struct {
		give string
		want string
	}{
		{"", `""`},
		{"plain text", `"plain text"`},
		{`say "hi"`, `"say \"hi\""`},
		{`C:\dir`, `"C:\\dir"`},
		{"two\nlines", `"two\nlines"`},
		{"cr\rtab\t", `"cr\rtab\t"`},
		{"nul\x00bell\x07esc\x1b", `"nul\u0000bell\u0007esc\u001b"`},
		{"unit\x1f", `"unit\u001f"`},
		{"del\x7f", "\"del\x7f\""},
		{"héllo, 世界 🙂", `"héllo, 世界 🙂"`},
		{"bad \xff byte", `"bad \ufffd byte"`},
		{"cut \xe4\xb8", `"cut \ufffd\ufffd"`},
		{"real \ufffd stays", "\"real \ufffd stays\""},
		{"js\u2028line\u2029sep", `"js\u2028line\u2029sep"`},
		{"<html>&", `"<html>&"`},
	}
	for _, tt := range tests {
		if got := string(appendString(nil, tt.give)); got != tt.want {
			t.Errorf("appendString(nil, %q) = %q, want %q", tt.give, got, tt.want)
		}
	}
}

func TestEscapeStringsAppends(t *testing.T) {
	b := []byte(`{"msg":`)
	got := string(appendString(b, "hi"))
	if want := `{"msg":"hi"`; got != want {
		t.Errorf("appendString([]byte(`{\"msg\":`), \"hi\") = %q, want %q: append to b, do not start over", got, want)
	}
}

func TestEscapeStringsRoundTrip(t *testing.T) {
	// Whatever the text, the result is one line of valid JSON that decodes
	// back to the text (with invalid UTF-8 replaced, as encoding/json does).
	var inputs []string
	for c := range 256 {
		inputs = append(inputs, "a"+string(rune(c))+"b", "a"+string([]byte{byte(c)})+"b")
	}
	inputs = append(inputs, "\"}\n{\"level\":\"CRITICAL\"", strings.Repeat("\\\"", 50), "\xed\xa0\x80", "\U0010FFFF")
	failures := 0
	fail := func(format string, args ...any) {
		failures++
		if failures <= 5 {
			t.Errorf(format, args...)
		}
	}
	for _, s := range inputs {
		got := appendString(nil, s)
		if strings.ContainsAny(string(got), "\n\r") {
			fail("appendString(nil, %q) = %q: contains a raw line break, want it escaped", s, got)
			continue
		}
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			fail("appendString(nil, %q) = %q, which is not a valid JSON string: %v", s, got, err)
			continue
		}
		if want := string([]rune(s)); back != want {
			fail("appendString(nil, %q) = %q, which decodes to %q, want %q", s, got, back, want)
		}
	}
	if failures > 5 {
		t.Errorf("... and %d more inputs like these", failures-5)
	}
}

// escapeStringsWant is a plain, one-byte-at-a-time version of the rules in
// the lesson's table, to compare against.
func escapeStringsWant(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == '\u2028' || r == '\u2029':
			fmt.Fprintf(&b, `\u%04x`, r)
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\ufffd`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func TestEscapeStringsRandom(t *testing.T) {
	pieces := []string{"a", "Z", "9", " ", "plain words ", `"`, `\`, "\n", "\r", "\t", "\x00", "\x01", "\b", "\f", "\x1f",
		"\x7f", "é", "世", "🙂", "\xff", "\xe4\xb8", "\xed\xa0\x80", "\u2028", "\u2029", "<", ">", "&", "\ufffd"}
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	for range 500 {
		var s strings.Builder
		for range rng.IntN(12) {
			s.WriteString(pieces[rng.IntN(len(pieces))])
		}
		prefix := []byte(`{"msg":`)
		got := string(appendString(prefix, s.String()))
		want := string(prefix) + escapeStringsWant(s.String())
		if got != want {
			t.Fatalf("appendString([]byte(%q), %q) = %q, want %q", prefix, s.String(), got, want)
		}
	}
}
