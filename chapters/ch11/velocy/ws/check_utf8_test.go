package ws

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// frRandomMaybeUTF8 returns bytes that are often valid UTF-8 and often broken
// in one of the ways the RFC 3629 table forbids.
func frRandomMaybeUTF8() []byte {
	var b []byte
	for range rand.IntN(40) {
		switch rand.IntN(10) {
		case 0:
			b = append(b, byte(rand.Uint32())) // any byte
		case 1:
			b = append(b, 0xED, byte(0xA0+rand.IntN(0x20)), byte(0x80+rand.IntN(0x40))) // a surrogate
		case 2:
			b = append(b, byte(0xC0+rand.IntN(2)), byte(0x80+rand.IntN(0x40))) // overlong 2-byte
		case 3:
			b = append(b, 0xE0, byte(0x80+rand.IntN(0x20)), 0x80) // overlong 3-byte
		case 4:
			b = append(b, 0xF0, byte(0x80+rand.IntN(0x10)), 0x80, 0x80) // overlong 4-byte
		case 5:
			b = append(b, 0xF4, byte(0x90+rand.IntN(0x30)), 0x80, 0x80) // past U+10FFFF
		case 6:
			b = append(b, byte(0xF5+rand.IntN(11))) // never a lead byte
		default:
			b = utf8.AppendRune(b, rand.Int32N(0x110000)) // a valid rune (a surrogate becomes U+FFFD)
		}
		if rand.IntN(8) == 0 && len(b) > 0 {
			b = b[:len(b)-1] // a code point cut short
		}
	}
	return b
}

// frCanContinue reports whether q is the start of some valid UTF-8 text.
func frCanContinue(q []byte) bool {
	if utf8.Valid(q) {
		return true
	}
	for j := 1; j <= 3 && j <= len(q); j++ {
		tail := q[len(q)-j:]
		if !utf8.Valid(q[:len(q)-j]) {
			continue
		}
		// Try every interesting continuation byte for the missing ones.
		var try func(t []byte) bool
		try = func(t []byte) bool {
			if len(t) == 4 || utf8.FullRune(t) {
				return utf8.Valid(t)
			}
			for _, c := range []byte{0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF} {
				if try(append(t[:len(t):len(t)], c)) {
					return true
				}
			}
			return false
		}
		if !utf8.FullRune(tail) && try(tail) {
			return true
		}
	}
	return false
}

func TestFrUTF8MatchesValid(t *testing.T) {
	for range 3000 {
		p := frRandomMaybeUTF8()
		if got, want := validUTF8(p), utf8.Valid(p); got != want {
			t.Fatalf("validUTF8(% x) = %v, want %v (utf8.Valid)", p, got, want)
		}
	}
}

func TestFrUTF8FailsAtFirstImpossibleByte(t *testing.T) {
	for range 2000 {
		p := frRandomMaybeUTF8()
		// The oracle: the first byte after which no continuation can be
		// valid (-1 if there is none).
		bad := -1
		for i := range p {
			if !frCanContinue(p[:i+1]) {
				bad = i
				break
			}
		}
		// Feed p in random pieces: feed must say false on the piece that
		// holds the bad byte, and true before.
		var s utf8State
		var pieces []string
		for at := 0; at < len(p); {
			k := min(len(p)-at, 1+rand.IntN(6))
			ok := s.feed(p[at : at+k])
			pieces = append(pieces, fmt.Sprintf("% x", p[at:at+k]))
			holds := bad >= at && bad < at+k
			switch {
			case holds && ok:
				t.Fatalf("feed(%v) of % x: the piece holding byte %d (%#x) returned true, want false: no valid text can go on from there", pieces, p, bad, p[bad])
			case !holds && !ok:
				t.Fatalf("feed(%v) of % x: returned false before any impossible byte (first at %d): a code point cut by a piece boundary may go on in the next piece", pieces, p, bad)
			}
			if !ok {
				break
			}
			at += k
		}
		if bad < 0 {
			if got, want := s.complete(), utf8.Valid(p); got != want {
				t.Fatalf("after feeding % x in pieces %v, complete() = %v, want %v: complete is false only when a code point is cut at the end", p, pieces, got, want)
			}
		}
	}
}
