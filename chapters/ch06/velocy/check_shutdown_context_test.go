package velocy

import (
	"context"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// shutdownContextGet sends GET path to addr and returns the body, or the
// error's text.
func shutdownContextGet(addr, path string) string {
	client := &http.Client{Timeout: 20 * time.Second}
	resp, err := client.Get("http://" + addr + path)
	if err != nil {
		return err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// shutdownContextWait receives from c, or fails the test after 10 seconds.
func shutdownContextWait[T any](t *testing.T, c <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-c:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("still waiting for %s after 10s", what)
		panic("unreachable")
	}
}

// TestRunCancelsRequestContexts streams to a client until the request's
// context is done. With a grace period of a minute, Run must not wait for
// the stream: the shutdown itself must end it.
func TestRunCancelsRequestContexts(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	bye := "bye " + strconv.Itoa(rand.IntN(1000))
	started := make(chan struct{}, 1)
	r := New()
	r.Get("/stream", func(w http.ResponseWriter, req *http.Request) {
		io.WriteString(w, "event\n")
		http.NewResponseController(w).Flush()
		started <- struct{}{}
		select {
		case <-req.Context().Done():
		case <-time.After(20 * time.Second): // never hang the check
		}
		io.WriteString(w, bye)
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- Run(ctx, NewServer("", r), ln, time.Minute) }()
	answer := make(chan string, 1)
	go func() { answer <- shutdownContextGet(ln.Addr().String(), "/stream") }()
	shutdownContextWait(t, started, "the stream to start")
	start := time.Now()
	cancel()
	if err := shutdownContextWait(t, served, "Run to return"); err != nil {
		t.Errorf("Run = %v, want nil", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Run took %v to shut down with a stream in flight, want it to end the stream at once: make the requests' contexts done when the shutdown begins (srv.BaseContext)", d.Round(time.Second))
	}
	if body := shutdownContextWait(t, answer, "the answer"); body != "event\n"+bye {
		t.Errorf("the stream in flight got %q, want %q: its handler should see its context done and finish", body, "event\n"+bye)
	}
}

// TestRunKeepsBaseContext gives the server a BaseContext of its own: its
// values must reach the requests, and the shutdown must still end them.
func TestRunKeepsBaseContext(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	type key struct{}
	value := "v" + strconv.Itoa(rand.IntN(1000))
	started, got := make(chan struct{}, 1), make(chan string, 1)
	r := New()
	r.Get("/", func(w http.ResponseWriter, req *http.Request) {
		v, _ := req.Context().Value(key{}).(string)
		started <- struct{}{}
		select {
		case <-req.Context().Done():
			got <- v
		case <-time.After(20 * time.Second):
			got <- "the context was never done"
		}
	})
	srv := NewServer("", r)
	srv.BaseContext = func(net.Listener) context.Context { return context.WithValue(context.Background(), key{}, value) }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	served := make(chan error, 1)
	go func() { served <- Run(ctx, srv, ln, time.Minute) }()
	go shutdownContextGet(ln.Addr().String(), "/")
	shutdownContextWait(t, started, "the request to reach the handler")
	cancel()
	if v := shutdownContextWait(t, got, "the handler to see its context done"); v != value {
		t.Errorf("with srv.BaseContext set, the request's context had %q, want the value %q from srv.BaseContext, and a context done at shutdown", v, value)
	}
	shutdownContextWait(t, served, "Run to return")
}
