package rawhttp

import (
	"bufio"
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

var testDate = time.Date(2026, 3, 1, 9, 30, 5, 0, time.FixedZone("CET", 3600))

func TestWriteHead(t *testing.T) {
	tests := []struct {
		code int
		h    Header
		want string
		err  error
	}{
		{200, Header{}, "HTTP/1.1 200 OK\r\n\r\n", nil},
		{404, Header{"Content-Type": {"text/plain"}, "Content-Length": {"0"}},
			"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nContent-Type: text/plain\r\n\r\n", nil},
		{200, Header{"Set-Cookie": {"a=1", "b=2"}}, "HTTP/1.1 200 OK\r\nSet-Cookie: a=1\r\nSet-Cookie: b=2\r\n\r\n", nil},
		{599, Header{}, "HTTP/1.1 599 \r\n\r\n", nil},
		{99, Header{}, "", ErrInvalidHeader},
		{1000, Header{}, "", ErrInvalidHeader},
		{200, Header{"X-Evil": {"a\r\nSet-Cookie: admin=1"}}, "", ErrInvalidHeader},
		{200, Header{"X-Lf": {"a\nb"}}, "", ErrInvalidHeader},
		{200, Header{"X-Nul": {"a\x00"}}, "", ErrInvalidHeader},
		{200, Header{"Bad Name": {"a"}}, "", ErrInvalidHeader},
		{200, Header{"X-Tab": {"a\tb"}}, "HTTP/1.1 200 OK\r\nX-Tab: a\tb\r\n\r\n", nil},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		bw := bufio.NewWriter(&buf)
		err := writeHead(bw, tt.code, tt.h)
		bw.Flush()
		if buf.String() != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("writeHead(%d, %v) wrote %q, %v, want %q, %v", tt.code, tt.h, buf.String(), err, tt.want, tt.err)
		}
	}
}

// respond runs handler against a ResponseWriter for req and returns the bytes it sent.
func respond(t *testing.T, req *Request, keepAlive bool, handler func(w *ResponseWriter)) string {
	t.Helper()
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	w := newResponseWriter(bw, req)
	w.now = func() time.Time { return testDate }
	w.close = !keepAlive
	handler(w)
	w.finish()
	return buf.String()
}

func TestResponseWriterFraming(t *testing.T) {
	get := &Request{Method: "GET", Major: 1, Minor: 1, Header: Header{}}
	head := &Request{Method: "HEAD", Major: 1, Minor: 1, Header: Header{}}
	old := &Request{Method: "GET", Major: 1, Minor: 0, Header: Header{}}
	const date = "Date: Sun, 01 Mar 2026 08:30:05 GMT\r\n"
	big := strings.Repeat("x", maxBufferedBody+1)
	tests := []struct {
		name      string
		req       *Request
		keepAlive bool
		handler   func(w *ResponseWriter)
		want      string
	}{
		{"hello", get, true, func(w *ResponseWriter) { w.Write([]byte("hello")) },
			"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n" + date + "\r\nhello"},
		{"empty", get, true, func(w *ResponseWriter) {},
			"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n" + date + "\r\n"},
		{"close", get, false, func(w *ResponseWriter) { w.WriteHeader(201); w.Write([]byte("made")) },
			"HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 4\r\n" + date + "\r\nmade"},
		{"handler length overwritten", get, true, func(w *ResponseWriter) { w.Header().Set("Content-Length", "99"); w.Write([]byte("hi")) },
			"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n" + date + "\r\nhi"},
		{"1.0 keep-alive", old, true, func(w *ResponseWriter) { w.Write([]byte("hi")) },
			"HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n" + date + "\r\nhi"},
		{"handler asks to close", get, true, func(w *ResponseWriter) { w.Header().Set("Connection", "close") },
			"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n" + date + "\r\n"},
		{"head", head, true, func(w *ResponseWriter) { w.Write([]byte("hello")) },
			"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n" + date + "\r\n"},
		{"head, handler length", head, true, func(w *ResponseWriter) { w.Header().Set("Content-Length", "1234") },
			"HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n" + date + "\r\n"},
		{"204", get, true, func(w *ResponseWriter) { w.WriteHeader(204); w.Write([]byte("dropped")) },
			"HTTP/1.1 204 No Content\r\n" + date + "\r\n"},
		{"304", get, true, func(w *ResponseWriter) { w.Header().Set("ETag", `"v1"`); w.WriteHeader(304) },
			"HTTP/1.1 304 Not Modified\r\n" + date + "Etag: \"v1\"\r\n\r\n"},
		{"flush", get, true, func(w *ResponseWriter) { w.Write([]byte("hello ")); w.Flush(); w.Write([]byte("world")) },
			"HTTP/1.1 200 OK\r\n" + date + "Transfer-Encoding: chunked\r\n\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n"},
		{"flush empty write", get, true, func(w *ResponseWriter) { w.Flush(); w.Write(nil); w.Write([]byte("x")) },
			"HTTP/1.1 200 OK\r\n" + date + "Transfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n"},
		{"flush 1.0", old, true, func(w *ResponseWriter) { w.Write([]byte("a")); w.Flush(); w.Write([]byte("b")) },
			"HTTP/1.1 200 OK\r\nConnection: close\r\n" + date + "\r\nab"},
		{"flush head", head, true, func(w *ResponseWriter) { w.Write([]byte("a")); w.Flush(); w.Write([]byte("b")) },
			"HTTP/1.1 200 OK\r\n" + date + "Transfer-Encoding: chunked\r\n\r\n"},
		{"large body streams", get, true, func(w *ResponseWriter) { w.Write([]byte(big)) },
			"HTTP/1.1 200 OK\r\n" + date + "Transfer-Encoding: chunked\r\n\r\n10001\r\n" + big + "\r\n0\r\n\r\n"},
		{"injection", get, true, func(w *ResponseWriter) {
			w.Header().Set("X-Name", "a\r\nSet-Cookie: admin=1")
			w.Write([]byte("secret"))
		},
			"HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 72\r\nContent-Type: text/plain; charset=utf-8\r\n" + date +
				"\r\n500 Internal Server Error: the handler's response header cannot be sent\n"},
		{"1xx", get, true, func(w *ResponseWriter) { w.WriteHeader(103) },
			"HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 72\r\nContent-Type: text/plain; charset=utf-8\r\n" + date +
				"\r\n500 Internal Server Error: the handler's response header cannot be sent\n"},
	}
	for _, tt := range tests {
		if got := respond(t, tt.req, tt.keepAlive, tt.handler); got != tt.want {
			t.Errorf("%s: response = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestWriteAfterBodyNotAllowed(t *testing.T) {
	var err error
	respond(t, &Request{Method: "GET", Major: 1, Minor: 1, Header: Header{}}, true, func(w *ResponseWriter) {
		w.WriteHeader(204)
		_, err = w.Write([]byte("x"))
	})
	if !errors.Is(err, ErrBodyNotAllowed) {
		t.Errorf("Write after WriteHeader(204) error = %v, want ErrBodyNotAllowed", err)
	}
}
