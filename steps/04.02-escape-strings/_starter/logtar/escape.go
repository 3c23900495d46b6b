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

const hexDigits = "0123456789abcdef"

// appendString appends s as a quoted JSON string. Quotes, backslashes and
// control characters (newlines above all) are escaped, so a record always
// stays on one line. Invalid UTF-8 bytes become \ufffd, the Unicode
// replacement character, as encoding/json does, and so do U+2028 and U+2029,
// which JavaScript treats as line breaks.
//
// The loop looks at one byte at a time but copies runs of safe bytes in one
// append: the common case, plain ASCII text, costs a table lookup per byte.
func appendString(b []byte, s string) []byte {
	// TODO(04.02-escape-strings): append '"', then s with every byte that
	// safeASCII says is unsafe escaped (\", \\, \n, \r, \t, or \u00XX
	// using hexDigits), every invalid UTF-8 byte replaced by \ufffd, and
	// U+2028 and U+2029 written as \u2028 and \u2029; then the closing '"'.
	// Copy runs of safe bytes with one append rather than byte by byte.
	return b
}
