package rawhttp

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// streamDate is the clock the ResponseWriter gets in these checks.
var streamDate = time.Date(2026, 3, 1, 8, 30, 5, 0, time.UTC)

// streamRun runs handler against a ResponseWriter for req, kept alive, and
// returns every byte sent.
func streamRun(req *Request, handler func(w *ResponseWriter)) string {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	w := newResponseWriter(bw, req)
	w.now = func() time.Time { return streamDate }
	w.close = false
	handler(w)
	w.finish()
	bw.Flush()
	return buf.String()
}

func TestChunkedWriterBytes(t *testing.T) {
	var buf bytes.Buffer
	cw := chunkedWriter{&buf}
	steps := []struct {
		name string
		do   func() (int, error)
		n    int
		want string
	}{
		{`Write("hello")`, func() (int, error) { return cw.Write([]byte("hello")) }, 5, "5\r\nhello\r\n"},
		{"Write(26 bytes)", func() (int, error) { return cw.Write(bytes.Repeat([]byte("x"), 26)) }, 26, "1a\r\n" + strings.Repeat("x", 26) + "\r\n"},
		{"Write(nil)", func() (int, error) { return cw.Write(nil) }, 0, ""},
		{"Close()", func() (int, error) { return 0, cw.Close() }, 0, "0\r\n\r\n"},
	}
	for _, s := range steps {
		buf.Reset()
		n, err := s.do()
		if buf.String() != s.want || n != s.n || err != nil {
			t.Errorf("chunkedWriter.%s wrote %q and returned %d, %v, want %q, %d, nil", s.name, buf.String(), n, err, s.want, s.n)
		}
	}
}

func TestFlushFramesInChunks(t *testing.T) {
	get := &Request{Method: "GET", Major: 1, Minor: 1, Header: Header{}}
	old := &Request{Method: "GET", Major: 1, Minor: 0, Header: Header{"Connection": {"keep-alive"}}}
	const date = "Date: Sun, 01 Mar 2026 08:30:05 GMT\r\n"
	tests := []struct {
		name    string
		req     *Request
		handler func(w *ResponseWriter)
		want    string
	}{
		{"write, Flush, write", get, func(w *ResponseWriter) { io.WriteString(w, "hello "); w.Flush(); io.WriteString(w, "world") },
			"HTTP/1.1 200 OK\r\n" + date + "Transfer-Encoding: chunked\r\n\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n"},
		{"Flush first, an empty write", get, func(w *ResponseWriter) { w.Flush(); w.Write(nil); io.WriteString(w, "x") },
			"HTTP/1.1 200 OK\r\n" + date + "Transfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n"},
		{"a handler's Content-Length is dropped", get, func(w *ResponseWriter) { w.Header().Set("Content-Length", "5"); io.WriteString(w, "a"); w.Flush() },
			"HTTP/1.1 200 OK\r\n" + date + "Transfer-Encoding: chunked\r\n\r\n1\r\na\r\n0\r\n\r\n"},
		{"HTTP/1.0 has no chunks: the body ends at the close", old, func(w *ResponseWriter) { io.WriteString(w, "a"); w.Flush(); io.WriteString(w, "b") },
			"HTTP/1.1 200 OK\r\nConnection: close\r\n" + date + "\r\nab"},
		{"no Flush: a Content-Length as before", get, func(w *ResponseWriter) { io.WriteString(w, "hi") },
			"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n" + date + "\r\nhi"},
	}
	for _, tt := range tests {
		if got := streamRun(tt.req, tt.handler); got != tt.want {
			t.Errorf("%s: sent\n%q\nwant\n%q", tt.name, got, tt.want)
		}
	}
}

func TestLargeBodyStreams(t *testing.T) {
	body := strings.Repeat("0123456789abcdef", 8<<10) // 128 KiB
	got := streamRun(&Request{Method: "GET", Major: 1, Minor: 1, Header: Header{}}, func(w *ResponseWriter) {
		io.WriteString(w, body)
	})
	resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(got)), nil)
	if err != nil {
		t.Fatalf("a handler that wrote 128 KiB at once: the response %.200q... cannot be read: %v", got, err)
	}
	read, err := io.ReadAll(resp.Body)
	if err != nil || string(read) != body || len(resp.TransferEncoding) == 0 {
		t.Errorf("a handler that wrote 128 KiB at once: response head %.120q..., Transfer-Encoding %v, body of %d bytes (%v), "+
			"want the whole body in chunks: past 64 KiB, stop holding the body back and stream it", got, resp.TransferEncoding, len(read), err)
	}
}

func TestFlushReachesTheClient(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	release := make(chan struct{})
	handler := HandlerFunc(func(w *ResponseWriter, r *Request) {
		io.WriteString(w, "first\n")
		w.Flush()
		select {
		case <-release:
		case <-time.After(10 * time.Second):
		}
		io.WriteString(w, "second\n")
	})
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go (&Server{Handler: handler}).Serve(l)
	c, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	const sent = "GET /stream HTTP/1.1\r\nHost: a\r\n\r\n"
	io.WriteString(c, sent)
	br := bufio.NewReader(c)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("sent %q; while the handler waits after Flush, reading the response head: %v\nwant the head and the first chunk sent by Flush", sent, err)
	}
	first := make([]byte, len("first\n"))
	if _, err := io.ReadFull(resp.Body, first); err != nil {
		t.Fatalf("sent %q; while the handler waits after Flush, read %q of the body, then %v\nwant \"first\\n\": Flush must send what was written so far", sent, first, err)
	}
	close(release)
	rest, err := io.ReadAll(resp.Body)
	if err != nil || string(rest) != "second\n" {
		t.Fatalf("sent %q; after the handler went on, the rest of the body is %q, %v, want \"second\\n\" and the last chunk", sent, rest, err)
	}
	io.WriteString(c, "GET /again HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
	if _, err := http.ReadResponse(br, nil); err != nil {
		t.Errorf("after a chunked response, the next request on the connection got no response: %v (does finish end the chunks with \"0\\r\\n\\r\\n\"?)", err)
	}
}
