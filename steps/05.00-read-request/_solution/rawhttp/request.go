package rawhttp

import (
	"bufio"
	"errors"
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

// ReadRequest reads one request from br: the request line, the header section
// and the body. Zero fields of lim take their defaults.
//
// io.EOF means br ended cleanly before the request began. Every refusal wraps one
// of the errors in errors.go, which StatusFor turns into a status code.
func ReadRequest(br *bufio.Reader, lim Limits) (*Request, error) {
	lim = lim.withDefaults()
	line, err := readLine(br, lim.RequestLine)
	if err == nil && line == "" {
		// A server should ignore an empty line before the request line
		// (RFC 9112 §2.2): some clients send one after a body.
		line, err = readLine(br, lim.RequestLine)
	}
	if errors.Is(err, errLineTooLong) {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrURITooLong, lim.RequestLine)
	}
	if err != nil {
		return nil, err
	}
	rl, err := ParseRequestLine(line)
	if err != nil {
		return nil, err
	}
	h, err := readHeader(br, lim)
	if err != nil {
		return nil, err
	}
	r := &Request{Method: rl.Method, Target: rl.Target, Major: rl.Major, Minor: rl.Minor, Header: h}
	if err := r.parseTarget(); err != nil {
		return nil, err
	}
	return r, nil
}

// parseTarget sets Path, RawQuery and Host from the target and the Host field.
func (r *Request) parseTarget() error {
	hosts := r.Header.Values("Host")
	switch {
	case len(hosts) > 1:
		return fmt.Errorf("%w: %d Host fields, want one", ErrMalformed, len(hosts))
	case len(hosts) == 0 && r.Minor >= 1:
		return fmt.Errorf("%w: HTTP/1.1 request without a Host field", ErrMalformed)
	case len(hosts) == 1:
		if !validHost(hosts[0]) {
			return fmt.Errorf("%w: Host %q", ErrMalformed, hosts[0])
		}
		r.Host = hosts[0]
	}
	target := r.Target
	switch {
	case target == "*":
		r.Path = "*"
		return nil
	case r.Method == "CONNECT":
		r.Host = target
		return nil
	case target[0] != '/':
		// Absolute form: the authority in the target wins over the Host field.
		_, rest, _ := strings.Cut(target, "://")
		end := strings.IndexAny(rest, "/?")
		if end < 0 {
			end = len(rest)
		}
		if end == 0 || !validHost(rest[:end]) {
			return fmt.Errorf("%w: host in target %q", ErrMalformed, target)
		}
		r.Host, target = rest[:end], rest[end:]
		if target == "" || target[0] == '?' {
			target = "/" + target
		}
	}
	r.Path, r.RawQuery, _ = strings.Cut(target, "?")
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
