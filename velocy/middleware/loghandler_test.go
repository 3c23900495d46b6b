package middleware

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"testing/slogtest"
)

// withRequestID returns ctx carrying id, as RequestID leaves it.
func withRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// slogtestResults decodes the JSON lines of buf for slogtest.
func slogtestResults(t *testing.T, buf *bytes.Buffer) []map[string]any {
	var ms []map[string]any
	for line := range bytes.Lines(buf.Bytes()) {
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatal(err)
		}
		ms = append(ms, m)
	}
	return ms
}

func TestContextHandlerSlogtestWithoutID(t *testing.T) {
	var buf bytes.Buffer
	h := ContextHandler(slog.NewJSONHandler(&buf, nil))
	if err := slogtest.TestHandler(h, func() []map[string]any { return slogtestResults(t, &buf) }); err != nil {
		t.Error(err)
	}
}

// ctxInjector hands every record to h with a context that carries a
// request id, the way logger.InfoContext(r.Context(), ...) would.
type ctxInjector struct {
	h  slog.Handler
	id string
}

func (c ctxInjector) Enabled(ctx context.Context, l slog.Level) bool { return c.h.Enabled(ctx, l) }
func (c ctxInjector) Handle(ctx context.Context, r slog.Record) error {
	return c.h.Handle(withRequestID(ctx, c.id), r)
}
func (c ctxInjector) WithAttrs(as []slog.Attr) slog.Handler {
	return ctxInjector{c.h.WithAttrs(as), c.id}
}
func (c ctxInjector) WithGroup(name string) slog.Handler {
	return ctxInjector{c.h.WithGroup(name), c.id}
}

// TestContextHandlerSlogtestWithID runs slogtest with an id in every
// context: each record must carry it at the top level, and otherwise be
// what slogtest expects.
func TestContextHandlerSlogtestWithID(t *testing.T) {
	var buf bytes.Buffer
	h := ctxInjector{ContextHandler(slog.NewJSONHandler(&buf, nil)), "req-1"}
	results := func() []map[string]any {
		ms := slogtestResults(t, &buf)
		for i, m := range ms {
			if m["request_id"] != "req-1" {
				t.Errorf("record %d: request_id %v at the top level, want req-1: %v", i, m["request_id"], m)
			}
			delete(m, "request_id")
		}
		return ms
	}
	if err := slogtest.TestHandler(h, results); err != nil {
		t.Error(err)
	}
}

func TestContextHandlerAddsTheID(t *testing.T) {
	var logs obsLog
	logger := slog.New(ContextHandler(logs.handler()))
	ctx := withRequestID(context.Background(), "abc")
	logger.InfoContext(ctx, "with", "k", 1)
	logger.Info("without")
	logger.InfoContext(context.Background(), "no id")
	want := []string{
		`{"level":"INFO","msg":"with","k":1,"request_id":"abc"}`,
		`{"level":"INFO","msg":"without"}`,
		`{"level":"INFO","msg":"no id"}`,
	}
	if got := strings.Split(strings.TrimSpace(logs.text()), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestContextHandlerKeepsTheIDOutOfGroups(t *testing.T) {
	var logs obsLog
	logger := slog.New(ContextHandler(logs.handler())).With("app", "shop")
	db := logger.WithGroup("db").With("table", "orders").WithGroup("q")
	ctx := withRequestID(context.Background(), "abc")
	db.InfoContext(ctx, "slow", "ms", 30)
	db.InfoContext(context.Background(), "slow", "ms", 31)
	logger.WithGroup("empty").InfoContext(ctx, "nothing in the group")
	want := []string{
		`{"level":"INFO","msg":"slow","app":"shop","request_id":"abc","db":{"table":"orders","q":{"ms":30}}}`,
		`{"level":"INFO","msg":"slow","app":"shop","db":{"table":"orders","q":{"ms":31}}}`,
		`{"level":"INFO","msg":"nothing in the group","app":"shop","request_id":"abc"}`,
	}
	if got := strings.Split(strings.TrimSpace(logs.text()), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestContextHandlerNoDuplicateID(t *testing.T) {
	var logs obsLog
	logger := slog.New(ContextHandler(logs.handler()))
	ctx := withRequestID(context.Background(), "abc")
	logger.InfoContext(ctx, "own", "request_id", "abc")
	logger.With("request_id", "preset").InfoContext(ctx, "preset")
	logger.With("request_id", "preset").WithGroup("g").InfoContext(ctx, "preset in group", "k", 1)
	for i, line := range strings.Split(strings.TrimSpace(logs.text()), "\n") {
		if n := strings.Count(line, `"request_id"`); n != 1 {
			t.Errorf("record %d has request_id %d times: %s", i, n, line)
		}
	}
}

// TestContextHandlerInHandlers: a handler behind RequestID logs with its
// request's context and the record names the request.
func TestContextHandlerInHandlers(t *testing.T) {
	var logs obsLog
	logger := slog.New(ContextHandler(logs.handler()))
	h := RequestID(RequestIDOptions{})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		logger.InfoContext(r.Context(), "in the handler")
	}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	if rec := logs.only(t); rec["request_id"] != w.Header().Get("X-Request-Id") {
		t.Errorf("record request_id %v, response id %q", rec["request_id"], w.Header().Get("X-Request-Id"))
	}
}

func TestContextHandlerEnabled(t *testing.T) {
	h := ContextHandler(slog.NewTextHandler(&bytes.Buffer{}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if h.Enabled(context.Background(), slog.LevelInfo) || !h.Enabled(context.Background(), slog.LevelError) {
		t.Error("Enabled does not follow the wrapped handler's level")
	}
}

func TestContextHandlerNil(t *testing.T) {
	if v := recoverPanicOf(func() { ContextHandler(nil) }); v == nil {
		t.Error("ContextHandler(nil) did not panic")
	}
}

// TestContextHandlerConcurrent shares loggers made by With and WithGroup
// between goroutines (run it with -race).
func TestContextHandlerConcurrent(t *testing.T) {
	var logs obsLog
	base := slog.New(ContextHandler(logs.handler())).WithGroup("g")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			l := base.With("worker", i).WithGroup("inner")
			for range 50 {
				l.InfoContext(withRequestID(context.Background(), "id"), "m", "k", 1)
			}
		})
	}
	wg.Wait()
	for _, rec := range logs.records(t) {
		if rec["request_id"] != "id" {
			t.Fatalf("record without its id: %v", rec)
		}
	}
}

// nopHandler is enabled at every level and drops every record.
type nopHandler struct{}

func (nopHandler) Enabled(context.Context, slog.Level) bool  { return true }
func (nopHandler) Handle(context.Context, slog.Record) error { return nil }
func (h nopHandler) WithAttrs([]slog.Attr) slog.Handler      { return h }
func (h nopHandler) WithGroup(string) slog.Handler           { return h }

func BenchmarkContextHandler(b *testing.B) {
	logger := slog.New(ContextHandler(nopHandler{}))
	ctx := withRequestID(context.Background(), "abcdefghijklmnop")
	b.ReportAllocs()
	for b.Loop() {
		logger.InfoContext(ctx, "m", "a", 1, "b", 2)
	}
}
