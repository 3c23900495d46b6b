package rawhttp

import (
	"bufio"
	"errors"
	"net/http"
	"strings"
	"testing"
)

var requestLineTests = []struct {
	in   string
	want RequestLine
	err  error
}{
	{"GET / HTTP/1.1", RequestLine{"GET", "/", 1, 1}, nil},
	{"POST /users?id=7 HTTP/1.0", RequestLine{"POST", "/users?id=7", 1, 0}, nil},
	{"OPTIONS * HTTP/1.1", RequestLine{"OPTIONS", "*", 1, 1}, nil},
	{"CONNECT example.com:443 HTTP/1.1", RequestLine{"CONNECT", "example.com:443", 1, 1}, nil},
	{"GET http://example.com/a HTTP/1.1", RequestLine{"GET", "http://example.com/a", 1, 1}, nil},
	{"PURGE /cache HTTP/1.1", RequestLine{"PURGE", "/cache", 1, 1}, nil},
	{"get / HTTP/1.1", RequestLine{"get", "/", 1, 1}, nil}, // a token, just not a method we know
	{"GET / HTTP/1.9", RequestLine{"GET", "/", 1, 9}, nil},
	{"GET / HTTP/2.0", RequestLine{}, ErrVersionNotSupported},
	{"GET / HTTP/0.9", RequestLine{}, ErrVersionNotSupported},
	{"GET /", RequestLine{}, ErrMalformed},
	{"GET", RequestLine{}, ErrMalformed},
	{"", RequestLine{}, ErrMalformed},
	{"GET  / HTTP/1.1", RequestLine{}, ErrMalformed},
	{"GET / HTTP/1.1 ", RequestLine{}, ErrMalformed},
	{" GET / HTTP/1.1", RequestLine{}, ErrMalformed},
	{"GET /a b HTTP/1.1", RequestLine{}, ErrMalformed},
	{"GET / http/1.1", RequestLine{}, ErrMalformed},
	{"GET / HTTP/1.10", RequestLine{}, ErrMalformed},
	{"GET / HTTP/1", RequestLine{}, ErrMalformed},
	{"GET / HTTP/x.y", RequestLine{}, ErrMalformed},
	{"G(T / HTTP/1.1", RequestLine{}, ErrMalformed},
	{"GET index.html HTTP/1.1", RequestLine{}, ErrMalformed},
	{"GET * HTTP/1.1", RequestLine{}, ErrMalformed},
	{"GET /\x00 HTTP/1.1", RequestLine{}, ErrMalformed},
	{"GET /caf\xc3\xa9 HTTP/1.1", RequestLine{}, ErrMalformed},
	{"GET\t/ HTTP/1.1", RequestLine{}, ErrMalformed},
	{"CONNECT /x HTTP/1.1", RequestLine{}, ErrMalformed},
}

func TestParseRequestLine(t *testing.T) {
	for _, tt := range requestLineTests {
		got, err := ParseRequestLine(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("ParseRequestLine(%q) = %+v, %v, want %+v, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// FuzzParseRequestLine checks that the parser never panics, that what it accepts
// holds together, and that net/http agrees on every line both accept.
func FuzzParseRequestLine(f *testing.F) {
	for _, tt := range requestLineTests {
		f.Add(tt.in)
	}
	f.Fuzz(func(t *testing.T, line string) {
		got, err := ParseRequestLine(line)
		if err != nil {
			if StatusFor(err) != 400 && StatusFor(err) != 505 {
				t.Fatalf("ParseRequestLine(%q) error %v maps to %d, want 400 or 505", line, err, StatusFor(err))
			}
			return
		}
		if back := got.Method + " " + got.Target + " " + got.protoForTest(); back != line {
			t.Fatalf("ParseRequestLine(%q) = %+v, which prints back as %q", line, got, back)
		}
		if strings.ContainsAny(line, "\r\n") {
			t.Fatalf("ParseRequestLine(%q) accepted a line ending inside", line)
		}
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(line + "\r\nHost: x\r\n\r\n")))
		if err != nil {
			return // net/http is stricter about targets (it parses the URL)
		}
		if req.Method != got.Method || req.RequestURI != got.Target || req.ProtoMajor != got.Major || req.ProtoMinor != got.Minor {
			t.Fatalf("ParseRequestLine(%q) = %+v, net/http read %s %s %d.%d", line, got, req.Method, req.RequestURI, req.ProtoMajor, req.ProtoMinor)
		}
	})
}

func (rl RequestLine) protoForTest() string {
	return "HTTP/" + string(rune('0'+rl.Major)) + "." + string(rune('0'+rl.Minor))
}
