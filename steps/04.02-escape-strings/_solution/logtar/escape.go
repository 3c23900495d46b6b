package logtar

import "unicode/utf8"

// Records are built by append functions in the style of strconv.AppendInt:
// each takes a byte slice, appends to it and returns it. The caller owns
// the memory (a pooled buffer, see buffer.go), so encoding a record
// allocates nothing: no fmt.Sprintf, and encoding/json only as a fallback
// for types logtar does not know (attrs.go).

// safeASCII[c] reports whether the ASCII byte c may appear in a JSON string
// as it is. Control characters, the quote and the backslash may not.
var safeASCII = func() (safe [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		safe[c] = c != '"' && c != '\\'
	}
	return safe
}()

// safeByte is safeASCII for every byte value: false for the bytes of
// multi-byte characters too, so that one lookup, with no bounds check,
// tells whether a byte can be copied as it is.
var safeByte = func() (safe [256]bool) {
	copy(safe[:], safeASCII[:])
	return safe
}()

const hexDigits = "0123456789abcdef"

// appendString appends s as a quoted JSON string. Quotes, backslashes and
// control characters (newlines above all) are escaped, so a record always
// stays on one line. Invalid UTF-8 bytes become \ufffd, the Unicode
// replacement character, as encoding/json does, and so do U+2028 and U+2029,
// which JavaScript treats as line breaks.
//
// Most strings a log sees (keys, methods, paths, ids) need no escaping at
// all, so a first loop, as tight as Go makes it (one table lookup a byte,
// no bounds check, no other branch), looks for the first byte that is not
// plain safe ASCII; a string without one is copied with one append. The
// second loop, from that byte on, copies runs of safe bytes in one append
// and escapes the rest.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	i := 0
	for i < len(s) && safeByte[s[i]] {
		i++
	}
	if i == len(s) {
		b = append(b, s...)
		return append(b, '"')
	}
	start := 0 // s[start:i] is safe and not yet copied
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			if safeASCII[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			default:
				b = append(b, `\u00`...)
				b = append(b, hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, `\u202`...)
			b = append(b, hexDigits[r&0xf])
		default:
			i += size // a valid multi-byte character: keep it as it is
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
