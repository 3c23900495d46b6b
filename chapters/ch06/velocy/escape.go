package velocy

import (
	"errors"
	"fmt"
	"strings"
)

// ErrBadEscape is wrapped by the errors [PathUnescape] and [QueryUnescape]
// return when a '%' is not followed by two hexadecimal digits.
var ErrBadEscape = errors.New("velocy: malformed percent-escape")

// PathUnescape decodes the percent-escapes in one path segment: "caf%C3%A9"
// becomes "café" and "a%2Fb" becomes "a/b". A '+' stays a '+': only query
// strings use it for a space. The hexadecimal digits may be upper or lower
// case. A '%' that is not followed by two hexadecimal digits is an error that
// wraps [ErrBadEscape].
func PathUnescape(s string) (string, error) {
	return unescapeOrError(s, false)
}

// QueryUnescape decodes a key or a value of a query string: like
// [PathUnescape], and '+' becomes a space, as HTML forms encode it.
func QueryUnescape(s string) (string, error) {
	return unescapeOrError(s, true)
}

func unescapeOrError(s string, plusIsSpace bool) (string, error) {
	out, bad := unescape(s, plusIsSpace)
	if bad >= 0 {
		return "", fmt.Errorf("%w %q at offset %d", ErrBadEscape, s[bad:min(bad+3, len(s))], bad)
	}
	return out, nil
}

// unescape decodes s and returns the offset of the first malformed escape, or
// -1. When there is nothing to decode it returns s itself: most paths and
// query values contain no '%' and no '+', and this way they cost no
// allocation.
func unescape(s string, plusIsSpace bool) (string, int) {
	if bad := badEscape(s); bad >= 0 {
		return "", bad
	}
	if !strings.Contains(s, "%") && !(plusIsSpace && strings.Contains(s, "+")) {
		return s, -1
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '%':
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
		case c == '+' && plusIsSpace:
			b.WriteByte(' ')
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), -1
}

// badEscape returns the offset of the first '%' in s that is not followed by
// two hexadecimal digits, or -1 when every escape is well formed.
func badEscape(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] == '%' {
			if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
				return i
			}
			i += 2
		}
	}
	return -1
}

// equalDecoded reports whether the escaped path segment raw, once decoded,
// equals the already decoded label. It decodes as it compares, so it needs no
// buffer and never allocates. raw must have passed badEscape.
func equalDecoded(raw, label string) bool {
	j := 0 // position in label
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c == '%' {
			c = unhex(raw[i+1])<<4 | unhex(raw[i+2])
			i += 2
		}
		if j >= len(label) || label[j] != c {
			return false
		}
		j++
	}
	return j == len(label)
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// unhex returns the value of one hexadecimal digit; c must pass isHex.
func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c >= 'a':
		return c - 'a' + 10
	default:
		return c - 'A' + 10
	}
}
