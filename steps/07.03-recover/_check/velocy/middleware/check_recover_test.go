package middleware

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// recoverCheckLog is an io.Writer that keeps JSON log records.
type recoverCheckLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *recoverCheckLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *recoverCheckLog) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(l, nil))
}

// text returns what was logged so far.
func (l *recoverCheckLog) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// records decodes the records logged so far.
func (l *recoverCheckLog) records(t *testing.T) []map[string]any {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	var recs []map[string]any
	for line := range strings.Lines(l.buf.String()) {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		recs = append(recs, m)
	}
	return recs
}

// recoverCheckServe serves req with h and returns the response and what
// escaped h as a panic (nil if nothing did).
func recoverCheckServe(h http.Handler, req *http.Request) (w *httptest.ResponseRecorder, escaped any) {
	w = httptest.NewRecorder()
	defer func() { escaped = recover() }()
	h.ServeHTTP(w, req)
	return w, nil
}

func TestRecoverWrites500(t *testing.T) {
	secret := fmt.Sprintf("password %d is wrong", rand.IntN(1e9))
	h := Recover(slog.New(slog.DiscardHandler))(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "1834")
		panic(secret)
	}))
	w, escaped := recoverCheckServe(h, httptest.NewRequest("GET", "/", nil))
	if escaped != nil {
		t.Fatalf("the panic %q went through Recover: recover it in a deferred function", escaped)
	}
	if w.Code != http.StatusInternalServerError {
		t.Errorf("status %d after a panic, want 500", w.Code)
	}
	if body := w.Body.String(); body == "" || strings.Contains(body, secret) || strings.Contains(body, "goroutine") {
		t.Errorf("body %q: want a short message that says nothing about the panic", body)
	}
	if ct := w.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("Content-Type %q, want text/plain: the handler's application/json described a body that never came", ct)
	}
	if cl := w.Header().Get("Content-Length"); cl == "1834" {
		t.Error("the handler's Content-Length: 1834 is still set: delete the headers that described its body")
	}
}

func TestRecoverLogsPanicAndStack(t *testing.T) {
	var logs recoverCheckLog
	msg := fmt.Sprintf("nil map %d", rand.IntN(1e9))
	path := fmt.Sprintf("/orders/%d", rand.IntN(1e6))
	h := Recover(logs.logger())(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(msg) }))
	if _, escaped := recoverCheckServe(h, httptest.NewRequest("POST", path, nil)); escaped != nil {
		t.Fatalf("the panic %q went through Recover", escaped)
	}
	recs := logs.records(t)
	if len(recs) != 1 {
		t.Fatalf("Recover logged %d records, want 1", len(recs))
	}
	rec := recs[0]
	want := map[string]any{"level": "ERROR", "msg": "panic", "panic": msg, "method": "POST", "path": path}
	for k, v := range want {
		if rec[k] != v {
			t.Errorf("log record %s = %v, want %v", k, rec[k], v)
		}
	}
	if stack, _ := rec["stack"].(string); !strings.Contains(stack, "check_recover_test.go") {
		t.Errorf("log record stack %.200q...: want the stack from debug.Stack(), taken in the deferred function, which names the function that panicked", stack)
	}
}

func TestRecoverRepanicsErrAbortHandler(t *testing.T) {
	var logs recoverCheckLog
	mw := Recover(logs.logger())
	plain := mw(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("plain") }))
	if _, escaped := recoverCheckServe(plain, httptest.NewRequest("GET", "/", nil)); escaped != nil {
		t.Fatalf("the panic %q went through Recover", escaped)
	}
	wrapped := fmt.Errorf("stream %d: %w", rand.IntN(100), http.ErrAbortHandler)
	for _, v := range []error{http.ErrAbortHandler, wrapped} {
		before := len(logs.records(t))
		h := mw(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(v) }))
		w, escaped := recoverCheckServe(h, httptest.NewRequest("GET", "/", nil))
		if escaped != v {
			t.Errorf("panic(%v): Recover let %v escape, want the same value panicked again: net/http uses it to drop the connection quietly", v, escaped)
		}
		if w.Code == http.StatusInternalServerError {
			t.Errorf("panic(%v): Recover answered 500; it must not answer at all", v)
		}
		if after := len(logs.records(t)); after != before {
			t.Errorf("panic(%v) was logged: it is not an error", v)
		}
	}
}

func TestRecoverNilLoggerIsDefault(t *testing.T) {
	var logs recoverCheckLog
	old := slog.Default()
	slog.SetDefault(logs.logger())
	defer slog.SetDefault(old)
	msg := fmt.Sprintf("to the default %d", rand.IntN(1e9))
	h := Recover(nil)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic(msg) }))
	if _, escaped := recoverCheckServe(h, httptest.NewRequest("GET", "/", nil)); escaped != nil {
		t.Fatalf("Recover(nil): the panic %q went through", escaped)
	}
	recs := logs.records(t)
	if len(recs) != 1 {
		t.Fatalf("Recover(nil) logged %d records to slog.Default(), want 1: use slog.Default() when logger is nil", len(recs))
	}
	if recs[0]["panic"] != msg {
		t.Errorf("Recover(nil) logged panic=%v, want %q", recs[0]["panic"], msg)
	}
}
