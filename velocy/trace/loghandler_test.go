package trace

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/slogtest"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// jsonLines decodes the JSON records in buf.
func jsonLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var ms []map[string]any
	for line := range bytes.Lines(buf.Bytes()) {
		var m map[string]any
		if err := json.Unmarshal(line, &m); err != nil {
			t.Fatalf("%v in %s", err, line)
		}
		ms = append(ms, m)
	}
	return ms
}

func spanContext(t *testing.T) (context.Context, Parent) {
	t.Helper()
	p, err := Parse(validHeader)
	if err != nil {
		t.Fatal(err)
	}
	return NewContext(context.Background(), p, ""), p
}

// TestLogHandlerSlogtest checks that LogHandler keeps every rule of a
// slog.Handler when no span is involved.
func TestLogHandlerSlogtest(t *testing.T) {
	var buf bytes.Buffer
	h := LogHandler(slog.NewJSONHandler(&buf, nil))
	if err := slogtest.TestHandler(h, func() []map[string]any { return jsonLines(t, &buf) }); err != nil {
		t.Error(err)
	}
}

func TestLogHandlerAddsIDs(t *testing.T) {
	ctx, p := spanContext(t)
	var buf bytes.Buffer
	logger := slog.New(LogHandler(slog.NewJSONHandler(&buf, nil)))
	logger.InfoContext(ctx, "with span", "k", 1)
	logger.Info("no context")
	logger.InfoContext(context.Background(), "no span")
	logger.InfoContext(ctx, "own id", "trace_id", "mine")
	logger.With("trace_id", "fixed").InfoContext(ctx, "logger id")

	ms := jsonLines(t, &buf)
	if len(ms) != 5 {
		t.Fatalf("%d records", len(ms))
	}
	if ms[0]["trace_id"] != p.TraceIDString() || ms[0]["span_id"] != p.SpanIDString() {
		t.Errorf("record with span: %v", ms[0])
	}
	for _, m := range ms[1:3] {
		if _, ok := m["trace_id"]; ok {
			t.Errorf("record without span got ids: %v", m)
		}
	}
	if ms[3]["trace_id"] != "mine" || ms[3]["span_id"] != nil {
		t.Errorf("record with its own trace_id: %v", ms[3])
	}
	if ms[4]["trace_id"] != "fixed" || ms[4]["span_id"] != nil {
		t.Errorf("logger With trace_id: %v", ms[4])
	}
}

func TestLogHandlerGroupsKeepIDsAtTop(t *testing.T) {
	ctx, p := spanContext(t)
	var buf bytes.Buffer
	logger := slog.New(LogHandler(slog.NewJSONHandler(&buf, nil)))
	logger.With("a", 1).WithGroup("db").With("b", 2).WithGroup("q").InfoContext(ctx, "grouped", "c", 3)
	logger.WithGroup("db").Info("no span", "c", 3)

	ms := jsonLines(t, &buf)
	m := ms[0]
	if m["trace_id"] != p.TraceIDString() || m["span_id"] != p.SpanIDString() || m["a"] != 1.0 {
		t.Errorf("top level: %v", m)
	}
	db, _ := m["db"].(map[string]any)
	q, _ := db["q"].(map[string]any)
	if db["b"] != 2.0 || q["c"] != 3.0 || db["trace_id"] != nil {
		t.Errorf("groups: %v", m)
	}
	if ms[1]["trace_id"] != nil {
		t.Errorf("record without span: %v", ms[1])
	}
}

// TestLogHandlerStacksWithContextHandler: request_id and the trace ids in
// one record, from the two handlers.
func TestLogHandlerStacksWithContextHandler(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(LogHandler(middleware.ContextHandler(slog.NewJSONHandler(&buf, nil))))
	h := middleware.RequestID(middleware.RequestIDOptions{})(Middleware()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		logger.WithGroup("g").InfoContext(r.Context(), "hello")
	})))
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Traceparent", validHeader)
	h.ServeHTTP(rec, req)
	m := jsonLines(t, &buf)[0]
	in, _ := Parse(validHeader)
	if m["request_id"] != rec.Header().Get("X-Request-Id") || m["trace_id"] != in.TraceIDString() || m["span_id"] == nil {
		t.Errorf("record %v", m)
	}
}

func TestLogHandlerNilPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("LogHandler(nil) did not panic")
		}
	}()
	LogHandler(nil)
}

func TestLogHandlerAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	ctx, _ := spanContext(t)
	logger := slog.New(LogHandler(slog.NewJSONHandler(io.Discard, nil)))
	allocs := testing.AllocsPerRun(100, func() { logger.InfoContext(ctx, "m") })
	// One for the two hex strings; slog's JSON handler adds none of its own.
	if allocs > 1 {
		t.Errorf("a record with a span costs %v allocations, want <= 1", allocs)
	}
}

func BenchmarkLogHandler(b *testing.B) {
	p, _ := Parse(validHeader)
	ctx := NewContext(context.Background(), p, "")
	for _, bc := range []struct {
		name string
		h    slog.Handler
	}{
		{"json", slog.NewJSONHandler(io.Discard, nil)},
		{"json+LogHandler", LogHandler(slog.NewJSONHandler(io.Discard, nil))},
	} {
		b.Run(bc.name, func(b *testing.B) {
			logger := slog.New(bc.h)
			b.ReportAllocs()
			for b.Loop() {
				logger.InfoContext(ctx, "m", "k", 1)
			}
		})
	}
}
