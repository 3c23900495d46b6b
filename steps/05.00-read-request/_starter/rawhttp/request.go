package rawhttp

import (
	"bufio"
	"fmt"
	"strings"
)

// Request is one parsed HTTP/1.x request, body included.
type Request struct {
	// Method, Target, Major and Minor come from the request line (see RequestLine).
	Method string
	Target string
	Major  int
	Minor  int
	// Path is the path of the target, as sent (not percent-decoded): "/search"
	// for "/search?q=go". It is "*" for OPTIONS * and "" for CONNECT.
	Path string
	// RawQuery is the part of the target after "?", without it: "q=go".
	RawQuery string
	// Header holds the header fields by canonical name.
	Header Header
	// Host is the host (and port) the client wants: the Host field, or the
	// authority of an absolute-form target, which takes precedence.
	Host string
	// Body is the whole request body, read before the handler runs; nil when the
	// request has none. (Reading it comes in section 5.1.)
	Body []byte
}

// Proto returns the request's version as it appears on the wire: "HTTP/1.1".
func (r *Request) Proto() string {
	return fmt.Sprintf("HTTP/%d.%d", r.Major, r.Minor)
}

// ReadRequest reads one request from br: the request line and the header
// section. Zero fields of lim take their defaults.
//
// io.EOF means br ended cleanly before the request began. Every refusal wraps one
// of the errors in errors.go, which StatusFor turns into a status code.
func ReadRequest(br *bufio.Reader, lim Limits) (*Request, error) {
	// TODO(05.00-read-request): lim = lim.withDefaults(); read the request line
	// with readLine (a line over lim.RequestLine is ErrURITooLong; skip one empty
	// line first), parse it, read the header, build the Request and call
	// r.parseTarget.
	return &Request{}, nil
}

// parseTarget sets Path, RawQuery and Host from the target and the Host field.
func (r *Request) parseTarget() error {
	// TODO(05.00-read-request): exactly one Host field in HTTP/1.1 (at most one
	// in 1.0), valid per validHost; then split the target at '?'. An
	// absolute-form target carries its own host, which wins.
	return nil
}

// validHost reports whether s only holds bytes a host and port may hold:
// letters, digits, "-._~", percent escapes, sub-delims, ":" and the brackets of an IPv6 literal.
func validHost(s string) bool {
	for i := 0; i < len(s); i++ {
		b := s[i]
		if 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' {
			continue
		}
		if !strings.ContainsRune("-._~%!$&'()*+,;=:[]", rune(b)) {
			return false
		}
	}
	return true
}
