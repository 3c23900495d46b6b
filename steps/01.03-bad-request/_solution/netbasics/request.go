package netbasics

import (
	"errors"
	"fmt"
	"strings"
)

// ErrMalformedRequest reports a request line that is not
// "METHOD TARGET HTTP/1.x". Errors from ParseRequestLine wrap it.
var ErrMalformedRequest = errors.New("netbasics: malformed request line")

// ParseRequestLine splits an HTTP/1.x request line, such as
// "GET /index.html HTTP/1.1", into its method, target and version. The line
// is given without its "\r\n".
//
// The line must hold exactly three parts separated by single spaces: a
// method made of token characters (letters, digits and a few symbols such
// as '-'), a target with no control characters, and the version "HTTP/1.0"
// or "HTTP/1.1". Anything else returns an error wrapping ErrMalformedRequest.
func ParseRequestLine(line string) (method, target, version string, err error) {
	parts := strings.Split(line, " ")
	if len(parts) != 3 {
		return "", "", "", malformed(line, "want METHOD TARGET VERSION separated by single spaces")
	}
	method, target, version = parts[0], parts[1], parts[2]
	switch {
	case method == "" || strings.IndexFunc(method, notTokenChar) >= 0:
		return "", "", "", malformed(line, "bad method")
	case target == "" || strings.IndexFunc(target, isControl) >= 0:
		return "", "", "", malformed(line, "bad target")
	case version != "HTTP/1.0" && version != "HTTP/1.1":
		return "", "", "", malformed(line, "version is not HTTP/1.0 or HTTP/1.1")
	}
	return method, target, version, nil
}

func malformed(line, why string) error {
	return fmt.Errorf("%w %q: %s", ErrMalformedRequest, line, why)
}

// notTokenChar reports whether r may not appear in an HTTP token (RFC 9110,
// section 5.6.2), the syntax of a method name.
func notTokenChar(r rune) bool {
	switch {
	case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9':
		return false
	}
	return !strings.ContainsRune("!#$%&'*+-.^_`|~", r)
}

// isControl reports whether r is an ASCII control character.
func isControl(r rune) bool { return r < ' ' || r == 0x7f }
