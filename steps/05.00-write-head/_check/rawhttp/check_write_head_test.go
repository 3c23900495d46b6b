package rawhttp

import (
	"bufio"
	"bytes"
	"errors"
	"testing"
)

// writeHeadBytes runs writeHead and returns what it wrote.
func writeHeadBytes(code int, h Header) (string, error) {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	err := writeHead(bw, code, h)
	bw.Flush()
	return buf.String(), err
}

func TestWriteHeadBytes(t *testing.T) {
	tests := []struct {
		code int
		h    Header
		want string
	}{
		{200, Header{}, "HTTP/1.1 200 OK\r\n\r\n"},
		{404, Header{"Content-Type": {"text/plain"}, "Content-Length": {"0"}},
			"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nContent-Type: text/plain\r\n\r\n"},
		{201, Header{"Location": {"/users/7"}, "Date": {"Sun, 01 Mar 2026 08:30:05 GMT"}},
			"HTTP/1.1 201 Created\r\nDate: Sun, 01 Mar 2026 08:30:05 GMT\r\nLocation: /users/7\r\n\r\n"},
		{200, Header{"Set-Cookie": {"a=1", "b=2"}}, "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n"},
		{200, Header{"X-Tab": {"a\tb"}, "X-Empty": {""}}, "HTTP/1.1 200 OK\r\nX-Empty: \r\nX-Tab: a\tb\r\n\r\n"},
		{599, Header{}, "HTTP/1.1 599 \r\n\r\n"},
	}
	for _, tt := range tests {
		got, err := writeHeadBytes(tt.code, tt.h)
		if got != tt.want || err != nil {
			t.Errorf("writeHead(%d, %v) wrote %q, %v\nwant %q, nil", tt.code, tt.h, got, err, tt.want)
		}
	}
}

func TestWriteHeadRefusesInjection(t *testing.T) {
	tests := []struct {
		code int
		h    Header
		why  string
	}{
		{200, Header{"X-Name": {"a\r\nSet-Cookie: admin=1"}}, "CRLF in a value would start a field of its own"},
		{200, Header{"Location": {"/a\nb"}}, "a bare LF ends the line for lenient clients"},
		{200, Header{"X-Nul": {"a\x00"}}, "NUL is a control byte"},
		{200, Header{"Bad Name": {"a"}}, "a field name is a token: no spaces"},
		{200, Header{"X-Ok": {"fine"}, "X-Evil\r\nSet-Cookie": {"admin=1"}}, "CRLF in a name"},
		{99, Header{}, "a status code has three digits"},
		{1000, Header{}, "a status code has three digits"},
	}
	for _, tt := range tests {
		got, err := writeHeadBytes(tt.code, tt.h)
		if got != "" || !errors.Is(err, ErrInvalidHeader) {
			t.Errorf("writeHead(%d, %q) wrote %q, %v, want nothing written and an error wrapping ErrInvalidHeader (%s)", tt.code, tt.h, got, err, tt.why)
		}
	}
}
