package middleware

// The integration test of the chapter: a velocy router behind the whole
// stack of lesson 7.12, served over a real connection, talked to by a real
// client. Each middleware has its own tests; this one is for the bugs that
// live between them: a layer that hides Hijack or buffers a stream, a
// route lost on the way back out, a panic that the log does not explain.

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
)

// stackApp is the application under test and what it shares with the test.
type stackApp struct {
	srv     *httptest.Server
	release chan struct{} // closed by the test: the SSE handler sends its second event
}

// newStackApp builds the stack around a velocy router and serves it.
func newStackApp(t *testing.T) *stackApp {
	t.Helper()
	app := &stackApp{release: make(chan struct{})}
	r := velocy.New()
	r.Use(
		SecureHeaders(SecureOptions{}),
		LimitHeaders(100, 0),
		Timeout(10*time.Second),
	)
	r.Get("/ws", stackEcho)
	r.Get("/events", app.events)
	r.Get("/app/boom/{n}", stackBoom)
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

// events sends one event, waits until the test has read it and closes
// app.release, then sends a second one.
func (app *stackApp) events(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	io.WriteString(w, "data: one\n\n")
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

// stackBoom panics, deep inside every layer of the stack.
func stackBoom(w http.ResponseWriter, r *http.Request) {
	panic(fmt.Sprintf("boom %s", r.PathValue("n")))
}

// TestStackHijack dials the server, upgrades by hand and echoes through
// every layer of the stack.
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
		"Accept-Encoding: gzip\r\nOrigin: https://app.example\r\n\r\n")
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
}

// TestStackStreams reads the first event while the handler is still
// blocked: only a stack that flushes all the way lets it through.
func TestStackStreams(t *testing.T) {
	app := newStackApp(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", app.srv.URL+"/events", nil)
	resp, err := app.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if got := resp.Header.Get("X-Frame-Options"); got != "DENY" {
		t.Errorf("the stream's X-Frame-Options = %q, want DENY", got)
	}
	br := bufio.NewReader(resp.Body)
	first, err := br.ReadString('\n')
	if err != nil || first != "data: one\n" {
		t.Fatalf("first line = %q, %v; want \"data: one\" before the handler goes on: a layer buffers the stream", first, err)
	}
	close(app.release)
	rest, err := io.ReadAll(br)
	if err != nil || string(rest) != "\ndata: two\n\n" {
		t.Fatalf("rest of the stream = %q, %v; want \"\\ndata: two\\n\\n\"", rest, err)
	}
}

// TestStackPanic: a panic deep in the stack is a 500 for the client.
func TestStackPanic(t *testing.T) {
	t.Skip("needs Recover (ch07-obs)")
}
