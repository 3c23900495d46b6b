package middleware

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// panicking returns a handler that panics with v.
func panicking(v any) http.Handler {
	return http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(v) })
}

// recoverPanicOf calls f and returns the value it panics with, nil if none.
func recoverPanicOf(f func()) (v any) {
	defer func() { v = recover() }()
	f()
	return nil
}

func TestRecoverAnswers500WithoutDetails(t *testing.T) {
	var logs obsLog
	h := Recover(logs.logger())(panicking("db password is hunter2"))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("POST", "/orders/7", nil))

	if w.Code != 500 {
		t.Errorf("status %d, want 500", w.Code)
	}
	body := w.Body.String()
	if body != "Internal Server Error\n" {
		t.Errorf("body %q, want %q", body, "Internal Server Error\n")
	}
	if ct := w.Header().Get("Content-Type"); ct != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type %q, want text/plain; charset=utf-8", ct)
	}
	if got := w.Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("X-Content-Type-Options %q, want nosniff", got)
	}
	rec := logs.only(t)
	want := map[string]any{"level": "ERROR", "msg": "panic", "panic": "db password is hunter2", "method": "POST", "path": "/orders/7"}
	for k, v := range want {
		if rec[k] != v {
			t.Errorf("log %s = %v, want %v", k, rec[k], v)
		}
	}
	stack, _ := rec["stack"].(string)
	if !strings.Contains(stack, "recover_test.go") || !strings.Contains(stack, "panicking") {
		t.Errorf("log stack does not show where the panic happened:\n%s", stack)
	}
	if _, ok := rec["request_id"]; ok {
		t.Errorf("log has a request_id without RequestID: %v", rec)
	}
	if _, ok := rec["header_sent"]; ok {
		t.Errorf("log says header_sent for a panic before the header: %v", rec)
	}
}

func TestRecoverDropsTheHandlersContentHeaders(t *testing.T) {
	h := Recover(slog.New(slog.DiscardHandler))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "1234")
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("X-Request-Id", "kept")
		panic("boom")
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	for _, k := range []string{"Content-Length", "Content-Encoding", "Etag"} {
		if v := w.Header().Get(k); v != "" {
			t.Errorf("500 still has the handler's %s: %q", k, v)
		}
	}
	if got := w.Header().Get("Content-Type"); got != "text/plain; charset=utf-8" {
		t.Errorf("Content-Type %q, want text/plain", got)
	}
	if got := w.Header().Get("X-Request-Id"); got != "kept" {
		t.Errorf("X-Request-Id %q, want it kept", got)
	}
}

func TestRecoverPanicValues(t *testing.T) {
	for _, v := range []any{errors.New("an error"), 42, struct{ A int }{1}, nil} {
		var logs obsLog
		h := Recover(logs.logger())(panicking(v))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
		if w.Code != 500 {
			t.Errorf("panic(%#v): status %d, want 500", v, w.Code)
		}
		if rec := logs.only(t); rec["panic"] == nil {
			t.Errorf("panic(%#v): log has no panic value: %v", v, rec)
		}
	}
}

func TestRecoverRepanicsErrAbortHandler(t *testing.T) {
	wrapped := fmt.Errorf("client gone: %w", http.ErrAbortHandler)
	for _, v := range []any{http.ErrAbortHandler, wrapped} {
		var logs obsLog
		h := Recover(logs.logger())(panicking(v))
		w := httptest.NewRecorder()
		got := recoverPanicOf(func() { h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil)) })
		if got != v {
			t.Errorf("panic(%v): Recover panicked with %v, want the same value again", v, got)
		}
		if logs.text() != "" {
			t.Errorf("panic(%v) was logged: %s", v, logs.text())
		}
		if w.Code != 200 || w.Body.Len() != 0 || w.Header().Get("Content-Type") != "" {
			t.Errorf("panic(%v): Recover wrote a response (%d %q)", v, w.Code, w.Body)
		}
	}
}

func TestRecoverAfterHeaderAborts(t *testing.T) {
	for _, name := range []string{"WriteHeader", "Write", "Flush"} {
		var logs obsLog
		h := Recover(logs.logger())(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch name {
			case "WriteHeader":
				w.WriteHeader(http.StatusAccepted)
			case "Write":
				io.WriteString(w, "half a bo")
			case "Flush":
				w.(http.Flusher).Flush()
			}
			panic("late")
		}))
		w := httptest.NewRecorder()
		got := recoverPanicOf(func() { h.ServeHTTP(w, httptest.NewRequest("GET", "/x", nil)) })
		if got != http.ErrAbortHandler {
			t.Errorf("panic after %s: Recover panicked with %v, want http.ErrAbortHandler", name, got)
		}
		if w.Code == 500 || strings.Contains(w.Body.String(), "Internal") {
			t.Errorf("panic after %s: Recover wrote a second answer: %d %q", name, w.Code, w.Body)
		}
		rec := logs.only(t)
		if rec["panic"] != "late" || rec["header_sent"] != true || rec["level"] != "ERROR" {
			t.Errorf("panic after %s: log %v, want panic=late header_sent=true at ERROR", name, rec)
		}
	}
}

// TestRecoverAbortReachesTheClient runs a real server: a chunked response
// that a panic interrupts must reach the client as an error, not as a
// complete, shorter body.
func TestRecoverAbortReachesTheClient(t *testing.T) {
	var logs, serverLog obsLog
	mux := http.NewServeMux()
	mux.HandleFunc("/stream", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "first chunk\n")
		w.(http.Flusher).Flush()
		panic("lost the database")
	})
	mux.HandleFunc("/early", func(w http.ResponseWriter, r *http.Request) { panic("early") })
	srv := httptest.NewUnstartedServer(Recover(logs.logger())(mux))
	srv.Config.ErrorLog = log.New(&serverLog, "", 0)
	srv.Start()
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 10 * time.Second

	resp, err := client.Get(srv.URL + "/stream")
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "first chunk\n" {
		t.Errorf("got %d %q before the cut, want 200 \"first chunk\\n\"", resp.StatusCode, body)
	}
	if !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("reading the cut body: error %v, want io.ErrUnexpectedEOF (the client must see the body is incomplete)", err)
	}

	resp, err = client.Get(srv.URL + "/early")
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 500 || string(body) != "Internal Server Error\n" {
		t.Errorf("panic before the header: %d %q, want 500 Internal Server Error", resp.StatusCode, body)
	}

	if s := serverLog.text(); s != "" {
		t.Errorf("net/http logged %q: the abort should be silent", s)
	}
	if recs := logs.records(t); len(recs) != 2 || recs[0]["panic"] != "lost the database" || recs[1]["panic"] != "early" {
		t.Errorf("Recover logged %v, want the two panics", recs)
	}
}

func TestRecoverAfterHijackAborts(t *testing.T) {
	var logs obsLog
	done := make(chan struct{}) // closed once Recover is done with the panic
	outer := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer close(done)
			next.ServeHTTP(w, r)
		})
	}
	srv := httptest.NewServer(Chain(outer, Recover(logs.logger()))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		conn, brw, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		brw.WriteString("HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\nConnection: Upgrade\r\n\r\n")
		brw.Flush()
		panic("after hijack")
	})))
	defer srv.Close()
	c, err := net.DialTimeout("tcp", srv.Listener.Addr().String(), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	io.WriteString(c, "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: x\r\n\r\n")
	all, _ := io.ReadAll(bufio.NewReader(c))
	if strings.Contains(string(all), "500") {
		t.Errorf("after a hijack, Recover wrote a 500 into the connection: %q", all)
	}
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the handler did not finish")
	}
	if rec := logs.only(t); rec["header_sent"] != true {
		t.Errorf("log %v, want header_sent=true", rec)
	}
}

func TestRecoverNilLoggerUsesDefault(t *testing.T) {
	var logs obsLog
	old := slog.Default()
	slog.SetDefault(logs.logger())
	defer slog.SetDefault(old)
	w := httptest.NewRecorder()
	Recover(nil)(panicking("to the default")).ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if rec := logs.only(t); rec["panic"] != "to the default" {
		t.Errorf("slog.Default() got %v, want the panic", rec)
	}
}

func TestRecoverLogsTheRequestID(t *testing.T) {
	var logs obsLog
	h := Chain(RequestID(RequestIDOptions{}), Recover(logs.logger()))(panicking("x"))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	id := w.Header().Get("X-Request-Id")
	if rec := logs.only(t); id == "" || rec["request_id"] != id {
		t.Errorf("log request_id %v, response header %q: want them equal", rec["request_id"], id)
	}
}

func TestRecoverPassesThrough(t *testing.T) {
	var logs obsLog
	h := Recover(logs.logger())(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
		io.WriteString(w, "fine")
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if w.Code != http.StatusTeapot || w.Body.String() != "fine" || logs.text() != "" {
		t.Errorf("got %d %q and log %q, want 418 \"fine\" and no log", w.Code, w.Body, logs.text())
	}
}
