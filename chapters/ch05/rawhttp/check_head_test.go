package rawhttp

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// headDate is the clock the ResponseWriter gets in these checks.
var headDate = time.Date(2026, 3, 1, 8, 30, 5, 0, time.UTC)

// headRun runs handler for a request with the given method, kept alive, and
// returns every byte sent.
func headRun(method string, handler func(w *ResponseWriter)) string {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	w := newResponseWriter(bw, &Request{Method: method, Target: "/", Path: "/", Major: 1, Minor: 1, Header: Header{}})
	w.now = func() time.Time { return headDate }
	w.close = false
	handler(w)
	w.finish()
	bw.Flush()
	return buf.String()
}

func TestHeadHasNoBody(t *testing.T) {
	const date = "Date: Sun, 01 Mar 2026 08:30:05 GMT\r\n"
	tests := []struct {
		name    string
		method  string
		handler func(w *ResponseWriter)
		want    string
	}{
		{"HEAD: the GET's head, no body", "HEAD", func(w *ResponseWriter) { w.Header().Set("Content-Type", "text/plain"); io.WriteString(w, "hello") },
			"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n" + date + "\r\n"},
		{"HEAD: a handler that knows the length and writes nothing", "HEAD", func(w *ResponseWriter) { w.Header().Set("Content-Length", "1234") },
			"HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n" + date + "\r\n"},
		{"HEAD after Flush: no chunks at all", "HEAD", func(w *ResponseWriter) { io.WriteString(w, "a"); w.Flush(); io.WriteString(w, "b") },
			"HTTP/1.1 200 OK\r\n" + date + "Transfer-Encoding: chunked\r\n\r\n"},
		{"204: no body and no Content-Length", "DELETE", func(w *ResponseWriter) { w.WriteHeader(204) },
			"HTTP/1.1 204 No Content\r\n" + date + "\r\n"},
		{"204 after Flush: no chunks", "DELETE", func(w *ResponseWriter) { w.WriteHeader(204); w.Flush() },
			"HTTP/1.1 204 No Content\r\n" + date + "\r\n"},
		{"304: no body", "GET", func(w *ResponseWriter) { w.Header().Set("ETag", `"v1"`); w.WriteHeader(304) },
			"HTTP/1.1 304 Not Modified\r\n" + date + "Etag: \"v1\"\r\n\r\n"},
		{"1xx cannot be the final answer", "GET", func(w *ResponseWriter) { w.WriteHeader(103) },
			"HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 72\r\nContent-Type: text/plain; charset=utf-8\r\n" + date +
				"\r\n500 Internal Server Error: the handler's response header cannot be sent\n"},
	}
	for _, tt := range tests {
		if got := headRun(tt.method, tt.handler); got != tt.want {
			t.Errorf("%s: sent\n%q\nwant\n%q", tt.name, got, tt.want)
		}
	}
}

func TestWriteRefusedWithoutBody(t *testing.T) {
	for _, code := range []int{204, 304} {
		var n int
		var err error
		headRun("GET", func(w *ResponseWriter) {
			w.WriteHeader(code)
			n, err = io.WriteString(w, "dropped")
		})
		if n != 0 || !errors.Is(err, ErrBodyNotAllowed) {
			t.Errorf("Write after WriteHeader(%d) = %d, %v, want 0 and ErrBodyNotAllowed: the handler should learn its bytes go nowhere", code, n, err)
		}
	}
	var err error
	headRun("HEAD", func(w *ResponseWriter) { _, err = io.WriteString(w, "counted") })
	if err != nil {
		t.Errorf("Write in a response to HEAD = %v, want nil: the bytes are counted for Content-Length, not refused", err)
	}
}

func TestHeadThenGetOnOneConnection(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go (&Server{Handler: HandlerFunc(func(w *ResponseWriter, r *Request) { io.WriteString(w, "the body") })}).Serve(l)
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	const sent = "HEAD / HTTP/1.1\r\nHost: a\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"
	io.WriteString(c, sent)
	br := bufio.NewReader(c)
	head, err := http.ReadResponse(br, &http.Request{Method: "HEAD"})
	if err != nil || head.ContentLength != 8 {
		t.Fatalf("sent %q: the response to HEAD is %+v, %v, want Content-Length 8", sent, head, err)
	}
	get, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("sent %q: after the response to HEAD, the next response cannot be read: %v\n(did the HEAD response carry a body? the client reads it as the start of the next response)", sent, err)
	}
	body, _ := io.ReadAll(get.Body)
	if string(body) != "the body" {
		t.Errorf("sent %q: the response to GET has body %q, want %q", sent, body, "the body")
	}
}

func TestHeadRandomLength(t *testing.T) {
	// Small bodies are held and counted; one over 64 KiB streams, and HEAD then
	// gets the chunked head and not a single chunk.
	for _, size := range []int{rand.IntN(5000), 64<<10 + 1 + rand.IntN(64<<10)} {
		body := strings.Repeat("z", size)
		handler := func(w *ResponseWriter) {
			for rest := body; rest != ""; {
				n := min(len(rest), 1+rand.IntN(8<<10))
				io.WriteString(w, rest[:n])
				rest = rest[n:]
			}
		}
		get, head := headRun("GET", handler), headRun("HEAD", handler)
		getHead, _, _ := strings.Cut(get, "\r\n\r\n")
		if head != getHead+"\r\n\r\n" {
			t.Errorf("a handler that writes %d bytes: the response to HEAD is\n%.200q\nwant the head of the response to GET, and nothing after it:\n%.200q",
				size, head, getHead+"\r\n\r\n")
		}
		if size < 64<<10 && !strings.Contains(head, "\r\nContent-Length: "+strconv.Itoa(size)+"\r\n") {
			t.Errorf("a handler that writes %d bytes: the response to HEAD is %q, want Content-Length: %d, counted from what it wrote", size, head, size)
		}
	}
}
