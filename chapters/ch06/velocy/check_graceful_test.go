package velocy

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"sync"
	"syscall"
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
	go func() { served <- serve(ctx, srv, ln, time.Minute) }()

	answer := make(chan string, 1)
	go func() { answer <- gracefulGet(inner.Addr().String(), "/slow") }()
	gracefulWait(t, started, "the request to reach the handler")
	cancel() // the request is in flight

	// The server must stop taking new connections, and keep the one in
	// flight open until its handler has answered.
	select {
	case <-ln.closed:
	case <-time.After(10 * time.Second):
		t.Fatal("serve had not closed the listener 10s after ctx was cancelled: stop the server when ctx is done")
	}
	select {
	case <-ln.connClosed:
		t.Fatal("once ctx was cancelled, serve closed the connection of the request in flight before its handler had answered: srv.Close cuts requests off; srv.Shutdown lets them finish")
	case <-shutdown:
	case <-time.After(10 * time.Second):
		t.Fatal("serve closed the listener but never called Shutdown on the server it was given (10s)")
	}

	released = true
	close(release)
	if body := gracefulWait(t, answer, "the answer"); body != "finished" {
		t.Errorf("the request in flight when ctx was cancelled got %q, want \"finished\": wait for it with Shutdown instead of cutting it off with Close", body)
	}
	if err := gracefulWait(t, served, "serve to return"); err != nil {
		t.Errorf("serve after a graceful shutdown = %v, want nil", err)
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
	go func() { served <- serve(ctx, NewServer("", gracefulRouter(started, release)), ln, time.Millisecond) }()
	go gracefulGet(ln.Addr().String(), "/slow")
	gracefulWait(t, started, "the request to reach the handler")
	cancel()
	err = gracefulWait(t, served, "serve to give up")
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.HasPrefix(err.Error(), "velocy: shutdown: ") {
		t.Errorf("serve with a 1ms grace period and a handler that never finishes = %v, want \"velocy: shutdown: ...\" wrapping context.DeadlineExceeded", err)
	}
}

func TestServeStopsOnSIGTERM(t *testing.T) {
	self, err := os.FindProcess(os.Getpid())
	if err != nil || runtime.GOOS == "windows" {
		t.Skip("this system cannot send SIGTERM to a process")
	}
	// While a channel of ours is registered for SIGTERM, the signal does not
	// end this test process. It stays registered: a signal still on its way
	// when the test ends must not kill the process either.
	signal.Notify(make(chan os.Signal, 1), syscall.SIGTERM)

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := New()
	r.Get("/hello", func(w http.ResponseWriter, req *http.Request) { io.WriteString(w, "hello") })
	served := make(chan error, 1)
	go func() { served <- Serve(context.Background(), ln, r) }()
	if body := gracefulGet(ln.Addr().String(), "/hello"); body != "hello" {
		t.Fatalf("GET /hello = %q, want \"hello\"", body)
	}
	// Send SIGTERM until Serve returns: it may start listening for signals
	// a moment after it starts serving.
	deadline := time.After(5 * time.Second)
	resend := time.NewTicker(50 * time.Millisecond)
	defer resend.Stop()
	for {
		if err := self.Signal(syscall.SIGTERM); err != nil {
			t.Skipf("sending SIGTERM: %v", err)
		}
		select {
		case err := <-served:
			if err != nil {
				t.Errorf("Serve after SIGTERM = %v, want nil", err)
			}
			return
		case <-resend.C:
		case <-deadline:
			t.Fatal("Serve(context.Background(), ...) was still serving 5s after the process got SIGTERM, want it to shut down: wrap ctx with signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)")
		}
	}
}
