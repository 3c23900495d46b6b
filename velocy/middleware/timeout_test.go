package middleware

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestTimeoutAnswers503WhenTheHandlerGivesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const d = 3 * time.Second
		start := time.Now()
		var deadline time.Time
		var cause error
		h := Timeout(d)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			deadline, _ = r.Context().Deadline()
			<-r.Context().Done()
			cause = context.Cause(r.Context())
		}))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/slow", nil))
		if took := time.Since(start); took != d {
			t.Errorf("the handler's context ended after %v, want %v", took, d)
		}
		if !deadline.Equal(start.Add(d)) {
			t.Errorf("the context's deadline = %v, want %v", deadline, start.Add(d))
		}
		if !errors.Is(cause, ErrTimeout) {
			t.Errorf("context.Cause = %v, want ErrTimeout", cause)
		}
		if w.Code != http.StatusServiceUnavailable || !strings.Contains(w.Body.String(), "timed out") {
			t.Errorf("got %d %q, want 503 and a body that says it timed out", w.Code, w.Body)
		}
		if ct := w.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" {
			t.Errorf("Content-Type = %q, want text/plain; charset=utf-8", ct)
		}
	})
}

func TestTimeoutLeavesAFastHandlerAlone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := Timeout(time.Second)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(999 * time.Millisecond) // fake time: just in time
			io.WriteString(w, "done")
		}))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		if w.Code != http.StatusOK || w.Body.String() != "done" {
			t.Errorf("got %d %q, want 200 \"done\"", w.Code, w.Body)
		}
	})
}

// TestTimeoutDoesNotInterrupt pins down the documented limit: a handler
// that ignores its context is not stopped, and its late answer is sent.
func TestTimeoutDoesNotInterrupt(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		h := Timeout(time.Second)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(5 * time.Second)
			io.WriteString(w, "late")
		}))
		start := time.Now()
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		if took := time.Since(start); took != 5*time.Second {
			t.Errorf("ServeHTTP returned after %v, want 5s: Timeout must not return before the handler does", took)
		}
		if w.Code != http.StatusOK || w.Body.String() != "late" {
			t.Errorf("got %d %q, want the handler's own 200 \"late\"", w.Code, w.Body)
		}
	})
}

// TestTimeoutKeepsAStartedResponse: once the header is out, a 503 is no
// longer possible; Timeout must not try (net/http would log a superfluous
// WriteHeader and append the text to the body).
func TestTimeoutKeepsAStartedResponse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for _, write := range []func(w http.ResponseWriter){
			func(w http.ResponseWriter) { w.WriteHeader(http.StatusAccepted) },
			func(w http.ResponseWriter) { io.WriteString(w, "partial") },
			func(w http.ResponseWriter) { http.NewResponseController(w).Flush() },
		} {
			h := Timeout(time.Second)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				write(w)
				<-r.Context().Done()
			}))
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
			if w.Code == http.StatusServiceUnavailable || strings.Contains(w.Body.String(), "timed out") {
				t.Errorf("got %d %q: a 503 after the response started", w.Code, w.Body)
			}
		}
	})
}

// TestTimeoutClientGone: when the client hangs up first, the context is
// canceled, not past its deadline, and nobody is waiting for a 503.
func TestTimeoutClientGone(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		ctx, hangUp := context.WithCancel(context.Background())
		h := Timeout(time.Minute)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			hangUp()
			<-r.Context().Done()
		}))
		rw := Wrap(httptest.NewRecorder())
		h.ServeHTTP(rw, httptest.NewRequestWithContext(ctx, "GET", "/", nil))
		if rw.Status() != 0 {
			t.Errorf("Timeout answered %d to a client that had gone, want nothing written", rw.Status())
		}
	})
}

func TestTimeoutNested(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		inner := Timeout(time.Second)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			<-r.Context().Done()
		}))
		rec := httptest.NewRecorder()
		Timeout(time.Hour)(inner).ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
		if rec.Code != 503 || strings.Count(rec.Body.String(), "timed out") != 1 {
			t.Errorf("got %d %q, want one 503", rec.Code, rec.Body)
		}
		// The shorter deadline of the two wins, whichever is outside.
		start := time.Now()
		var deadline time.Time
		h := Timeout(time.Second)(Timeout(time.Hour)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			deadline, _ = r.Context().Deadline()
		})))
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
		if !deadline.Equal(start.Add(time.Second)) {
			t.Errorf("deadline under Timeout(1s)(Timeout(1h)) = %v from now, want 1s", deadline.Sub(start))
		}
	})
}

func TestTimeoutRefusesNonPositive(t *testing.T) {
	for _, d := range []time.Duration{0, -time.Second} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Timeout(%v) did not panic", d)
				}
			}()
			Timeout(d)
		}()
	}
}

// timeoutSSE is an SSE handler that sends one event, waits for more to be
// released, then sends a second one.
func timeoutSSE(more <-chan struct{}) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/event-stream")
		rc := http.NewResponseController(w)
		io.WriteString(w, "data: one\n\n")
		if err := rc.Flush(); err != nil {
			io.WriteString(w, "data: cannot flush: "+err.Error()+"\n\n")
			return
		}
		select {
		case <-more:
		case <-r.Context().Done():
			return
		}
		io.WriteString(w, "data: two\n\n")
	}
}

// timeoutFirstEvent reads the first event of an SSE stream from url and
// returns it with the response, whose body is still open.
func timeoutFirstEvent(t *testing.T, url string) (string, *bufio.Reader, *http.Response) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	br := bufio.NewReader(resp.Body)
	line, err := br.ReadString('\n')
	if err != nil {
		t.Fatalf("reading the first event: %v (the stream was not flushed?)", err)
	}
	return strings.TrimSpace(line), br, resp
}

// TestTimeoutStreams: an event reaches the client while the handler is
// still running, which needs a writer that flushes through Timeout.
func TestTimeoutStreams(t *testing.T) {
	more := make(chan struct{})
	srv := httptest.NewServer(Timeout(time.Minute)(timeoutSSE(more)))
	defer srv.Close()
	first, br, _ := timeoutFirstEvent(t, srv.URL)
	if first != "data: one" {
		t.Fatalf("first line = %q, want \"data: one\"", first)
	}
	close(more)
	rest, _ := io.ReadAll(br)
	if got := strings.TrimSpace(string(rest)); got != "data: two" {
		t.Errorf("rest of the stream = %q, want \"data: two\"", got)
	}
}

// TestTimeoutHandlerCannotStream documents why Timeout is not
// http.TimeoutHandler: the standard one buffers the response, its writer
// cannot flush, and the client sees nothing until the handler returns.
func TestTimeoutHandlerCannotStream(t *testing.T) {
	more := make(chan struct{})
	close(more)
	srv := httptest.NewServer(http.TimeoutHandler(timeoutSSE(more), time.Minute, "timeout"))
	defer srv.Close()
	first, br, _ := timeoutFirstEvent(t, srv.URL)
	if first != "data: one" {
		t.Fatalf("first line = %q", first)
	}
	br.ReadString('\n') // the blank line ending the first event
	second, _ := br.ReadString('\n')
	if !strings.Contains(second, http.ErrNotSupported.Error()) {
		t.Errorf("second line = %q; http.TimeoutHandler's writer was expected not to flush", second)
	}
}

// TestTimeoutHijacks upgrades a connection through Timeout and echoes a
// line over it.
func TestTimeoutHijacks(t *testing.T) {
	srv := httptest.NewServer(Timeout(time.Minute)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer conn.Close()
		brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n")
		brw.Flush()
		line, _ := brw.ReadString('\n')
		brw.WriteString(line)
		brw.Flush()
	})))
	defer srv.Close()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "GET / HTTP/1.1\r\nHost: x\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n")
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		body, _ := io.ReadAll(resp.Body)
		t.Fatalf("status %d %q, want 101", resp.StatusCode, body)
	}
	fmt.Fprintf(conn, "ping\n")
	if line, err := br.ReadString('\n'); line != "ping\n" {
		t.Errorf("echo = %q, %v; want \"ping\\n\"", line, err)
	}
}

// TestTimeoutOverTheNetwork: a real client gets the 503.
func TestTimeoutOverTheNetwork(t *testing.T) {
	srv := httptest.NewServer(Timeout(20 * time.Millisecond)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done()
	})))
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("got %d %q, want 503", resp.StatusCode, body)
	}
}

func ExampleTimeout() {
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(time.Minute): // the work, if it had the time
			io.WriteString(w, "done\n")
		case <-r.Context().Done(): // Timeout's deadline: give up, write nothing
		}
	})
	h := Timeout(10 * time.Millisecond)(slow)

	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/report", nil))
	fmt.Print(w.Code, " ", w.Body)
	// Output: 503 503 service unavailable: the request timed out
}

// TestTimeoutKeepsThePattern: a log around Timeout reads the route from
// the request it passed on, after the router set it on Timeout's copy.
func TestTimeoutKeepsThePattern(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(http.ResponseWriter, *http.Request) {})
	mux.HandleFunc("GET /boom", func(http.ResponseWriter, *http.Request) { panic("boom") })
	h := Timeout(time.Minute)(mux)
	for _, target := range []string{"/items/7", "/boom"} {
		r := httptest.NewRequest("GET", target, nil)
		func() {
			defer func() { recover() }()
			h.ServeHTTP(httptest.NewRecorder(), r)
		}()
		if want := "GET " + strings.Replace(target, "7", "{id}", 1); r.Pattern != want {
			t.Errorf("GET %s: the outer request's Pattern = %q, want %q", target, r.Pattern, want)
		}
	}
}
