package graceful

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/health"
)

// hangGuard bounds what could hang if the code under test were wrong; no
// test waits for it when things work.
const hangGuard = 30 * time.Second

// serve starts an http.Server for h on a loopback port and returns it with
// its address and the channel Serve's error arrives on.
func serve(t *testing.T, h http.Handler) (*http.Server, string, <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: hangGuard}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return srv, ln.Addr().String(), errc
}

type result struct {
	code int
	body string
	err  error
}

// fetch GETs url on a connection of its own.
func fetch(ctx context.Context, url string) result {
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return result{err: err}
	}
	resp, err := c.Do(req)
	if err != nil {
		return result{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return result{resp.StatusCode, string(b), err}
}

// TestShutdownEndToEnd runs the sequence against real servers: a request
// in flight when the shutdown begins completes with 200, a connection
// attempted after the stop stage is refused, and readiness, served on a
// separate admin listener as in a real deployment, answers 503 after the
// fail-readiness stage.
func TestShutdownEndToEnd(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), hangGuard)
	defer cancel()

	probes := health.New()
	adminMux := http.NewServeMux()
	adminMux.Handle("/readyz", probes.Ready())
	_, adminAddr, _ := serve(t, adminMux)

	entered, release := make(chan struct{}), make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		select {
		case <-release:
		case <-time.After(hangGuard):
		}
		io.WriteString(w, "finished")
	})
	srv, addr, serveErr := serve(t, mux)

	if r := fetch(ctx, "http://"+adminAddr+"/readyz"); r.code != 200 {
		t.Fatalf("readiness before the shutdown: %+v", r)
	}
	inFlight := make(chan result, 1)
	go func() { inFlight <- fetch(ctx, "http://"+addr+"/slow") }()
	<-entered

	var rec recorder
	stop, drain := StopAccepting(srv)
	seq := &Sequence{Timeout: hangGuard, Stages: []Stage{
		stop,
		FailReadiness(probes),
		{Name: "observe", Run: func(ctx context.Context) error {
			if c, err := net.Dial("tcp", addr); err == nil {
				c.Close()
				t.Error("a new connection was accepted after the stop stage")
			}
			r := fetch(ctx, "http://"+adminAddr+"/readyz")
			if r.code != http.StatusServiceUnavailable || !strings.Contains(r.body, `"draining"`) {
				t.Errorf("readiness after fail readiness: %+v", r)
			}
			select {
			case r := <-inFlight:
				t.Errorf("the request in flight ended before the drain: %+v", r)
			default:
			}
			close(release) // the in-flight request may finish now
			return nil
		}},
		drain,
		rec.stage("websockets", nil),
		rec.stage("logs", nil),
		rec.stage("database", nil),
	}}
	if err := seq.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if r := <-inFlight; r.err != nil || r.code != 200 || r.body != "finished" {
		t.Errorf("in-flight request: %+v, want 200 finished", r)
	}
	if err := <-serveErr; !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("Serve returned %v", err)
	}
	if got := rec.got(); len(got) != 3 {
		t.Errorf("later stages ran: %q", got)
	}
}

// TestDrainDeadline: a request that outlasts the deadline is cut off, and
// the drain stage says so.
func TestDrainDeadline(t *testing.T) {
	entered := make(chan struct{})
	srv, addr, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		select {
		case <-r.Context().Done(): // the connection was closed under it
		case <-time.After(hangGuard):
		}
	}))
	inFlight := make(chan result, 1)
	go func() { inFlight <- fetch(context.Background(), "http://"+addr+"/") }()
	<-entered

	stop, drain := StopAccepting(srv)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	seq := &Sequence{Stages: []Stage{
		stop,
		{Name: "deadline", Run: func(context.Context) error { cancel(); return nil }}, // the deadline passes here
		drain,
	}}
	err := seq.Run(ctx)
	var se *StageError
	if !errors.As(err, &se) || se.Stage != "drain" || !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want the drain stage's", err)
	}
	if r := <-inFlight; r.err == nil {
		t.Errorf("the request cut off at the deadline got an answer: %+v", r)
	}
}

// TestDrainWithoutStop: drain alone shuts the server down.
func TestDrainWithoutStop(t *testing.T) {
	srv, addr, serveErr := serve(t, http.NotFoundHandler())
	srv.Addr = addr
	stop, drain := StopAccepting(srv)
	if stop.Name != "stop accepting ("+addr+")" || drain.Name != "drain ("+addr+")" {
		t.Errorf("names %q %q", stop.Name, drain.Name)
	}
	if err := drain.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := <-serveErr; !errors.Is(err, http.ErrServerClosed) {
		t.Errorf("Serve returned %v", err)
	}
	// Both stages again: they wait for the same, finished, Shutdown.
	if err := stop.Run(context.Background()); err != nil {
		t.Error(err)
	}
	if err := drain.Run(context.Background()); err != nil {
		t.Error(err)
	}
}

// TestDrainDoesNotWaitForHijacked shows why websockets need a stage of
// their own: a hijacked connection is not the server's, and the drain
// neither waits for it nor closes it.
func TestDrainDoesNotWaitForHijacked(t *testing.T) {
	hijacked := make(chan net.Conn, 1)
	srv, addr, _ := serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		io.WriteString(c, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n")
		hijacked <- c
	}))
	client, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer client.Close()
	io.WriteString(client, "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: test\r\nConnection: Upgrade\r\n\r\n")
	br := bufio.NewReader(client)
	resp, err := http.ReadResponse(br, nil)
	if err != nil || resp.StatusCode != 101 {
		t.Fatalf("upgrade: %v %v", resp, err)
	}
	server := <-hijacked
	defer server.Close()

	ctx, cancel := context.WithTimeout(context.Background(), hangGuard)
	defer cancel()
	stop, drain := StopAccepting(srv)
	if err := (&Sequence{Stages: []Stage{stop, drain}}).Run(ctx); err != nil {
		t.Fatalf("drain waited for, or failed on, a hijacked connection: %v", err)
	}
	// The hijacked connection is still open: it carries a message after the drain.
	io.WriteString(server, "still here\n")
	line, err := br.ReadString('\n')
	if err != nil || line != "still here\n" {
		t.Errorf("after the drain the hijacked connection gave %q, %v", line, err)
	}
}
