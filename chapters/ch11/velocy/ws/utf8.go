package ws

import "unicode/utf8"

// utf8State validates UTF-8 fed in pieces: a code point may be split across
// pieces (across the frames of a message), and an invalid byte is reported as
// soon as it is seen, not at the end of the message.
//
// need is how many continuation bytes the current code point still needs;
// lo and hi bound the next one (the first continuation byte after E0, ED, F0
// and F4 has a narrower range: that is how overlong forms, surrogates and
// code points past U+10FFFF are refused, RFC 3629 section 4).
type utf8State struct {
	need   uint8
	lo, hi byte
}

// feed validates p as the next piece and reports whether the text so far
// can still be valid.
func (s *utf8State) feed(p []byte) bool {
	i := 0
	for s.need > 0 && i < len(p) {
		if p[i] < s.lo || p[i] > s.hi {
			return false
		}
		s.need--
		s.lo, s.hi = 0x80, 0xBF
		i++
	}
	if s.need > 0 {
		return true
	}
	// Fast path: the rest is complete and valid (utf8.Valid goes 8 ASCII
	// bytes at a time). Otherwise walk it to find the bad byte or the
	// code point cut at the end.
	if utf8.Valid(p[i:]) {
		return true
	}
	for i < len(p) {
		b := p[i]
		i++
		if b < utf8.RuneSelf {
			continue
		}
		switch {
		case b < 0xC2:
			return false
		case b < 0xE0:
			s.need, s.lo, s.hi = 1, 0x80, 0xBF
		case b == 0xE0:
			s.need, s.lo, s.hi = 2, 0xA0, 0xBF
		case b == 0xED:
			s.need, s.lo, s.hi = 2, 0x80, 0x9F
		case b < 0xF0:
			s.need, s.lo, s.hi = 2, 0x80, 0xBF
		case b == 0xF0:
			s.need, s.lo, s.hi = 3, 0x90, 0xBF
		case b < 0xF4:
			s.need, s.lo, s.hi = 3, 0x80, 0xBF
		case b == 0xF4:
			s.need, s.lo, s.hi = 3, 0x80, 0x8F
		default:
			return false
		}
		for s.need > 0 && i < len(p) {
			if p[i] < s.lo || p[i] > s.hi {
				return false
			}
			s.need--
			s.lo, s.hi = 0x80, 0xBF
			i++
		}
	}
	return true
}

// complete reports whether the text fed so far ends on a code point boundary
// (checked at the end of a message).
func (s *utf8State) complete() bool { return s.need == 0 }

// validUTF8 reports whether p is valid UTF-8, through the same code as
// messages use (so the fuzz test's oracle checks it).
func validUTF8(p []byte) bool {
	var s utf8State
	return s.feed(p) && s.complete()
}
