package trace

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

func TestLoggerCarriesIDs(t *testing.T) {
	var buf bytes.Buffer
	// ContextHandler and LogHandler under it must not add the ids twice.
	base := slog.New(LogHandler(middleware.ContextHandler(slog.NewJSONHandler(&buf, nil))))
	var span Parent
	h := middleware.Chain(
		middleware.RequestID(middleware.RequestIDOptions{}),
		Middleware(),
		Logger(base),
	)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		span, _ = FromContext(r.Context())
		l := LoggerFrom(r.Context())
		l.Info("no context")
		l.InfoContext(r.Context(), "with context")
		l.WithGroup("g").Info("grouped", "k", "v")
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))

	ms := jsonLines(t, &buf)
	if len(ms) != 3 {
		t.Fatalf("%d records", len(ms))
	}
	for _, m := range ms {
		if m["request_id"] != rec.Header().Get("X-Request-Id") || m["trace_id"] != span.TraceIDString() || m["span_id"] != span.SpanIDString() {
			t.Errorf("record %v, want the request's ids", m)
		}
	}
	if bytes.Count(buf.Bytes(), []byte(`"trace_id"`)) != 3 || bytes.Count(buf.Bytes(), []byte(`"request_id"`)) != 3 {
		t.Errorf("ids repeated:\n%s", buf.Bytes())
	}
}

func TestLoggerWithoutIDs(t *testing.T) {
	base := slog.New(slog.NewJSONHandler(io.Discard, nil))
	var got *slog.Logger
	Logger(base)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = LoggerFrom(r.Context())
	})).ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	if got != base {
		t.Error("without ids, the request's logger should be base itself")
	}
	if LoggerFrom(context.Background()) != slog.Default() {
		t.Error("LoggerFrom without a logger is not slog.Default()")
	}
}

func TestLoggerOnlyRequestID(t *testing.T) {
	var buf bytes.Buffer
	base := slog.New(slog.NewJSONHandler(&buf, nil))
	h := middleware.RequestID(middleware.RequestIDOptions{})(Logger(base)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		LoggerFrom(r.Context()).Info("x")
	})))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	m := jsonLines(t, &buf)[0]
	if m["request_id"] == nil || m["trace_id"] != nil {
		t.Errorf("record %v", m)
	}
}

func TestLoggerNilPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Logger(nil) did not panic")
		}
	}()
	Logger(nil)
}

// TestLoggerAllocs bounds what Logger adds per request, on top of the
// request and response the benchmark also counts: the ids' strings, the
// attributes, the logger, the context and the request copy, plus what the
// JSON handler's WithAttrs allocates.
func TestLoggerAllocs(t *testing.T) {
	if raceEnabled {
		t.Skip("the race detector allocates")
	}
	h := slog.NewJSONHandler(io.Discard, nil)
	idle := loggerAllocs(h, false)
	if idle > 3 {
		t.Errorf("Logger costs %v allocations per request that does not log, want <= 3", idle)
	}
	used := loggerAllocs(h, true)
	// Ours: the ids, the attributes, the logger; the rest is the JSON
	// handler's WithAttrs.
	if used > idle+10 {
		t.Errorf("Logger costs %v allocations per request that logs, want <= %v", used, idle+10)
	}
	t.Logf("Logger: %v allocations per request that does not log, %v per request that calls LoggerFrom", idle, used)
}

// loggerAllocs measures the allocations Logger adds to a request already
// through RequestID and Middleware.
func loggerAllocs(h slog.Handler, use bool) float64 {
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if use {
			LoggerFrom(r.Context())
		}
	})
	without := middleware.Chain(middleware.RequestID(middleware.RequestIDOptions{}), Middleware())(inner)
	with := middleware.Chain(middleware.RequestID(middleware.RequestIDOptions{}), Middleware(), Logger(slog.New(h)))(inner)
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Traceparent", validHeader)
	w := &discardWriter{h: http.Header{}}
	a := testing.AllocsPerRun(200, func() { without.ServeHTTP(w, req) })
	b := testing.AllocsPerRun(200, func() { with.ServeHTTP(w, req) })
	return b - a
}

type discardWriter struct{ h http.Header }

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (d *discardWriter) WriteHeader(int)             {}

func BenchmarkLogger(b *testing.B) {
	for _, bc := range []struct {
		name        string
		logger, use bool
	}{{"without", false, false}, {"unused", true, false}, {"used", true, true}} {
		b.Run(bc.name, func(b *testing.B) {
			mws := []func(http.Handler) http.Handler{middleware.RequestID(middleware.RequestIDOptions{}), Middleware()}
			if bc.logger {
				mws = append(mws, Logger(slog.New(slog.NewJSONHandler(io.Discard, nil))))
			}
			h := middleware.Chain(mws...)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if bc.use {
					LoggerFrom(r.Context())
				}
			}))
			req := httptest.NewRequest("GET", "/", nil)
			req.Header.Set("Traceparent", validHeader)
			w := &discardWriter{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				h.ServeHTTP(w, req)
			}
		})
	}
}
