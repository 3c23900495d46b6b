package trace

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// opsRequestIDKey is the context key of opsRequestID's id.
type opsRequestIDKey struct{}

// opsRequestID does what middleware.RequestID does for Logger: it sets a
// new id on the response, as X-Request-Id, before it calls its handler
// (and keeps it in the context, for the check to compare).
func opsRequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := fmt.Sprintf("req-%016x", rand.Uint64())
		w.Header().Set("X-Request-Id", id)
		r2 := r.WithContext(context.WithValue(r.Context(), opsRequestIDKey{}, id))
		next.ServeHTTP(w, r2)
		r.Pattern = r2.Pattern
	})
}

// opsCountingHandler counts the WithAttrs calls made on it and on the
// handlers it makes.
type opsCountingHandler struct {
	slog.Handler
	withAttrs *atomic.Int64
}

func (h opsCountingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	h.withAttrs.Add(1)
	return opsCountingHandler{h.Handler.WithAttrs(attrs), h.withAttrs}
}

func (h opsCountingHandler) WithGroup(name string) slog.Handler {
	return opsCountingHandler{h.Handler.WithGroup(name), h.withAttrs}
}

// opsRequestLog serves one request through the given middleware, then
// Logger, with a handler that logs n records with LoggerFrom (no context
// passed to the records). It returns the records, what the handler knew
// of its ids, the WithAttrs calls made on the base logger's handler, and
// the request's Pattern afterwards.
func opsRequestLog(t *testing.T, n int, hdr http.Header, mws ...func(http.Handler) http.Handler) (recs []map[string]any, reqID string, span Parent, hasSpan bool, calls int64, pattern string) {
	t.Helper()
	// Records that miss the base logger would go to the default one: keep
	// them out of the check's output.
	def := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	defer slog.SetDefault(def)
	var buf bytes.Buffer
	var withAttrs atomic.Int64
	base := slog.New(opsCountingHandler{slog.NewJSONHandler(&buf, nil), &withAttrs})
	want := fmt.Sprintf("GET /orders/{id%d}", rand.IntN(100))
	var h http.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqID, _ = r.Context().Value(opsRequestIDKey{}).(string)
		span, hasSpan = FromContext(r.Context())
		for i := range n {
			LoggerFrom(r.Context()).Info("step", "i", i)
		}
		r.Pattern = want
	})
	h = Logger(base)(h)
	for i := len(mws) - 1; i >= 0; i-- {
		h = mws[i](h)
	}
	r := httptest.NewRequest(http.MethodGet, "/orders/1", nil)
	r.Header = hdr
	h.ServeHTTP(httptest.NewRecorder(), r)
	if r.Pattern != want {
		t.Fatalf("after Logger, the request's Pattern = %q, want %q, the one the router set on the copy: copy it back", r.Pattern, want)
	}
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q is not JSON: %v", line, err)
		}
		recs = append(recs, m)
	}
	return recs, reqID, span, hasSpan, withAttrs.Load(), r.Pattern
}

func TestOpsLoggerCarriesIDs(t *testing.T) {
	for range 20 {
		n := 1 + rand.IntN(5)
		var in Parent
		for !in.IsValid() {
			in = New()
		}
		hdr := http.Header{"Traceparent": {in.String()}}
		recs, reqID, span, _, calls, _ := opsRequestLog(t, n, hdr, opsRequestID, Middleware())
		if len(recs) != n {
			t.Fatalf("a handler that logged %d records through LoggerFrom wrote %d into the base logger: store a logger made from base in the context", n, len(recs))
		}
		for _, m := range recs {
			if m["request_id"] != reqID || m["trace_id"] != span.TraceIDString() || m["span_id"] != span.SpanIDString() {
				t.Fatalf("LoggerFrom(ctx).Info wrote request_id %v, trace_id %v, span_id %v, want %q, %q, %q: the request's own ids",
					m["request_id"], m["trace_id"], m["span_id"], reqID, span.TraceIDString(), span.SpanIDString())
			}
		}
		if calls != 1 {
			t.Fatalf("%d records of one request made %d WithAttrs calls on base's handler, want 1: make the logger once per request (base.With), not per record or per LoggerFrom", n, calls)
		}
	}
}

func TestOpsLoggerLeavesOutMissingIDs(t *testing.T) {
	recs, _, span, _, _, _ := opsRequestLog(t, 1, http.Header{}, Middleware())
	if len(recs) != 1 {
		t.Fatalf("one record logged through LoggerFrom, %d written into the base logger", len(recs))
	}
	if _, ok := recs[0]["request_id"]; ok || recs[0]["trace_id"] != span.TraceIDString() {
		t.Fatalf("without a request id, LoggerFrom(ctx) wrote %v, want trace_id %s and no request_id", recs[0], span.TraceIDString())
	}
	recs, reqID, _, _, _, _ := opsRequestLog(t, 1, http.Header{}, opsRequestID)
	if len(recs) != 1 || recs[0]["request_id"] != reqID {
		t.Fatalf("without trace.Middleware, LoggerFrom(ctx) wrote %v, want request_id %s", recs, reqID)
	}
	if _, ok := recs[0]["trace_id"]; ok {
		t.Fatalf("without trace.Middleware, LoggerFrom(ctx) wrote %v, want no trace_id: the context has no span", recs[0])
	}
	if got := LoggerFrom(context.Background()); got != slog.Default() {
		t.Fatal("LoggerFrom(context.Background()) is not slog.Default(): without Logger, fall back to the default logger")
	}
}
