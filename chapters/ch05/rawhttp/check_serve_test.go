package rawhttp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"
)

// servePatience bounds every network wait in these checks.
const servePatience = 5 * time.Second

// serveStart runs a Server with handler h on a fresh loopback port and stops it
// when the test ends.
func serveStart(t *testing.T, h Handler) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen on 127.0.0.1:0: %v", err)
	}
	done := make(chan struct{})
	go func() {
		(&Server{Handler: h}).Serve(l)
		close(done)
	}()
	t.Cleanup(func() {
		l.Close()
		select {
		case <-done:
		case <-time.After(servePatience):
			t.Errorf("Serve had not returned %v after its listener was closed", servePatience)
		}
	})
	return l.Addr().String()
}

// serveExchange sends raw on a new connection and returns every byte the server
// sends back until it closes the connection.
func serveExchange(t *testing.T, addr, raw string) string {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(servePatience))
	if _, err := io.WriteString(c, raw); err != nil {
		t.Fatalf("sending %q: %v", raw, err)
	}
	got, err := io.ReadAll(c)
	if err != nil {
		t.Fatalf("sent %q\nreceived %q\nthen: %v\nwant a response and then the connection closed by the server", raw, got, err)
	}
	return string(got)
}

// serveHello answers with the method and path it was asked for.
var serveHello = HandlerFunc(func(w *ResponseWriter, r *Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "you asked for %s %s\n", r.Method, r.Path)
})

func TestServeAnswersARequest(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	addr := serveStart(t, serveHello)
	path := fmt.Sprintf("/hi-%d", rand.IntN(10000))
	sent := "GET " + path + " HTTP/1.1\r\nHost: " + addr + "\r\nUser-Agent: curl/8.5.0\r\nConnection: close\r\n\r\n"
	got := serveExchange(t, addr, sent)
	resp, err := http.ReadResponse(bufio.NewReader(strings.NewReader(got)), nil)
	if err != nil {
		t.Fatalf("sent %q\nreceived %q\nwhich net/http cannot read as a response: %v", sent, got, err)
	}
	body, _ := io.ReadAll(resp.Body)
	want := "you asked for GET " + path + "\n"
	if resp.StatusCode != 200 || string(body) != want || resp.ContentLength != int64(len(body)) {
		t.Errorf("sent %q\nreceived %q\nwant 200 OK with Content-Length %d and the body %q", sent, got, len(want), want)
	}
	if _, err := http.ParseTime(resp.Header.Get("Date")); err != nil {
		t.Errorf("sent %q\nreceived %q\nwant a Date field like \"Sun, 01 Mar 2026 08:30:05 GMT\"", sent, got)
	}
}

func TestServeRefusesABadRequestLine(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	addr := serveStart(t, serveHello)
	for _, sent := range []string{"GARBAGE\r\n\r\n", "GET / HTTP/1.1\nHost: a\n\n"} {
		got := serveExchange(t, addr, sent)
		if !strings.HasPrefix(got, "HTTP/1.1 400 Bad Request\r\n") || !strings.Contains(got, "\r\nConnection: close\r\n") {
			t.Errorf("sent %q\nreceived %q\nwant \"HTTP/1.1 400 Bad Request\\r\\n\" with \"Connection: close\", then the connection closed", sent, got)
			return
		}
	}
}

func TestServeConnectionsConcurrently(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	addr := serveStart(t, serveHello)
	idle, err := net.Dial("tcp", addr) // a client that connects and says nothing
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	sent := "GET /second HTTP/1.0\r\n\r\n"
	got := serveExchange(t, addr, sent)
	if !strings.HasPrefix(got, "HTTP/1.1 200 OK\r\n") || !strings.HasSuffix(got, "you asked for GET /second\n") {
		t.Errorf("with another connection open and silent, sent %q\nreceived %q\nwant a 200 response: serve each connection in its own goroutine", sent, got)
	}
}

func TestServeReturnsWhenListenerCloses(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- (&Server{Handler: serveHello}).Serve(l) }()
	c, err := net.Dial("tcp", l.Addr().String())
	if err == nil {
		c.SetDeadline(time.Now().Add(servePatience))
		io.WriteString(c, "GET / HTTP/1.0\r\n\r\n")
		io.ReadAll(c) // Serve must have accepted this one before it can return
		c.Close()
	}
	l.Close()
	select {
	case err := <-done:
		if !errors.Is(err, net.ErrClosed) {
			t.Errorf("Serve returned %v after %v, want an error wrapping net.ErrClosed once the listener is closed", err, time.Since(start).Round(time.Millisecond))
		}
	case <-time.After(servePatience):
		t.Errorf("Serve had not returned %v after its listener was closed: return when Accept fails with net.ErrClosed", servePatience)
	}
}

// serveFlakyListener fails its first Accept the way a server out of file
// descriptors does, and then works.
type serveFlakyListener struct {
	net.Listener
	failed bool
}

func (l *serveFlakyListener) Accept() (net.Conn, error) {
	if !l.failed {
		l.failed = true
		return nil, &net.OpError{Op: "accept", Net: "tcp", Err: syscall.EMFILE}
	}
	return l.Listener.Accept()
}

func TestServeSurvivesAcceptErrors(t *testing.T) {
	t.Parallel() // network waits of different tests overlap
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	done := make(chan error, 1)
	go func() { done <- (&Server{Handler: serveHello}).Serve(&serveFlakyListener{Listener: l}) }()
	select {
	case err := <-done:
		t.Fatalf("Serve returned %v after one failed Accept, want it to wait a moment and accept again: "+
			"running out of file descriptors passes, and only net.ErrClosed means the listener is gone", err)
	case <-time.After(100 * time.Millisecond):
	}
	got := serveExchange(t, l.Addr().String(), "GET /again HTTP/1.0\r\n\r\n")
	if !strings.HasSuffix(got, "you asked for GET /again\n") {
		t.Errorf("after one failed Accept, sent \"GET /again HTTP/1.0\" and received %q, want a 200 response", got)
	}
}
