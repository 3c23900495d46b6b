package rawhttp

import (
	"bufio"
	"bytes"
	"math/rand/v2"
	"net/http"
	"strconv"
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
	for range 5 {
		zone := time.FixedZone("Z"+strconv.Itoa(rand.IntN(100)), (rand.IntN(27)-12)*3600)
		when := time.Unix(rand.Int64N(4e9), 0).In(zone)
		if got, want := httpDate(when), when.UTC().Format(http.TimeFormat); got != want {
			t.Errorf("httpDate(%v) = %q, want %q: IMF-fixdate, always in GMT", when, got, want)
		}
	}
}

func TestFinishRandomBody(t *testing.T) {
	codes := []int{200, 201, 202, 400, 404, 500, 503}
	code := codes[rand.IntN(len(codes))]
	body := make([]byte, rand.IntN(3000))
	for i := range body {
		body[i] = "abcdefghijklmnopqrstuvwxyz \n"[rand.IntN(28)]
	}
	got := writeResponseRun(func(w *ResponseWriter) {
		w.WriteHeader(code)
		for rest := body; len(rest) > 0; {
			n := min(len(rest), 1+rand.IntN(500))
			w.Write(rest[:n])
			rest = rest[n:]
		}
	})
	want := "HTTP/1.1 " + strconv.Itoa(code) + " " + StatusText(code) + "\r\nConnection: close\r\nContent-Length: " +
		strconv.Itoa(len(body)) + "\r\nDate: Sun, 01 Mar 2026 08:30:05 GMT\r\n\r\n" + string(body)
	if got != want {
		t.Errorf("a handler that set status %d and wrote %d bytes in pieces: finish sent\n%.300q\nwant\n%.300q", code, len(body), got, want)
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
