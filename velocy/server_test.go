package velocy

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
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
	if srv.ReadTimeout != ReadTimeout || srv.WriteTimeout != WriteTimeout {
		t.Errorf("NewServer: ReadTimeout %v, WriteTimeout %v, want %v, %v", srv.ReadTimeout, srv.WriteTimeout, ReadTimeout, WriteTimeout)
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
	go func() { served <- Run(ctx, srv, ln, time.Millisecond) }()
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
	ctx, stopSignals := SignalContext(ctx)
	defer stopSignals()
	fmt.Println("listening on", ln.Addr())
	fmt.Println("serve returned:", Serve(ctx, ln, r))
}

// TestRunSlowBody is the regression test of a client that sends its headers
// and 2 of the 100 bytes of its body, then nothing: with no read timeout it
// held its handler for as long as it liked, and made the graceful shutdown
// wait the whole grace period. The read timeout ends the body's read.
func TestRunSlowBody(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{}, 1)
	readErr := make(chan error, 1)
	r := New()
	r.Post("/upload", func(w http.ResponseWriter, req *http.Request) {
		started <- struct{}{}
		_, err := io.ReadAll(req.Body)
		readErr <- err
	})
	srv := NewServer("", r)
	srv.ReadTimeout = 300 * time.Millisecond // NewServer's 30s, shortened for the test
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Run(ctx, srv, ln, time.Minute) }()

	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	io.WriteString(conn, "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nab")
	waitFor(t, started, "the request to reach the handler")
	cancel()
	if err := waitFor(t, readErr, "the body's read to fail"); err == nil {
		t.Errorf("reading a body that stalls after 2 of 100 bytes succeeded, want a timeout")
	}
	start := time.Now()
	if err := waitFor(t, served, "Run to return"); err != nil {
		t.Errorf("Run = %v, want nil", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("Run took %v to return after the read failed, want no wait for the grace period", d)
	}
}

// TestRunCancelsRequestContexts checks that the contexts of the requests in
// flight are done as soon as the shutdown begins, so that a handler that
// waits (here, for ever) can stop: Run then returns long before its grace
// period of a minute.
func TestRunCancelsRequestContexts(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{}, 1)
	r := New()
	r.Get("/stream", func(w http.ResponseWriter, req *http.Request) {
		io.WriteString(w, "event\n")
		http.NewResponseController(w).Flush()
		started <- struct{}{}
		<-req.Context().Done()
		io.WriteString(w, "bye\n")
	})
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Run(ctx, NewServer("", r), ln, time.Minute) }()
	answer := make(chan string, 1)
	go func() {
		body, err := get(ln.Addr().String(), "/stream")
		if err != nil {
			body = err.Error()
		}
		answer <- body
	}()
	waitFor(t, started, "the request to reach the handler")
	cancel()
	if body := waitFor(t, answer, "the answer"); body != "event\nbye\n" {
		t.Errorf("a stream in flight during shutdown got %q, want \"event\\nbye\\n\": its context should be done", body)
	}
	if err := waitFor(t, served, "Run to return"); err != nil {
		t.Errorf("Run = %v, want nil", err)
	}
}

// TestRunKeepsBaseContext checks that Run keeps the values of a server's own
// BaseContext, and still cancels the requests' contexts at shutdown.
func TestRunKeepsBaseContext(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	type key struct{}
	started, got := make(chan struct{}, 1), make(chan string, 1)
	r := New()
	r.Get("/", func(w http.ResponseWriter, req *http.Request) {
		v, _ := req.Context().Value(key{}).(string)
		started <- struct{}{}
		<-req.Context().Done()
		got <- v
	})
	srv := NewServer("", r)
	srv.BaseContext = func(net.Listener) context.Context { return context.WithValue(context.Background(), key{}, "mine") }
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Run(ctx, srv, ln, time.Minute) }()
	go get(ln.Addr().String(), "/")
	waitFor(t, started, "the request to reach the handler")
	cancel()
	if v := waitFor(t, got, "the handler to see its context done"); v != "mine" {
		t.Errorf("the request's context had the value %q, want \"mine\" from srv.BaseContext", v)
	}
	waitFor(t, served, "Run to return")
}

func TestRunTLS(t *testing.T) {
	// Borrow httptest's certificate, and its client that trusts it.
	ts := httptest.NewTLSServer(http.NotFoundHandler())
	ts.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := New()
	r.Get("/", func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, "tls=%v", req.TLS != nil)
	})
	srv := NewServer("", r)
	srv.TLSConfig = &tls.Config{Certificates: ts.TLS.Certificates}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Run(ctx, srv, ln, time.Second) }()
	resp, err := ts.Client().Get("https://" + ln.Addr().String() + "/")
	if err != nil {
		t.Fatalf("GET over TLS: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(body) != "tls=true" {
		t.Errorf("GET over TLS = %q, want \"tls=true\"", body)
	}
	cancel()
	if err := waitFor(t, served, "Run to return"); err != nil {
		t.Errorf("Run = %v, want nil", err)
	}
}

// TestServeCatchesNoSignals checks that Serve leaves signals to the program:
// SIGTERM reaches the test's own channel, and the server goes on serving.
func TestServeCatchesNoSignals(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGTERM")
	}
	mine := make(chan os.Signal, 1)
	signal.Notify(mine, syscall.SIGTERM) // so that the signal cannot end the test
	defer signal.Stop(mine)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := New()
	r.Get("/", func(w http.ResponseWriter, req *http.Request) { io.WriteString(w, "up") })
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, ln, r) }()
	if body, err := get(ln.Addr().String(), "/"); body != "up" {
		t.Fatalf("GET / = %q, %v", body, err)
	}
	sendSIGTERM(t)
	waitFor(t, mine, "SIGTERM")
	if body, err := get(ln.Addr().String(), "/"); body != "up" {
		t.Errorf("after SIGTERM, GET / = %q, %v; want the server still up: Serve must not catch signals", body, err)
	}
	cancel()
	waitFor(t, served, "Serve to return")
}

func TestSignalContext(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("needs SIGTERM")
	}
	mine := make(chan os.Signal, 1)
	signal.Notify(mine, syscall.SIGTERM)
	defer signal.Stop(mine)
	ctx, stop := SignalContext(context.Background())
	defer stop()
	sendSIGTERM(t)
	waitFor(t, ctx.Done(), "the context to be done after SIGTERM")
}

// sendSIGTERM sends SIGTERM to the test process, which must catch it.
func sendSIGTERM(t *testing.T) {
	t.Helper()
	self, err := os.FindProcess(os.Getpid())
	if err == nil {
		err = self.Signal(syscall.SIGTERM)
	}
	if err != nil {
		t.Fatalf("sending SIGTERM: %v", err)
	}
}
