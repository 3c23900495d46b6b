package rawhttp

import (
	"fmt"
	"strings"
)

// RequestLine is the first line of a request: "GET /search?q=go HTTP/1.1".
type RequestLine struct {
	// Method is the request method, a case-sensitive token: "GET", "POST", ...
	Method string
	// Target is the request-target exactly as it was sent: "/search?q=go" (origin
	// form), "*" (asterisk form, OPTIONS only), "http://example.com/" (absolute
	// form, sent to proxies) or "example.com:443" (authority form, CONNECT only).
	Target string
	// Major and Minor are the protocol version: 1 and 1 for "HTTP/1.1".
	Major, Minor int
}

// ParseRequestLine parses a request line without its CRLF.
//
// The grammar is strict: exactly "METHOD SP TARGET SP HTTP/x.y", one space each,
// a token for the method, visible ASCII for the target. Anything else wraps
// ErrMalformed; a well-formed version whose major number is not 1 wraps
// ErrVersionNotSupported.
func ParseRequestLine(line string) (RequestLine, error) {
	method, rest, ok1 := strings.Cut(line, " ")
	target, version, ok2 := strings.Cut(rest, " ")
	if !ok1 || !ok2 {
		return RequestLine{}, fmt.Errorf("%w: request line %q is not METHOD SP TARGET SP VERSION", ErrMalformed, line)
	}
	if !isToken(method) {
		return RequestLine{}, fmt.Errorf("%w: method %q is not a token", ErrMalformed, method)
	}
	if err := checkTarget(method, target); err != nil {
		return RequestLine{}, err
	}
	major, minor, err := parseVersion(version)
	if err != nil {
		return RequestLine{}, err
	}
	return RequestLine{Method: method, Target: target, Major: major, Minor: minor}, nil
}

// checkTarget accepts the four forms of request-target (RFC 9112 §3.2).
func checkTarget(method, target string) error {
	if target == "" {
		return fmt.Errorf("%w: empty request target", ErrMalformed)
	}
	for i := 0; i < len(target); i++ {
		if b := target[i]; b <= ' ' || b >= 0x7f {
			return fmt.Errorf("%w: request target %q holds byte %#02x", ErrMalformed, target, b)
		}
	}
	switch {
	case method == "CONNECT":
		if !strings.Contains(target, ":") || strings.Contains(target, "/") {
			return fmt.Errorf("%w: CONNECT target %q is not host:port", ErrMalformed, target)
		}
		return nil
	case target[0] == '/':
		return nil // origin form
	case target == "*":
		if method != "OPTIONS" {
			return fmt.Errorf("%w: target * is only for OPTIONS, not %s", ErrMalformed, method)
		}
		return nil
	case hasScheme(target):
		return nil // absolute form
	}
	return fmt.Errorf("%w: request target %q does not start with /", ErrMalformed, target)
}

// hasScheme reports whether s starts with a URI scheme followed by "://".
func hasScheme(s string) bool {
	scheme, _, ok := strings.Cut(s, "://")
	if !ok || scheme == "" {
		return false
	}
	for i := 0; i < len(scheme); i++ {
		b := scheme[i]
		letter := 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
		if !letter && (i == 0 || !('0' <= b && b <= '9' || b == '+' || b == '-' || b == '.')) {
			return false
		}
	}
	return true
}

// parseVersion parses "HTTP/x.y" with one digit each side of the dot.
func parseVersion(v string) (major, minor int, err error) {
	if len(v) != len("HTTP/1.1") || !strings.HasPrefix(v, "HTTP/") || v[6] != '.' ||
		!isDigit(v[5]) || !isDigit(v[7]) {
		return 0, 0, fmt.Errorf("%w: version %q is not HTTP/x.y", ErrMalformed, v)
	}
	major, minor = int(v[5]-'0'), int(v[7]-'0')
	if major != 1 {
		return 0, 0, fmt.Errorf("%w: %s (this server speaks HTTP/1.x)", ErrVersionNotSupported, v)
	}
	return major, minor, nil
}

func isDigit(b byte) bool { return '0' <= b && b <= '9' }
