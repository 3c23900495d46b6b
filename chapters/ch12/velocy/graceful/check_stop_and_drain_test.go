package graceful

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// opsHang bounds what would hang if a stage were wrong; nothing waits for
// it when the stages work.
const opsHang = 20 * time.Second

// opsServer serves h on a loopback port, and returns the server, its
// address and the channel Serve's error arrives on.
func opsServer(t *testing.T, h http.Handler) (*http.Server, string, <-chan error) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: opsHang}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	t.Cleanup(func() { srv.Close() })
	return srv, ln.Addr().String(), errc
}

// opsAnswer is what a client got.
type opsAnswer struct {
	code int
	body string
	err  error
}

// opsFetch GETs url on a connection of its own.
func opsFetch(url string) opsAnswer {
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: opsHang}
	resp, err := c.Get(url)
	if err != nil {
		return opsAnswer{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return opsAnswer{resp.StatusCode, string(b), err}
}

// opsRunStage runs st with ctx, failing the test if it has not returned
// within opsHang.
func opsRunStage(t *testing.T, st Stage, ctx context.Context) error {
	t.Helper()
	if st.Run == nil {
		t.Fatalf("stage %q has a nil Run", st.Name)
	}
	errc := make(chan error, 1)
	go func() { errc <- st.Run(ctx) }()
	select {
	case err := <-errc:
		return err
	case <-time.After(opsHang):
		t.Fatalf("stage %q has not returned after %v", st.Name, opsHang)
		return nil
	}
}

func TestOpsStopThenDrain(t *testing.T) {
	entered, release := make(chan struct{}), make(chan struct{})
	var finished atomic.Bool
	body := fmt.Sprintf("finished %d", rand.IntN(1000))
	srv, addr, serveErr := opsServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		select {
		case <-release:
		case <-time.After(opsHang):
		}
		io.WriteString(w, body)
		finished.Store(true)
	}))
	released := false
	defer func() {
		if !released {
			close(release)
		}
	}()
	inFlight := make(chan opsAnswer, 1)
	go func() { inFlight <- opsFetch("http://" + addr + "/slow") }()
	<-entered

	ctx, cancel := context.WithTimeout(context.Background(), opsHang)
	defer cancel()
	stop, drain := StopAccepting(srv)
	stopCtx, stopCancel := context.WithTimeout(ctx, 5*time.Second)
	defer stopCancel()
	if err := opsRunStage(t, stop, stopCtx); err != nil {
		t.Fatalf("the stop stage = %v with a request in flight, want nil as soon as the listeners are closed: stop must not wait for the drain", err)
	}
	if c, err := net.DialTimeout("tcp", addr, 5*time.Second); err == nil {
		c.Close()
		t.Fatal("a connection made after the stop stage was accepted: stop must close the listeners (srv.Shutdown, which it begins)")
	}
	select {
	case a := <-inFlight:
		t.Fatalf("the request in flight ended during the stop stage (%+v), want it to go on", a)
	default:
	}

	type drained struct {
		err      error
		finished bool
	}
	done := make(chan drained, 1)
	go func() {
		err := drain.Run(ctx)
		done <- drained{err, finished.Load()}
	}()
	close(release)
	released = true
	var d drained
	select {
	case d = <-done:
	case <-time.After(opsHang):
		t.Fatal("the drain stage has not returned after the request in flight finished")
	}
	if d.err != nil || !d.finished {
		t.Fatalf("the drain stage = %v, and the request in flight had finished: %v; want nil, after it finished: wait for the Shutdown that stop began", d.err, d.finished)
	}
	if a := <-inFlight; a.err != nil || a.code != 200 || a.body != body {
		t.Fatalf("the request in flight got %+v, want 200 %q: draining lets it finish", a, body)
	}
	if err := <-serveErr; !errors.Is(err, http.ErrServerClosed) {
		t.Fatalf("Serve returned %v, want http.ErrServerClosed", err)
	}
}

func TestOpsDrainAtTheDeadline(t *testing.T) {
	entered := make(chan struct{})
	srv, addr, _ := opsServer(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(entered)
		select {
		case <-r.Context().Done(): // the connection was closed under it
		case <-time.After(opsHang):
		}
	}))
	inFlight := make(chan opsAnswer, 1)
	go func() { inFlight <- opsFetch("http://" + addr + "/") }()
	<-entered

	srv.Addr = addr
	stop, drain := StopAccepting(srv)
	if want := "stop accepting (" + addr + ")"; stop.Name != want {
		t.Fatalf("StopAccepting(srv with Addr %s): stop is named %q, want %q", addr, stop.Name, want)
	}
	if want := "drain (" + addr + ")"; drain.Name != want {
		t.Fatalf("StopAccepting(srv with Addr %s): drain is named %q, want %q", addr, drain.Name, want)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := opsRunStage(t, stop, ctx); err != nil {
		t.Fatalf("the stop stage = %v, want nil", err)
	}
	cancel() // the deadline has passed
	err := opsRunStage(t, drain, ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("the drain stage after the deadline = %v, want an error that wraps the context's (context.Canceled)", err)
	}
	select {
	case a := <-inFlight:
		if a.err == nil {
			t.Fatalf("the request still in flight at the deadline got %+v, want its connection closed (srv.Close)", a)
		}
	case <-time.After(opsHang):
		t.Fatal("the request still in flight at the deadline was not cut off: close the connections left (srv.Close)")
	}
}

func TestOpsDrainAlone(t *testing.T) {
	srv, addr, serveErr := opsServer(t, http.NotFoundHandler())
	stop, drain := StopAccepting(srv)
	if err := opsRunStage(t, drain, context.Background()); err != nil {
		t.Fatalf("drain without stop = %v, want nil: it begins the Shutdown itself", err)
	}
	if c, err := net.DialTimeout("tcp", addr, 5*time.Second); err == nil {
		c.Close()
		t.Fatal("after drain (without stop), the server still accepts connections: drain must begin srv.Shutdown when stop did not, and wait for it")
	}
	select {
	case err := <-serveErr:
		if !errors.Is(err, http.ErrServerClosed) {
			t.Fatalf("Serve returned %v, want http.ErrServerClosed", err)
		}
	case <-time.After(opsHang):
		t.Fatal("after drain, Serve is still running: drain must begin srv.Shutdown when stop did not")
	}
	for _, st := range []Stage{stop, drain} {
		if err := opsRunStage(t, st, context.Background()); err != nil {
			t.Fatalf("%s a second time = %v, want nil: it waits for the same, finished, Shutdown", st.Name, err)
		}
	}
}

// opsDrainer counts SetDraining calls.
type opsDrainer struct{ n atomic.Int32 }

func (d *opsDrainer) SetDraining() { d.n.Add(1) }

func TestOpsFailReadiness(t *testing.T) {
	var d opsDrainer
	st := FailReadiness(&d)
	if err := opsRunStage(t, st, context.Background()); err != nil || d.n.Load() != 1 {
		t.Fatalf("FailReadiness(d).Run = %v and called SetDraining %d times, want nil and once", err, d.n.Load())
	}
}

func TestOpsDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := time.Duration(1+rand.IntN(10)) * time.Second // below opsHang
		start := time.Now()
		if err := opsRunStage(t, Delay(d), context.Background()); err != nil || time.Since(start) != d {
			t.Fatalf("Delay(%v).Run = %v after %v, want nil after %v", d, err, time.Since(start), d)
		}
		ctx, cancel := context.WithTimeout(context.Background(), d/2)
		defer cancel()
		start = time.Now()
		if err := opsRunStage(t, Delay(d), ctx); err != nil || time.Since(start) != d/2 {
			t.Fatalf("Delay(%v).Run with a deadline %v away = %v after %v, want nil at the deadline: the next stages are due", d, d/2, err, time.Since(start))
		}
	})
}

func TestOpsCloser(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cause := fmt.Errorf("sync failed %d", rand.IntN(1000))
		if err := opsRunStage(t, Closer("database", func() error { return cause }), context.Background()); !errors.Is(err, cause) {
			t.Fatalf("Closer(f).Run with f returning %v = %v, want f's error", cause, err)
		}
		if err := opsRunStage(t, Closer("database", func() error { return nil }), context.Background()); err != nil {
			t.Fatalf("Closer(f).Run with f returning nil = %v, want nil", err)
		}
		if err := opsRunStage(t, Closer("database", func() error { panic("closed twice") }), context.Background()); err == nil {
			t.Fatal("Closer(f).Run with f panicking = nil, want an error")
		}

		release := make(chan struct{})
		defer close(release)
		timeout := time.Duration(1+rand.IntN(10)) * time.Second // below opsHang
		ctx, cancel := context.WithTimeout(context.Background(), timeout)
		defer cancel()
		start := time.Now()
		err := opsRunStage(t, Closer("database", func() error { <-release; return nil }), ctx)
		if !errors.Is(err, ErrAbandoned) || !errors.Is(err, context.DeadlineExceeded) || time.Since(start) != timeout {
			t.Fatalf("Closer(f).Run with f stuck and a deadline %v away = %v after %v, want an error wrapping ErrAbandoned and context.DeadlineExceeded at the deadline",
				timeout, err, time.Since(start))
		}
	})
}
