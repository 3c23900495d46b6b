package rawhttp

import (
	"errors"
	"testing"
)

func TestParseRequestLineAccepts(t *testing.T) {
	tests := []struct {
		in   string
		want RequestLine
	}{
		{"GET / HTTP/1.1", RequestLine{Method: "GET", Target: "/", Major: 1, Minor: 1}},
		{"POST /users?id=7 HTTP/1.0", RequestLine{Method: "POST", Target: "/users?id=7", Major: 1, Minor: 0}},
		{"OPTIONS * HTTP/1.1", RequestLine{Method: "OPTIONS", Target: "*", Major: 1, Minor: 1}},
		{"CONNECT example.com:443 HTTP/1.1", RequestLine{Method: "CONNECT", Target: "example.com:443", Major: 1, Minor: 1}},
		{"GET http://example.com/a HTTP/1.1", RequestLine{Method: "GET", Target: "http://example.com/a", Major: 1, Minor: 1}},
		{"PURGE /cache HTTP/1.1", RequestLine{Method: "PURGE", Target: "/cache", Major: 1, Minor: 1}},
		{"GET /a%20b HTTP/1.9", RequestLine{Method: "GET", Target: "/a%20b", Major: 1, Minor: 9}},
	}
	for _, tt := range tests {
		got, err := ParseRequestLine(tt.in)
		if got != tt.want || err != nil {
			t.Errorf("ParseRequestLine(%q) = %+v, %v, want %+v, nil", tt.in, got, err, tt.want)
		}
	}
}

func TestParseRequestLineRefuses(t *testing.T) {
	tests := []struct {
		in   string
		why  string
		want error
	}{
		{"GET / HTTP/2.0", "HTTP/2 is not spoken as text: 505", ErrVersionNotSupported},
		{"GET / HTTP/0.9", "only major version 1: 505", ErrVersionNotSupported},
		{"GET /", "HTTP/0.9's one-part line is not supported", ErrMalformed},
		{"GET", "no target, no version", ErrMalformed},
		{"", "an empty line", ErrMalformed},
		{"GET  / HTTP/1.1", "two spaces", ErrMalformed},
		{"GET / HTTP/1.1 ", "a trailing space", ErrMalformed},
		{" GET / HTTP/1.1", "a leading space", ErrMalformed},
		{"GET\t/ HTTP/1.1", "a tab is not the separator", ErrMalformed},
		{"GET /a b HTTP/1.1", "a space inside the target", ErrMalformed},
		{"GET / http/1.1", "the version is case-sensitive", ErrMalformed},
		{"GET / HTTP/1.10", "one digit each side of the dot", ErrMalformed},
		{"GET / HTTP/1", "no minor version", ErrMalformed},
		{"G(T / HTTP/1.1", "( is not allowed in a token", ErrMalformed},
		{"GET index.html HTTP/1.1", "an origin-form target starts with /", ErrMalformed},
		{"GET * HTTP/1.1", "* is only for OPTIONS", ErrMalformed},
		{"GET /\x00 HTTP/1.1", "a control byte in the target", ErrMalformed},
		{"GET /caf\xc3\xa9 HTTP/1.1", "non-ASCII bytes in the target (percent-encode them)", ErrMalformed},
		{"CONNECT /x HTTP/1.1", "CONNECT takes host:port", ErrMalformed},
	}
	for _, tt := range tests {
		got, err := ParseRequestLine(tt.in)
		if !errors.Is(err, tt.want) || got != (RequestLine{}) {
			t.Errorf("ParseRequestLine(%q) = %+v, %v, want RequestLine{} and an error wrapping %v (%s)", tt.in, got, err, tt.want, tt.why)
		}
	}
}
