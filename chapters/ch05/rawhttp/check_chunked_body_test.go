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

func TestReadChunkedDecodes(t *testing.T) {
	tests := []struct{ in, want string }{
		{"0\r\n\r\n", ""},
		{"5\r\nhello\r\n0\r\n\r\n", "hello"},
		{"5\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\n\r\n", "hello world"},
		{"A\r\n0123456789\r\n0\r\n\r\n", "0123456789"},
		{"a\r\n0123456789\r\n0\r\n\r\n", "0123456789"},
		{"0005\r\nhello\r\n0\r\n\r\n", "hello"},
		{"5;name=value\r\nhello\r\n0\r\n\r\n", "hello"},
		{"5 ;note\r\nhello\r\n0\r\n\r\n", "hello"},
		{"5\r\nhello\r\n0\r\nExpires: never\r\nX-Checksum: 42\r\n\r\n", "hello"},
		{"2\r\n\r\n\r\n0\r\n\r\n", "\r\n"},
	}
	for _, tt := range tests {
		got, err := readChunked(bufio.NewReader(strings.NewReader(tt.in)), Limits{}.withDefaults())
		if string(got) != tt.want || err != nil {
			t.Errorf("readChunked(%q) = %q, %v, want %q, nil", tt.in, got, err, tt.want)
		}
	}
}

func TestReadChunkedRefuses(t *testing.T) {
	tests := []struct {
		in   string
		want error
		why  string
	}{
		{"5\r\nhello0\r\n\r\n", ErrMalformed, "the data must be followed by CRLF"},
		{"3\r\nhello\r\n0\r\n\r\n", ErrMalformed, "more data than the size said"},
		{"x\r\nhello\r\n0\r\n\r\n", ErrMalformed, "the size is hexadecimal"},
		{"-5\r\nhello\r\n0\r\n\r\n", ErrMalformed, "no sign"},
		{"0x5\r\nhello\r\n0\r\n\r\n", ErrMalformed, "no 0x"},
		{"\r\nhello\r\n0\r\n\r\n", ErrMalformed, "an empty size"},
		{"10000000000000000\r\n", ErrMalformed, "more than 16 hex digits overflows"},
		{"5\nhello\r\n0\r\n\r\n", ErrMalformed, "a bare LF after the size"},
		{"ffffffffffffffff\r\n", ErrBodyTooLarge, "a chunk bigger than Limits.Body, refused before reading it"},
		{"5\r\nhel", io.ErrUnexpectedEOF, "the input ends inside a chunk"},
		{"5\r\nhello\r\n", io.ErrUnexpectedEOF, "the input ends before the last chunk"},
		{"5\r\nhello\r\n0\r\n", io.ErrUnexpectedEOF, "the input ends before the empty line after the trailers"},
	}
	for _, tt := range tests {
		got, err := readChunked(bufio.NewReader(strings.NewReader(tt.in)), Limits{}.withDefaults())
		if !errors.Is(err, tt.want) {
			t.Errorf("readChunked(%q) = %q, %v, want an error wrapping %v: %s", tt.in, got, err, tt.want, tt.why)
		}
	}
}

func TestReadRequestChunked(t *testing.T) {
	in := "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n" +
		"GET /next HTTP/1.1\r\nHost: a\r\n\r\n"
	br := bufio.NewReader(strings.NewReader(in))
	r, err := ReadRequest(br, Limits{})
	if err != nil || string(r.Body) != "hello world" {
		t.Fatalf("ReadRequest(%q) = %+v, %v, want Body %q: send Transfer-Encoding: chunked requests to readChunked", in, r, err, "hello world")
	}
	if next, err := ReadRequest(br, Limits{}); err != nil || next.Path != "/next" {
		t.Errorf("after the chunked request, the next ReadRequest = %+v, %v, want the GET /next that follows the last chunk", next, err)
	}
	big := "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n"
	if _, err := ReadRequest(bufio.NewReader(strings.NewReader(big)), Limits{Body: 10}); !errors.Is(err, ErrBodyTooLarge) {
		t.Errorf("ReadRequest(%q) with Limits{Body: 10} error = %v, want ErrBodyTooLarge: 11 bytes of chunks", big, err)
	}
}

func TestReadRequestAmbiguousFraming(t *testing.T) {
	tests := []struct {
		head string
		want error
		why  string
	}{
		{"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n", ErrMalformed,
			"both framings: a proxy that believes one and a server that believes the other see different requests (smuggling)"},
		{"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, chunked\r\n", ErrNotImplemented, "gzip is a coding this server does not implement: 501"},
		{"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked, gzip\r\n", ErrMalformed, "chunked must come last, or the body has no end"},
		{"POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", ErrMalformed, "chunked twice"},
		{"POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n", ErrMalformed, "HTTP/1.0 has no chunked coding"},
	}
	for _, tt := range tests {
		in := tt.head + "\r\n0\r\n\r\n"
		r, err := ReadRequest(bufio.NewReader(strings.NewReader(in)), Limits{})
		if !errors.Is(err, tt.want) {
			t.Errorf("ReadRequest(%q) = %+v, %v, want an error wrapping %v: %s", in, r, err, tt.want, tt.why)
		}
	}
	in := "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n0\r\n\r\n"
	if _, err := ReadRequest(bufio.NewReader(strings.NewReader(in)), Limits{}); err != nil {
		t.Errorf("ReadRequest(%q) error = %v, want nil: coding names are case-insensitive", in, err)
	}
}

// chunkedBodyEncode sends body in random chunks, with sizes in random case, now
// and then an extension, and random trailer fields.
func chunkedBodyEncode(body []byte) string {
	var b strings.Builder
	for rest := body; len(rest) > 0; {
		n := min(len(rest), 1+rand.IntN(300))
		size := fmt.Sprintf("%x", n)
		if rand.IntN(2) == 0 {
			size = strings.ToUpper(size)
		}
		if rand.IntN(4) == 0 {
			size += ";ext=" + fmt.Sprint(rand.IntN(100))
		}
		b.WriteString(size + "\r\n")
		b.Write(rest[:n])
		b.WriteString("\r\n")
		rest = rest[n:]
	}
	b.WriteString("0\r\n")
	for range rand.IntN(3) {
		fmt.Fprintf(&b, "X-Trailer-%d: %d\r\n", rand.IntN(100), rand.IntN(100))
	}
	b.WriteString("\r\n")
	return b.String()
}

func TestReadChunkedRandom(t *testing.T) {
	for range 5 {
		body := make([]byte, rand.IntN(3000))
		for i := range body {
			body[i] = byte(rand.IntN(256)) // any byte, CR and LF included
		}
		in := chunkedBodyEncode(body)
		got, err := readChunked(bufio.NewReaderSize(strings.NewReader(in), 16), Limits{}.withDefaults())
		if string(got) != string(body) || err != nil {
			t.Fatalf("readChunked(%.200q...) = %.60q... (%d bytes), %v\nwant the %d bytes of the chunks, nil", in, got, len(got), err, len(body))
		}
		if len(body) < 2 {
			continue
		}
		// The limit is on the decoded body, all chunks together.
		lim := Limits{Body: int64(len(body))}.withDefaults()
		if _, err := readChunked(bufio.NewReader(strings.NewReader(in)), lim); err != nil {
			t.Fatalf("readChunked(chunks of %d bytes in all) with Limits{Body: %d} = %v, want no error: the body is exactly at the limit", len(body), lim.Body, err)
		}
		lim.Body--
		if _, err := readChunked(bufio.NewReader(strings.NewReader(in)), lim); !errors.Is(err, ErrBodyTooLarge) {
			t.Fatalf("readChunked(%.200q..., chunks of %d bytes in all) with Limits{Body: %d} = %v, want ErrBodyTooLarge: the limit counts every chunk",
				in, len(body), lim.Body, err)
		}
	}
}
