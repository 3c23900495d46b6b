package velocy

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
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

func TestServeWaitsForRequestsInFlight(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	defer func() {
		select {
		case <-release:
		default:
			close(release)
		}
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, ln, gracefulRouter(started, release)) }()

	answer := make(chan string, 1)
	go func() { answer <- gracefulGet(ln.Addr().String(), "/slow") }()
	gracefulWait(t, started, "the request to reach the handler")
	cancel() // the request is in flight

	close(release)
	if body := gracefulWait(t, answer, "the answer"); body != "finished" {
		t.Errorf("the request in flight when ctx was cancelled got %q, want \"finished\": wait for it with Shutdown instead of cutting it off with Close", body)
	}
	if err := gracefulWait(t, served, "Serve to return"); err != nil {
		t.Errorf("Serve after a graceful shutdown = %v, want nil", err)
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
