package netbasics

import (
	"errors"
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
	// TODO(01.03): split line on " " (strings.Split) and insist on three
	// parts: a non-empty method of token characters only, a non-empty target
	// without control characters, and a known version. When something is
	// wrong, wrap ErrMalformedRequest: fmt.Errorf("%w ...", ErrMalformedRequest, ...).
	// Then make ServeHello (http.go) answer "400 Bad Request" to a bad line.
	return "", "", "", nil
}
