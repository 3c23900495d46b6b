package rawhttp

import (
	"bufio"
	"bytes"
	"testing"
	"time"
)

// writeResponseDate is the clock the checks give the ResponseWriter: 09:30:05 in
// a zone one hour east of GMT.
var writeResponseDate = time.Date(2026, 3, 1, 9, 30, 5, 0, time.FixedZone("CET", 3600))

// writeResponseRun runs handler against a fresh ResponseWriter for a GET and
// returns every byte finish sent.
func writeResponseRun(handler func(w *ResponseWriter)) string {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	w := newResponseWriter(bw, &Request{Method: "GET", Target: "/", Path: "/", Major: 1, Minor: 1, Header: Header{}})
	w.now = func() time.Time { return writeResponseDate }
	handler(w)
	w.finish()
	bw.Flush()
	return buf.String()
}

func TestHTTPDate(t *testing.T) {
	if got, want := httpDate(writeResponseDate), "Sun, 01 Mar 2026 08:30:05 GMT"; got != want {
		t.Errorf("httpDate(%v) = %q, want %q: IMF-fixdate, always in GMT", writeResponseDate, got, want)
	}
}

func TestFinishFramesTheBody(t *testing.T) {
	const date = "Date: Sun, 01 Mar 2026 08:30:05 GMT\r\n"
	tests := []struct {
		name    string
		handler func(w *ResponseWriter)
		want    string
	}{
		{"a body", func(w *ResponseWriter) { w.Write([]byte("hello")) },
			"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 5\r\n" + date + "\r\nhello"},
		{"two writes", func(w *ResponseWriter) { w.Write([]byte("hel")); w.Write([]byte("lo\n")) },
			"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 6\r\n" + date + "\r\nhello\n"},
		{"no body", func(w *ResponseWriter) {},
			"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n" + date + "\r\n"},
		{"a status and a type", func(w *ResponseWriter) {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(201)
			w.WriteHeader(500) // too late: the first call counts
			w.Write([]byte("made"))
		}, "HTTP/1.1 201 Created\r\nConnection: close\r\nContent-Length: 4\r\nContent-Type: text/plain\r\n" + date + "\r\nmade"},
		{"the handler's Content-Length is replaced", func(w *ResponseWriter) {
			w.Header().Set("Content-Length", "99")
			w.Write([]byte("hi"))
		}, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n" + date + "\r\nhi"},
		{"a header that cannot be sent becomes a 500", func(w *ResponseWriter) {
			w.Header().Set("X-Name", "a\r\nSet-Cookie: admin=1")
			w.Write([]byte("secret"))
		}, "HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 72\r\nContent-Type: text/plain; charset=utf-8\r\n" + date +
			"\r\n500 Internal Server Error: the handler's response header cannot be sent\n"},
	}
	for _, tt := range tests {
		if got := writeResponseRun(tt.handler); got != tt.want {
			t.Errorf("%s: finish sent\n%q\nwant\n%q", tt.name, got, tt.want)
		}
	}
}
