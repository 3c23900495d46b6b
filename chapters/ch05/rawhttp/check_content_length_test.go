package rawhttp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
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

func TestReadRequestRandomBody(t *testing.T) {
	for range 5 {
		body := make([]byte, rand.IntN(3000))
		for i := range body {
			body[i] = byte(rand.IntN(256)) // any byte: a body is not text
		}
		zeros := strings.Repeat("0", rand.IntN(3))
		next := fmt.Sprintf("/next-%d", rand.IntN(1000))
		in := fmt.Sprintf("PUT /file HTTP/1.1\r\nHost: a\r\nContent-Length: %s%d\r\n\r\n%sGET %s HTTP/1.1\r\nHost: a\r\n\r\n",
			zeros, len(body), body, next)
		br := bufio.NewReaderSize(strings.NewReader(in), 16) // the body arrives in pieces
		r, err := ReadRequest(br, Limits{})
		if err != nil || string(r.Body) != string(body) {
			var got []byte
			if r != nil {
				got = r.Body
			}
			t.Fatalf("ReadRequest(%.120q...) with a body of %d bytes: Body = %.60q... (%d bytes), error %v, want the %d bytes the Content-Length says",
				in, len(body), got, len(got), err, len(body))
		}
		if r, err := ReadRequest(br, Limits{}); err != nil || r.Path != next {
			t.Fatalf("after a request with a body of %d bytes, the next ReadRequest = %+v, %v, want the GET %s that follows the body", len(body), r, err, next)
		}

		// A body exactly at Limits.Body is read; one byte more is refused before reading.
		limit := int64(len(body))
		if _, err := ReadRequest(bufio.NewReader(strings.NewReader(in)), Limits{Body: max(limit, 1)}); err != nil {
			t.Fatalf("a body of %d bytes with Limits{Body: %d}: error %v, want none: the limit is the largest body allowed", len(body), max(limit, 1), err)
		}
		if limit > 1 {
			if _, err := ReadRequest(bufio.NewReader(strings.NewReader(in)), Limits{Body: limit - 1}); !errors.Is(err, ErrBodyTooLarge) {
				t.Fatalf("a body of %d bytes with Limits{Body: %d}: error %v, want ErrBodyTooLarge", len(body), limit-1, err)
			}
		}
	}
}
