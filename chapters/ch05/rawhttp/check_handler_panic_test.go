package rawhttp

import (
	"bufio"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// handlerPanicPatience bounds every network wait in these checks.
const handlerPanicPatience = 5 * time.Second

// handlerPanicServe serves one loopback connection with ServeConn, run in a
// goroutine of the check's own: a panic that ServeConn lets through is caught
// there and sent on escaped, instead of crashing the check. escaped gets nil when
// ServeConn returns normally.
func handlerPanicServe(t *testing.T, h Handler) (client net.Conn, escaped chan any) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	client, err = net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { client.Close() })
	client.SetDeadline(time.Now().Add(handlerPanicPatience))
	server, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	escaped = make(chan any, 1)
	go func() {
		defer func() { escaped <- recover() }()
		(&Server{Handler: h, ErrorLog: log.New(io.Discard, "", 0)}).ServeConn(server)
	}()
	return client, escaped
}

// handlerPanicEscaped fails the test if ServeConn let the handler's panic through.
func handlerPanicEscaped(t *testing.T, escaped chan any) {
	t.Helper()
	select {
	case v := <-escaped:
		if v != nil {
			t.Fatalf("the handler's panic went up through ServeConn: %v\nrecover it (runHandler), "+
				"or one buggy handler takes the whole server down", v)
		}
	case <-time.After(handlerPanicPatience):
		t.Fatalf("ServeConn had not returned %v after the handler panicked and the client closed", handlerPanicPatience)
	}
}

func TestHandlerPanicIs500(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	secret := fmt.Sprintf("half of a page %d", rand.IntN(1000))
	h := HandlerFunc(func(w *ResponseWriter, r *Request) {
		w.Header().Set("X-Partial", "yes")
		io.WriteString(w, secret)
		panic("this handler panics on purpose")
	})
	c, escaped := handlerPanicServe(t, h)
	const sent = "GET /panic HTTP/1.1\r\nHost: a\r\n\r\n"
	io.WriteString(c, sent)
	got, err := io.ReadAll(c)
	c.Close()
	handlerPanicEscaped(t, escaped)
	if err != nil || !strings.HasPrefix(string(got), "HTTP/1.1 500 Internal Server Error\r\n") ||
		!strings.Contains(string(got), "\r\nConnection: close\r\n") {
		t.Errorf("sent %q to a handler that writes and then panics; received %q, then %v\n"+
			"want a 500 response with \"Connection: close\", then the connection closed", sent, got, err)
	}
	if strings.Contains(string(got), secret) || strings.Contains(string(got), "X-Partial") {
		t.Errorf("sent %q to a handler that writes and then panics; received %q\n"+
			"want a fresh 500 response: nothing of what the handler set or wrote before it panicked", sent, got)
	}

	// The server as a whole goes on serving.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	path := fmt.Sprintf("/fine-%d", rand.IntN(1000))
	go (&Server{ErrorLog: log.New(io.Discard, "", 0), Handler: HandlerFunc(func(w *ResponseWriter, r *Request) {
		if r.Path == "/panic" {
			panic("this handler panics on purpose")
		}
		io.WriteString(w, "still here: "+r.Path)
	})}).Serve(l)
	for _, p := range []string{"/panic", path} {
		c, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		c.SetDeadline(time.Now().Add(handlerPanicPatience))
		io.WriteString(c, "GET "+p+" HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
		got, _ = io.ReadAll(c)
		c.Close()
	}
	if !strings.HasSuffix(string(got), "still here: "+path) {
		t.Errorf("after a handler panicked, GET %s received %q, want the server still serving", path, got)
	}
}

func TestHandlerPanicAfterFlush(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	first := fmt.Sprintf("the first %d bytes", rand.IntN(1000))
	h := HandlerFunc(func(w *ResponseWriter, r *Request) {
		io.WriteString(w, first)
		w.Flush()
		panic("this handler panics on purpose, after Flush")
	})
	c, escaped := handlerPanicServe(t, h)
	const sent = "GET /stream HTTP/1.1\r\nHost: a\r\n\r\n"
	io.WriteString(c, sent)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		c.Close()
		handlerPanicEscaped(t, escaped)
		t.Fatalf("sent %q to a handler that writes, calls Flush and then panics; reading the response: %v\n"+
			"want the head and the chunk that Flush sent", sent, err)
	}
	body, err := io.ReadAll(resp.Body)
	c.Close()
	handlerPanicEscaped(t, escaped)
	if resp.StatusCode != 200 || string(body) != first || err == nil {
		t.Errorf("sent %q to a handler that writes %q, calls Flush and then panics; received status %d, body %q, then %v\n"+
			"want status 200 (it is already out), the body %q, and then the connection cut without the last chunk "+
			"(an unexpected EOF): a body that ends properly would tell the client it got the whole page",
			sent, first, resp.StatusCode, body, err, first)
	}
}
