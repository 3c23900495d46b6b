package rawhttp

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
	// TODO(05.00-request-line): split the line at its two spaces, then check the
	// three parts: the method with isToken (lex.go), the target's bytes and
	// form, and the version "HTTP/" DIGIT "." DIGIT.
	return RequestLine{}, nil
}
