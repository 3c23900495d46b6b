package rawhttp

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
)

func TestReadRequestContentLengthBody(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"POST /notes HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello", "hello"},
		{"POST /notes HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n", ""},
		{"POST /notes HTTP/1.1\r\nHost: a\r\nContent-Length: 007\r\n\r\nleading", "leading"},
		{"POST /notes HTTP/1.1\r\nHost: a\r\nContent-Length:  5 \r\n\r\nhello", "hello"},
		{"POST /notes HTTP/1.1\r\nHost: a\r\nContent-Length: 5, 5\r\n\r\nhello", "hello"},
		{"POST /notes HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello", "hello"},
		{"POST /notes HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\n\r\nline\r\n", "line"},
	}
	for _, tt := range tests {
		r, err := ReadRequest(bufio.NewReader(strings.NewReader(tt.in)), Limits{})
		if err != nil || r == nil || string(r.Body) != tt.want {
			var body []byte
			if r != nil {
				body = r.Body
			}
			t.Errorf("ReadRequest(%q): Body = %q, error %v, want Body %q", tt.in, body, err, tt.want)
		}
	}
}

func TestReadRequestBodyThenNextRequest(t *testing.T) {
	in := "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc" +
		"GET /b HTTP/1.1\r\nHost: x\r\n\r\n" +
		"PUT /c HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nok"
	br := bufio.NewReader(strings.NewReader(in))
	for _, want := range []struct{ path, body string }{{"/a", "abc"}, {"/b", ""}, {"/c", "ok"}} {
		r, err := ReadRequest(br, Limits{})
		if err != nil || r.Path != want.path || string(r.Body) != want.body {
			t.Fatalf("three requests in a row %q: reading the one for %s gave %+v, %v, want body %q: "+
				"read exactly Content-Length bytes, so the next request starts where the body ends", in, want.path, r, err, want.body)
		}
	}
}

func TestContentLengthRefuses(t *testing.T) {
	tests := []struct{ field, why string }{
		{"Content-Length: -1", "a length is never negative"},
		{"Content-Length: +5", "no sign"},
		{"Content-Length: 0x5", "decimal only"},
		{"Content-Length: 5 5", "one number"},
		{"Content-Length: ", "empty"},
		{"Content-Length: five", "digits"},
		{"Content-Length: 99999999999999999999", "more than an int64 holds"},
		{"Content-Length: 5, 6", "a list that disagrees"},
		{"Content-Length: 5\r\nContent-Length: 6", "two fields that disagree: which one frames the body? (request smuggling)"},
	}
	for _, tt := range tests {
		in := "POST / HTTP/1.1\r\nHost: a\r\n" + tt.field + "\r\n\r\nhello!"
		r, err := ReadRequest(bufio.NewReader(strings.NewReader(in)), Limits{})
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("ReadRequest(%q) = %+v, %v, want an error wrapping ErrMalformed: %s", in, r, err, tt.why)
		}
	}
}

func TestReadRequestBodyLimits(t *testing.T) {
	in := "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\n" // the body never comes
	if r, err := ReadRequest(bufio.NewReader(strings.NewReader(in)), Limits{Body: 10}); !errors.Is(err, ErrBodyTooLarge) {
		t.Errorf("ReadRequest(%q) with Limits{Body: 10} = %+v, %v, want ErrBodyTooLarge before reading the body", in, r, err)
	}
	in = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nhello"
	if r, err := ReadRequest(bufio.NewReader(strings.NewReader(in)), Limits{}); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("ReadRequest(%q) = %+v, %v, want an error wrapping io.ErrUnexpectedEOF: 5 of 10 bytes came", in, r, err)
	}
}
