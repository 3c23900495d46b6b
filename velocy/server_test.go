package velocy

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestNewServer(t *testing.T) {
	h := New()
	srv := NewServer("127.0.0.1:8080", h)
	if srv.Addr != "127.0.0.1:8080" || srv.Handler != h {
		t.Errorf("NewServer(addr, h) has Addr %q and Handler %v, want the arguments", srv.Addr, srv.Handler)
	}
	if srv.ReadHeaderTimeout != ReadHeaderTimeout || srv.IdleTimeout != IdleTimeout || srv.MaxHeaderBytes != MaxHeaderBytes {
		t.Errorf("NewServer: ReadHeaderTimeout %v, IdleTimeout %v, MaxHeaderBytes %d, want %v, %v, %d",
			srv.ReadHeaderTimeout, srv.IdleTimeout, srv.MaxHeaderBytes, ReadHeaderTimeout, IdleTimeout, MaxHeaderBytes)
	}
}

func TestListenAndServeBadAddress(t *testing.T) {
	err := ListenAndServe(context.Background(), "127.0.0.1:notaport", New())
	if err == nil || !strings.HasPrefix(err.Error(), "velocy: ") {
		t.Errorf("ListenAndServe(\"127.0.0.1:notaport\") = %v, want an error starting with \"velocy: \"", err)
	}
}

// slowRouter has a route that tells started when a request arrives and
// answers only once release is closed.
func slowRouter(started chan<- struct{}, release <-chan struct{}) *Router {
	r := New()
	r.Get("/slow", func(w http.ResponseWriter, req *http.Request) {
		started <- struct{}{}
		<-release
		io.WriteString(w, "finished")
	})
	return r
}

// get sends GET path to addr and returns the body, or an error.
func get(addr, path string) (string, error) {
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get("http://" + addr + path)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), err
}

func TestServeGracefulShutdown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, ln, slowRouter(started, release)) }()

	answer := make(chan string, 1)
	go func() {
		body, err := get(ln.Addr().String(), "/slow")
		if err != nil {
			body = err.Error()
		}
		answer <- body
	}()
	waitFor(t, started, "the request to reach the handler")
	cancel() // the request is in flight
	select {
	case err := <-served:
		t.Fatalf("Serve returned %v while a request was in flight, want it to wait", err)
	default:
	}
	close(release)
	if body := waitFor(t, answer, "the answer"); body != "finished" {
		t.Errorf("the request in flight during shutdown got %q, want \"finished\"", body)
	}
	if err := waitFor(t, served, "Serve to return"); err != nil {
		t.Errorf("Serve after a graceful shutdown = %v, want nil", err)
	}
	if _, err := net.DialTimeout("tcp", ln.Addr().String(), time.Second); err == nil {
		t.Errorf("the listener still accepts connections after Serve returned")
	}
}

func TestServeShutdownTimeout(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started, release := make(chan struct{}), make(chan struct{})
	defer close(release)
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	srv := NewServer("", slowRouter(started, release))
	go func() { served <- serve(ctx, srv, ln, time.Millisecond) }()
	go get(ln.Addr().String(), "/slow")
	waitFor(t, started, "the request to reach the handler")
	cancel()
	err = waitFor(t, served, "Serve to give up")
	if err == nil || !errors.Is(err, context.DeadlineExceeded) || !strings.HasPrefix(err.Error(), "velocy: shutdown: ") {
		t.Errorf("Serve with a handler that outlives the grace period = %v, want \"velocy: shutdown: ...\" wrapping context.DeadlineExceeded", err)
	}
}

func TestServeListenerError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ln.Close() // Serve's Accept fails at once
	err = Serve(context.Background(), ln, New())
	if err == nil || !strings.HasPrefix(err.Error(), "velocy: serve: ") {
		t.Errorf("Serve on a closed listener = %v, want \"velocy: serve: ...\"", err)
	}
}

// waitFor receives from c, failing the test if nothing arrives in time.
func waitFor[T any](t *testing.T, c <-chan T, what string) T {
	t.Helper()
	select {
	case v := <-c:
		return v
	case <-time.After(10 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
		panic("unreachable")
	}
}

// TestServeSignal runs a server in a child process (this test binary again,
// running TestServeSignalChild) and sends it SIGTERM while a request is in
// flight: the request must be answered and the child must exit cleanly. The
// test process itself receives no signal.
func TestServeSignal(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGTERM")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestServeSignalChild$", "-test.v")
	cmd.Env = append(os.Environ(), "VELOCY_SERVE_CHILD=1")
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	next := func(prefix string) string {
		for {
			line, ok := <-lines // the child's own deadline stops it if it hangs
			if !ok {
				t.Fatalf("the child exited before printing %q", prefix)
			}
			if rest, found := strings.CutPrefix(line, prefix); found {
				return rest
			}
		}
	}

	addr := next("listening on ")
	answer := make(chan string, 1)
	go func() {
		body, err := get(addr, "/slow")
		if err != nil {
			body = err.Error()
		}
		answer <- body
	}()
	next("request started")
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if body := waitFor(t, answer, "the answer"); body != "finished" {
		t.Errorf("the request in flight during SIGTERM got %q, want \"finished\"", body)
	}
	if got := next("serve returned: "); got != "<nil>" {
		t.Errorf("Serve after SIGTERM returned %s, want <nil>", got)
	}
	for range lines { // drain, so that Wait sees the end of the output
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("the child exited with %v, want success", err)
	}
}

// TestServeSignalChild is the child of TestServeSignal.
func TestServeSignalChild(t *testing.T) {
	if os.Getenv("VELOCY_SERVE_CHILD") != "1" {
		t.Skip("run by TestServeSignal")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	// The handler waits for the signal too, so that it is still running when
	// Serve starts to shut down.
	sig, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
	defer stop()
	r := New()
	r.Get("/slow", func(w http.ResponseWriter, req *http.Request) {
		fmt.Println("request started")
		<-sig.Done()
		io.WriteString(w, "finished")
	})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second) // never hang the parent
	defer cancel()
	fmt.Println("listening on", ln.Addr())
	fmt.Println("serve returned:", Serve(ctx, ln, r))
}
