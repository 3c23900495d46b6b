package velocy

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// gracefulRouter has a route that reports on started when a request
// arrives and answers only once release is closed.
func gracefulRouter(started chan<- struct{}, release <-chan struct{}) *Router {
	r := New()
	r.Get("/slow", func(w http.ResponseWriter, req *http.Request) {
		started <- struct{}{}
		<-release
		io.WriteString(w, "finished")
	})
	return r
}

// gracefulWait receives from c, or fails the test after 10 seconds.
func gracefulWait[T any](t *testing.T, c <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-c:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out after 10s waiting for %s", what)
		panic("unreachable")
	}
}

// gracefulGet sends GET path to addr and returns the body, or the error's text.
func gracefulGet(addr, path string) string {
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get("http://" + addr + path)
	if err != nil {
		return "error: " + err.Error()
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "error: " + err.Error()
	}
	return string(b)
}

// gracefulListener reports on closed when the server closes it, and hands
// out connections that report on connClosed when they are closed.
type gracefulListener struct {
	net.Listener
	closeOnce  sync.Once
	closed     chan struct{}
	connClosed chan struct{}
}

func (l *gracefulListener) Close() error {
	l.closeOnce.Do(func() { close(l.closed) })
	return l.Listener.Close()
}

func (l *gracefulListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &gracefulConn{Conn: c, closed: l.connClosed}, nil
}

type gracefulConn struct {
	net.Conn
	once   sync.Once
	closed chan struct{}
}

func (c *gracefulConn) Close() error {
	c.once.Do(func() {
		select {
		case c.closed <- struct{}{}:
		default:
		}
	})
	return c.Conn.Close()
}

func TestServeWaitsForRequestsInFlight(t *testing.T) {
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln := &gracefulListener{Listener: inner, closed: make(chan struct{}), connClosed: make(chan struct{}, 1)}
	started, release := make(chan struct{}), make(chan struct{})
	released := false
	defer func() {
		if !released {
			close(release)
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := NewServer("", gracefulRouter(started, release))
	shutdown := make(chan struct{})
	srv.RegisterOnShutdown(func() { close(shutdown) }) // Shutdown calls it; Close does not
	served := make(chan error, 1)
	go func() { served <- Run(ctx, srv, ln, time.Minute) }()

	answer := make(chan string, 1)
	go func() { answer <- gracefulGet(inner.Addr().String(), "/slow") }()
	gracefulWait(t, started, "the request to reach the handler")
	cancel() // the request is in flight

	// The server must stop taking new connections, and keep the one in
	// flight open until its handler has answered.
	select {
	case <-ln.closed:
	case <-time.After(10 * time.Second):
		t.Fatal("Run had not closed the listener 10s after ctx was cancelled: stop the server when ctx is done")
	}
	select {
	case <-ln.connClosed:
		t.Fatal("once ctx was cancelled, Run closed the connection of the request in flight before its handler had answered: srv.Close cuts requests off; srv.Shutdown lets them finish")
	case <-shutdown:
	case <-time.After(10 * time.Second):
		t.Fatal("Run closed the listener but never called Shutdown on the server it was given (10s)")
	}

	released = true
	close(release)
	if body := gracefulWait(t, answer, "the answer"); body != "finished" {
		t.Errorf("the request in flight when ctx was cancelled got %q, want \"finished\": wait for it with Shutdown instead of cutting it off with Close", body)
	}
	if err := gracefulWait(t, served, "Run to return"); err != nil {
		t.Errorf("Run after a graceful shutdown = %v, want nil", err)
	}
}

func TestServeGivesUpAfterGrace(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- Run(ctx, NewServer("", gracefulRouter(started, release)), ln, time.Millisecond) }()
	go gracefulGet(ln.Addr().String(), "/slow")
	gracefulWait(t, started, "the request to reach the handler")
	cancel()
	err = gracefulWait(t, served, "Run to give up")
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.HasPrefix(err.Error(), "velocy: shutdown: ") {
		t.Errorf("Run with a 1ms grace period and a handler that never finishes = %v, want \"velocy: shutdown: ...\" wrapping context.DeadlineExceeded", err)
	}
}
