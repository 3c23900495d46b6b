package rawhttp

import (
	"bufio"
	"bytes"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// flushDate is the clock the ResponseWriter gets in these checks.
var flushDate = time.Date(2026, 3, 1, 8, 30, 5, 0, time.UTC)

// flushRun runs handler against a ResponseWriter for req, kept alive, and returns
// every byte sent.
func flushRun(req *Request, handler func(w *ResponseWriter)) string {
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	w := newResponseWriter(bw, req)
	w.now = func() time.Time { return flushDate }
	w.close = false
	handler(w)
	w.finish()
	bw.Flush()
	return buf.String()
}

// flushText returns 5 to 40 random bytes of text, so that chunk sizes have one or
// two hex digits, letters among them.
func flushText() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 "
	p := make([]byte, 5+rand.IntN(36))
	for i := range p {
		p[i] = alphabet[rand.IntN(len(alphabet))]
	}
	return string(p)
}

// flushChunk is p as one chunk.
func flushChunk(p string) string {
	return strconv.FormatInt(int64(len(p)), 16) + "\r\n" + p + "\r\n"
}

// flushSame compares a response with want: the head byte for byte, the body with
// the chunk sizes in either case (the text itself is lower case).
func flushSame(got, want string) bool {
	gotHead, gotBody, _ := strings.Cut(got, "\r\n\r\n")
	wantHead, wantBody, _ := strings.Cut(want, "\r\n\r\n")
	return gotHead == wantHead && strings.ToLower(gotBody) == wantBody
}

func TestFlushFramesInChunks(t *testing.T) {
	get := &Request{Method: "GET", Major: 1, Minor: 1, Header: Header{}}
	old := &Request{Method: "GET", Major: 1, Minor: 0, Header: Header{"Connection": {"keep-alive"}}}
	const date = "Date: Sun, 01 Mar 2026 08:30:05 GMT\r\n"
	const chunked = "HTTP/1.1 200 OK\r\n" + date + "Transfer-Encoding: chunked\r\n\r\n"
	a, b := flushText(), flushText()
	code := []int{200, 201, 202, 404, 500}[rand.IntN(5)]
	tests := []struct {
		name    string
		req     *Request
		handler func(w *ResponseWriter)
		want    string
	}{
		{"write a, Flush, write b", get, func(w *ResponseWriter) { io.WriteString(w, a); w.Flush(); io.WriteString(w, b) },
			chunked + flushChunk(a) + flushChunk(b) + "0\r\n\r\n"},
		{"Flush first, an empty write, write a", get, func(w *ResponseWriter) { w.Flush(); w.Write(nil); io.WriteString(w, a) },
			chunked + flushChunk(a) + "0\r\n\r\n"},
		{"write a, Flush, Flush, write b, Flush", get, func(w *ResponseWriter) {
			io.WriteString(w, a)
			w.Flush()
			w.Flush()
			io.WriteString(w, b)
			w.Flush()
		}, chunked + flushChunk(a) + flushChunk(b) + "0\r\n\r\n"},
		{"set Content-Length, write a, Flush", get, func(w *ResponseWriter) {
			w.Header().Set("Content-Length", strconv.Itoa(len(a)+rand.IntN(100)))
			io.WriteString(w, a)
			w.Flush()
		}, chunked + flushChunk(a) + "0\r\n\r\n"},
		{"WriteHeader(" + strconv.Itoa(code) + "), write a, Flush", get, func(w *ResponseWriter) { w.WriteHeader(code); io.WriteString(w, a); w.Flush() },
			"HTTP/1.1 " + strconv.Itoa(code) + " " + StatusText(code) + "\r\n" + date + "Transfer-Encoding: chunked\r\n\r\n" + flushChunk(a) + "0\r\n\r\n"},
		{"HTTP/1.0 (kept alive): write a, Flush, write b", old, func(w *ResponseWriter) { io.WriteString(w, a); w.Flush(); io.WriteString(w, b) },
			"HTTP/1.1 200 OK\r\nConnection: close\r\n" + date + "\r\n" + a + b},
		{"write a, no Flush", get, func(w *ResponseWriter) { io.WriteString(w, a) },
			"HTTP/1.1 200 OK\r\nContent-Length: " + strconv.Itoa(len(a)) + "\r\n" + date + "\r\n" + a},
	}
	for _, tt := range tests {
		if got := flushRun(tt.req, tt.handler); !flushSame(got, tt.want) {
			t.Errorf("%s: sent\n%q\nwant\n%q", tt.name, got, tt.want)
		}
	}
}

func TestFlushReachesTheClient(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	first, second := flushText(), flushText()
	release := make(chan struct{})
	handler := HandlerFunc(func(w *ResponseWriter, r *Request) {
		io.WriteString(w, first)
		w.Flush()
		select {
		case <-release:
		case <-time.After(10 * time.Second):
		}
		io.WriteString(w, second)
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
		t.Fatalf("sent %q to a handler that writes, calls Flush and waits; reading the response head: %v\n"+
			"want the head and the first chunk, sent by Flush (and flush w.bw, or they stay in its buffer)", sent, err)
	}
	got := make([]byte, len(first))
	if _, err := io.ReadFull(resp.Body, got); err != nil {
		t.Fatalf("sent %q to a handler that writes, calls Flush and waits; read %q of the body, then %v\nwant %q: Flush must send what was written so far", sent, got, err, first)
	}
	close(release)
	rest, err := io.ReadAll(resp.Body)
	if err != nil || string(rest) != second {
		t.Fatalf("sent %q; after the handler went on, the rest of the body is %q, %v, want %q and the last chunk", sent, rest, err, second)
	}
	io.WriteString(c, "GET /again HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
	if _, err := http.ReadResponse(br, nil); err != nil {
		t.Errorf("after a chunked response, the next request on the connection got no response: %v (does finish end the chunks with \"0\\r\\n\\r\\n\"?)", err)
	}
}
