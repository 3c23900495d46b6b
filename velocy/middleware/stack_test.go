package middleware

// The integration test of the chapter: a velocy router behind the whole
// stack of lesson 7.12, served over a real connection, talked to by a real
// client. Each middleware has its own tests; this one is for the bugs that
// live between them: a layer that hides Hijack or buffers a stream, a
// route lost on the way back out, a panic that the log does not explain.

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
)

// stackApp is the application under test and what it shares with the test.
type stackApp struct {
	srv     *httptest.Server
	log     *stackLog
	release chan struct{} // closed by the test: the SSE handler sends its second event
}

// stackOrigin is the one origin CORS allows.
const stackOrigin = "https://app.example"

// newStackApp builds the stack of lesson 7.12 around a velocy router and
// serves it.
func newStackApp(t *testing.T) *stackApp {
	t.Helper()
	app := &stackApp{log: newStackLog(), release: make(chan struct{})}
	logger := slog.New(ContextHandler(slog.NewJSONHandler(app.log, nil)))
	r := velocy.New()
	r.Use(
		RequestID(RequestIDOptions{}),
		ClientIP(ClientIPOptions{}),
		AccessLog(logger),
		Recover(logger),
		SecureHeaders(SecureOptions{}),
		Compress(CompressOptions{}),
		CORS(CORSOptions{AllowedOrigins: []string{stackOrigin}}),
		LimitHeaders(100, 0),
		MaxBodyBytes(1<<20),
		Timeout(10*time.Second),
	)
	r.Get("/ws", stackEcho)
	r.Get("/events", app.events)
	r.With(Timeout(50*time.Millisecond)).Get("/slow", stackSlow)
	r.Group("/app", func(g *velocy.Router) {
		g.Use(Sessions(SessionOptions{Store: NewMemoryStore(100), Insecure: true, Logger: logger}))
		g.Get("/visits", stackVisits)
		g.Get("/boom/{n}", stackBoom)
	})
	app.srv = httptest.NewServer(r)
	t.Cleanup(app.srv.Close)
	return app
}

// stackEcho upgrades the connection by hand, as a websocket library would:
// it hijacks it, writes the 101 itself, and echoes lines until "bye".
func stackEcho(w http.ResponseWriter, r *http.Request) {
	if !strings.EqualFold(r.Header.Get("Upgrade"), "echo") {
		http.Error(w, "426 upgrade required", http.StatusUpgradeRequired)
		return
	}
	conn, brw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		http.Error(w, "cannot hijack: "+err.Error(), http.StatusInternalServerError)
		return
	}
	defer conn.Close()
	brw.WriteString("HTTP/1.1 101 Switching Protocols\r\n" +
		"Upgrade: echo\r\nConnection: Upgrade\r\n\r\n")
	brw.Flush()
	for {
		line, err := brw.ReadString('\n')
		if err != nil {
			return
		}
		brw.WriteString(line)
		brw.Flush()
		if line == "bye\n" {
			return
		}
	}
}

// stackBigEvent is the first event: over Compress's MinSize, so that it is
// compressed, and the flush must go through gzip too.
var stackBigEvent = "data: " + strings.Repeat("tick ", 400) + "\n\n"

// events sends one event, waits until the test has read it and closes
// app.release, then sends a second one.
func (app *stackApp) events(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	io.WriteString(w, stackBigEvent)
	if err := http.NewResponseController(w).Flush(); err != nil {
		io.WriteString(w, "data: cannot flush: "+err.Error()+"\n\n")
		return
	}
	select {
	case <-app.release:
	case <-r.Context().Done():
		return
	}
	io.WriteString(w, "data: two\n\n")
}

// stackSlow waits for its context, as a database query would.
func stackSlow(w http.ResponseWriter, r *http.Request) {
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
		io.WriteString(w, "the deadline never came\n")
	}
}

// stackVisits counts the visits of a session.
func stackVisits(w http.ResponseWriter, r *http.Request) {
	s := SessionFrom(r.Context())
	v, _ := s.Get("visits")
	n, _ := strconv.Atoi(v)
	s.Set("visits", strconv.Itoa(n+1))
	fmt.Fprintf(w, "visit %d\n", n+1)
}

// stackBoom panics, deep inside every layer of the stack.
func stackBoom(w http.ResponseWriter, r *http.Request) {
	panic(fmt.Sprintf("boom %s", r.PathValue("n")))
}

// stackLog is the log: JSON lines in a buffer that the server's goroutines
// write and the test reads, with a signal at each write so that the test
// can wait for a record without sleeping.
type stackLog struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	wrote chan struct{}
}

func newStackLog() *stackLog { return &stackLog{wrote: make(chan struct{}, 1)} }

func (l *stackLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	n, err := l.buf.Write(p)
	l.mu.Unlock()
	select {
	case l.wrote <- struct{}{}:
	default:
	}
	return n, err
}

func (l *stackLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// waitFor returns the first record whose fields include want, waiting up
// to 10 seconds for it to be written.
func (l *stackLog) waitFor(t *testing.T, want map[string]any) map[string]any {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		for line := range strings.Lines(l.String()) {
			var rec map[string]any
			if err := json.Unmarshal([]byte(line), &rec); err != nil {
				t.Fatalf("a log line that is not JSON: %q: %v", line, err)
			}
			if stackHas(rec, want) {
				return rec
			}
		}
		select {
		case <-l.wrote:
		case <-deadline:
			t.Fatalf("no log record with %v; the log:\n%s", want, l)
		}
	}
}

// stackHas reports whether rec has every field of want, numbers compared
// as JSON decodes them.
func stackHas(rec, want map[string]any) bool {
	for k, v := range want {
		if n, ok := v.(int); ok {
			v = float64(n)
		}
		if rec[k] != v {
			return false
		}
	}
	return true
}

// TestStackHijack dials the server, upgrades by hand and echoes through
// every layer of the stack; the access log then holds the upgrade.
func TestStackHijack(t *testing.T) {
	app := newStackApp(t)
	conn, err := net.Dial("tcp", app.srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprint(conn, "GET /ws HTTP/1.1\r\nHost: stack.test\r\n"+
		"Connection: Upgrade\r\nUpgrade: echo\r\n"+
		"Accept-Encoding: gzip\r\nOrigin: "+stackOrigin+"\r\n\r\n")
	br := bufio.NewReader(conn)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("reading the upgrade's answer: %v", err)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		body, _ := io.ReadAll(resp.Body)
		t.Fatalf("upgrade: %s %q, want 101: a layer of the stack hides Hijack", resp.Status, body)
	}
	for _, msg := range []string{"hello\n", "through the stack\n", "bye\n"} {
		fmt.Fprint(conn, msg)
		got, err := br.ReadString('\n')
		if got != msg {
			t.Fatalf("echo of %q = %q, %v", msg, got, err)
		}
	}
	rec := app.log.waitFor(t, map[string]any{"msg": "request", "route": "/ws"})
	if !stackHas(rec, map[string]any{"status": 101, "bytes": 0, "method": "GET"}) || rec["request_id"] == "" {
		t.Errorf("access record of the upgrade = %v, want status 101, 0 bytes and a request id", rec)
	}
}

// stackCounter counts the bytes read through it.
type stackCounter struct {
	r io.Reader
	n int64
}

func (c *stackCounter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// TestStackStreams reads the first event while the handler is still
// blocked: only a stack that flushes all the way, through gzip, lets it
// through. The access log then counts the bytes that crossed the wire.
func TestStackStreams(t *testing.T) {
	app := newStackApp(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", app.srv.URL+"/events", nil)
	req.Header.Set("Accept-Encoding", "gzip") // set by hand: the client leaves the body compressed
	resp, err := app.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if got := resp.Header.Get("X-Frame-Options"); got != "DENY" {
		t.Errorf("the stream's X-Frame-Options = %q, want DENY", got)
	}
	wire := &stackCounter{r: resp.Body}
	var body io.Reader = wire
	if ce := resp.Header.Get("Content-Encoding"); ce != "gzip" {
		t.Errorf("Content-Encoding = %q, want gzip: the first event is %d bytes", ce, len(stackBigEvent))
	} else if body, err = gzip.NewReader(wire); err != nil {
		t.Fatalf("gzip: %v", err)
	}
	br := bufio.NewReader(body)
	first := make([]byte, len(stackBigEvent))
	if _, err := io.ReadFull(br, first); err != nil || string(first) != stackBigEvent {
		t.Fatalf("first event = %.40q..., %v; want it whole before the handler goes on: a layer buffers the stream", first, err)
	}
	close(app.release)
	rest, err := io.ReadAll(br)
	if err != nil || string(rest) != "data: two\n\n" {
		t.Fatalf("rest of the stream = %q, %v; want \"data: two\\n\\n\"", rest, err)
	}
	rec := app.log.waitFor(t, map[string]any{"msg": "request", "route": "/events"})
	if !stackHas(rec, map[string]any{"status": 200, "bytes": int(wire.n)}) {
		t.Errorf("access record of the stream = %v, want status 200 and %d bytes, as many as crossed the wire", rec, wire.n)
	}
}

// TestStackPanic: a panic deep in the stack is a 500 that keeps the
// security headers and the request id; the log has the panic, with the
// stack that leads to it, and the access record.
func TestStackPanic(t *testing.T) {
	app := newStackApp(t)
	resp, err := app.srv.Client().Get(app.srv.URL + "/app/boom/7")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusInternalServerError || strings.Contains(string(body), "boom") {
		t.Fatalf("a panic: %s %q, want 500 and a body that says nothing of the panic", resp.Status, body)
	}
	id := resp.Header.Get("X-Request-Id")
	if id == "" || resp.Header.Get("X-Frame-Options") != "DENY" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("the 500's header = %v, want the request id and the security headers", resp.Header)
	}
	rec := app.log.waitFor(t, map[string]any{"msg": "panic", "request_id": id})
	stack, _ := rec["stack"].(string)
	if rec["panic"] != "boom 7" || !strings.Contains(stack, "stackBoom") || !strings.Contains(stack, "velocy") {
		t.Errorf("panic record = %v, want panic \"boom 7\" and a stack through velocy down to stackBoom", rec)
	}
	rec = app.log.waitFor(t, map[string]any{"msg": "request", "request_id": id})
	if !stackHas(rec, map[string]any{"route": "/app/boom/{n}", "status": 500, "level": "ERROR"}) {
		t.Errorf("access record of the panic = %v, want route /app/boom/{n}, status 500, level ERROR", rec)
	}
}

// TestStackSessions: a session lives across requests, behind the stack;
// the access log still has the route of a group route.
func TestStackSessions(t *testing.T) {
	app := newStackApp(t)
	jar, _ := cookiejar.New(nil)
	client := app.srv.Client()
	client.Jar = jar
	for want := 1; want <= 3; want++ {
		resp, err := client.Get(app.srv.URL + "/app/visits")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if got := strings.TrimSpace(string(body)); got != fmt.Sprintf("visit %d", want) {
			t.Fatalf("visit %d: %q", want, got)
		}
	}
	app.log.waitFor(t, map[string]any{"msg": "request", "route": "/app/visits", "status": 200, "bytes": len("visit 3\n")})
}

// TestStackPreflight: CORS answers a preflight before anything that would
// ask for credentials, with the security headers on, and it is logged.
func TestStackPreflight(t *testing.T) {
	app := newStackApp(t)
	req, _ := http.NewRequest("OPTIONS", app.srv.URL+"/app/visits", nil)
	req.Header.Set("Origin", stackOrigin)
	req.Header.Set("Access-Control-Request-Method", "GET")
	resp, err := app.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent || resp.Header.Get("Access-Control-Allow-Origin") != stackOrigin {
		t.Fatalf("preflight: %s, header %v; want 204 allowing %s", resp.Status, resp.Header, stackOrigin)
	}
	if resp.Header.Get("X-Frame-Options") != "DENY" || resp.Header.Get("Set-Cookie") != "" {
		t.Errorf("preflight header %v: want the security headers and no session cookie", resp.Header)
	}
	app.log.waitFor(t, map[string]any{"msg": "request", "method": "OPTIONS", "status": 204})
}

// TestStackTimeout: a handler that gives up at its deadline gets a 503,
// and the access log, outside Timeout, records the 503 the client got.
func TestStackTimeout(t *testing.T) {
	app := newStackApp(t)
	resp, err := app.srv.Client().Get(app.srv.URL + "/slow")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("GET /slow: %s, want 503", resp.Status)
	}
	app.log.waitFor(t, map[string]any{"msg": "request", "route": "/slow", "status": 503, "level": "ERROR"})
}

// TestStackHeaderLimit: 101 header fields are refused with a 431 that
// carries the security headers and is logged.
func TestStackHeaderLimit(t *testing.T) {
	app := newStackApp(t)
	req, _ := http.NewRequest("GET", app.srv.URL+"/app/visits", nil)
	for i := range 101 {
		req.Header.Set(fmt.Sprintf("X-F%d", i), "1")
	}
	resp, err := app.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge || resp.Header.Get("X-Frame-Options") != "DENY" {
		t.Fatalf("101 fields: %s, header %v; want 431 with the security headers", resp.Status, resp.Header)
	}
	app.log.waitFor(t, map[string]any{"msg": "request", "path": "/app/visits", "status": 431})
}

// TestStackBodyLimit: a body announced larger than MaxBodyBytes allows is
// refused with a 413 before a byte of it is read, with the security
// headers on, and logged. The client sends only the header, so that the
// answer cannot race a body the server never reads.
func TestStackBodyLimit(t *testing.T) {
	app := newStackApp(t)
	conn, err := net.Dial("tcp", app.srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "POST /app/visits HTTP/1.1\r\nHost: stack.test\r\n"+
		"Content-Type: application/json\r\nContent-Length: %d\r\n\r\n", 1<<20+1)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatalf("reading the answer: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge || resp.Header.Get("X-Frame-Options") != "DENY" {
		t.Fatalf("a body of 1 MiB + 1: %s, header %v; want 413 with the security headers", resp.Status, resp.Header)
	}
	app.log.waitFor(t, map[string]any{"msg": "request", "method": "POST", "status": 413})
}
