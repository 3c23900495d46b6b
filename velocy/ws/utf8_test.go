package ws

import (
	"testing"
	"unicode/utf8"
)

func TestUTF8Samples(t *testing.T) {
	for _, s := range utf8Samples {
		if got := validUTF8([]byte(s.s)); got != s.valid {
			t.Errorf("%s %q: valid = %v, want %v", s.cases, s.s, got, s.valid)
		}
		if utf8.ValidString(s.s) != s.valid {
			t.Errorf("%s: the table disagrees with unicode/utf8", s.cases)
		}
	}
}

// TestUTF8EverySplit feeds strings cut at every point (and byte by byte)
// and compares with utf8.Valid.
func TestUTF8EverySplit(t *testing.T) {
	inputs := []string{"héllo wörld €𝄞", "ab\xed\xa0\x80cd", "\xf4\x8f\xbf\xbf\xf4\x90", "plain ascii only", "\xe0\xa0", "x\xc2"}
	for _, s := range utf8Samples {
		inputs = append(inputs, s.s, "pre"+s.s+"post")
	}
	for _, in := range inputs {
		want := utf8.ValidString(in)
		for cut := 0; cut <= len(in); cut++ {
			var st utf8State
			ok := st.feed([]byte(in[:cut])) && st.feed([]byte(in[cut:])) && st.complete()
			if ok != want {
				t.Fatalf("%q cut at %d: %v, want %v", in, cut, ok, want)
			}
		}
		var st utf8State
		ok := true
		for i := range len(in) {
			ok = ok && st.feed([]byte{in[i]})
		}
		if ok && !st.complete() {
			ok = false
		}
		if ok != want {
			t.Fatalf("%q byte by byte: %v, want %v", in, ok, want)
		}
	}
}

// TestUTF8FailsFast checks that feed reports an invalid byte at once, not
// only when the text ends.
func TestUTF8FailsFast(t *testing.T) {
	for _, p := range []string{"ok\xf4\x90", "\xc0", "\xed\xa0", "\xe0\x80", "ab\x80", "\xf5"} {
		var st utf8State
		if st.feed([]byte(p)) {
			t.Errorf("%q: feed accepted bytes that no continuation can make valid", p)
		}
	}
	var st utf8State
	if !st.feed([]byte("ok\xf0\x9f")) || st.complete() {
		t.Error("a valid prefix cut inside a code point: want accepted and not complete")
	}
}
