package logtar

import (
	"testing"
)

func TestAppendString(t *testing.T) {
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
			t.Errorf("appendString(%q) = %s, want %s", tt.give, got, tt.want)
		}
	}
}
