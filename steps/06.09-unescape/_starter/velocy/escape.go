package velocy

import "errors"

// ErrBadEscape is wrapped by the errors [PathUnescape] and [QueryUnescape]
// return when a '%' is not followed by two hexadecimal digits.
var ErrBadEscape = errors.New("velocy: malformed percent-escape")

// PathUnescape decodes the percent-escapes in one path segment: "caf%C3%A9"
// becomes "café" and "a%2Fb" becomes "a/b". A '+' stays a '+': only query
// strings use it for a space. The hexadecimal digits may be upper or lower
// case. A '%' that is not followed by two hexadecimal digits is an error that
// wraps [ErrBadEscape].
func PathUnescape(s string) (string, error) {
	// TODO(06.09-unescape): use unescape, and turn its offset into an error:
	// `velocy: malformed percent-escape "%zz" at offset 1`.
	return "", nil
}

// QueryUnescape decodes a key or a value of a query string: like
// [PathUnescape], and '+' becomes a space, as HTML forms encode it.
func QueryUnescape(s string) (string, error) {
	// TODO(06.09-unescape): the same, with '+' as a space.
	return "", nil
}

// unescape decodes s and returns the offset of the first malformed escape, or
// -1. When there is nothing to decode it returns s itself: most paths and
// query values contain no '%' and no '+', and this way they cost no
// allocation.
func unescape(s string, plusIsSpace bool) (string, int) {
	// TODO(06.09-unescape)
	return "", -1
}

// badEscape returns the offset of the first '%' in s that is not followed by
// two hexadecimal digits, or -1 when every escape is well formed.
func badEscape(s string) int {
	// TODO(06.09-unescape)
	return -1
}

// equalDecoded reports whether the escaped path segment raw, once decoded,
// equals the already decoded label. It decodes as it compares, so it needs no
// buffer and never allocates. raw must have passed badEscape.
func equalDecoded(raw, label string) bool {
	// TODO(06.09-unescape)
	return false
}
