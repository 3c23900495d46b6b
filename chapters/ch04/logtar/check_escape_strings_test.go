package logtar

import (
	"encoding/json"
	"strings"
	"testing"
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
			t.Errorf("appendString(nil, %q) = %s, want %s", tt.give, got, tt.want)
		}
	}
}

func TestEscapeStringsAppends(t *testing.T) {
	b := []byte(`{"msg":`)
	got := string(appendString(b, "hi"))
	if want := `{"msg":"hi"`; got != want {
		t.Errorf("appendString([]byte(`{\"msg\":`), \"hi\") = %s, want %s: append to b, do not start over", got, want)
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
			fail("appendString(nil, %q) = %s: contains a raw line break, want it escaped", s, got)
			continue
		}
		var back string
		if err := json.Unmarshal(got, &back); err != nil {
			fail("appendString(nil, %q) = %s, which is not a valid JSON string: %v", s, got, err)
			continue
		}
		if want := string([]rune(s)); back != want {
			fail("appendString(nil, %q) = %s, which decodes to %q, want %q", s, got, back, want)
		}
	}
	if failures > 5 {
		t.Errorf("... and %d more inputs like these", failures-5)
	}
}
