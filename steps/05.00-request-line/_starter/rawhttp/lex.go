package rawhttp

// The character classes of RFC 9110 §5.6 that the parsers in this package need.

// isTchar reports whether b may appear in a token: a method, a field name, a
// transfer coding. Tokens are visible ASCII without separators like ( ) , / : ; < = > ? @ [ \ ] { } and ".
func isTchar(b byte) bool {
	switch {
	case 'a' <= b && b <= 'z', 'A' <= b && b <= 'Z', '0' <= b && b <= '9':
		return true
	}
	switch b {
	case '!', '#', '$', '%', '&', '\'', '*', '+', '-', '.', '^', '_', '`', '|', '~':
		return true
	}
	return false
}

// isToken reports whether s is a non-empty token.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isTchar(s[i]) {
			return false
		}
	}
	return true
}

// isFieldValue reports whether s may be a header field value: visible ASCII,
// spaces, tabs and bytes >= 0x80 (obs-text), but no control byte. CR, LF and NUL
// are control bytes, which is what keeps a value from ending its field line early.
func isFieldValue(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if (b < 0x20 && b != '\t') || b == 0x7f {
			return false
		}
	}
	return true
}

// trimOWS removes optional whitespace (spaces and tabs) from both ends of s.
func trimOWS(s string) string {
	for len(s) > 0 && (s[0] == ' ' || s[0] == '\t') {
		s = s[1:]
	}
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
