package trace

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"sync"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// loggerKey is the context key of the request's logger.
type loggerKey struct{}

// requestIDAttr is the key middleware.RequestID's id is logged under.
const requestIDAttr = "request_id"

// Logger returns middleware that stores in each request's context a
// logger made from base with the request's ids as attributes: request_id
// (from middleware.RequestID), trace_id and span_id (from [Middleware]);
// an id the context does not have is left out. Handlers get it with
// [LoggerFrom]. Put Logger after RequestID and Middleware.
//
// The logger is base.With(ids...), made by one call of base's handler's
// WithAttrs per request, so a handler that formats attributes ahead, as
// logtar's slog handler and slog's JSON and text handlers do, formats the
// ids once per request, not once per record. That call costs more than
// the rest of Logger together (see BenchmarkLogger), so it is made on the
// first LoggerFrom of the request, not before: a request that logs nothing
// does not pay it.
//
// Logger passes the handler a copy of the request and copies the copy's
// Pattern back afterwards, as [Middleware] does. It panics if base is nil.
func Logger(base *slog.Logger) func(http.Handler) http.Handler {
	if base == nil {
		panic(errors.New("trace: Logger: nil logger"))
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := r.Context()
			rl := &requestLogger{base: base, requestID: middleware.RequestIDFrom(ctx)}
			rl.span, _ = FromContext(ctx)
			r2 := r.WithContext(context.WithValue(ctx, loggerKey{}, rl))
			next.ServeHTTP(w, r2)
			r.Pattern = r2.Pattern
		})
	}
}

// requestLogger is the logger of one request, made on first use.
type requestLogger struct {
	base      *slog.Logger
	requestID string
	span      Parent
	once      sync.Once
	l         *slog.Logger
}

// logger returns base with the request's ids, making it the first time.
func (rl *requestLogger) logger() *slog.Logger {
	rl.once.Do(func() {
		var attrs []slog.Attr
		if rl.requestID != "" {
			attrs = append(make([]slog.Attr, 0, 3), slog.String(requestIDAttr, rl.requestID))
		}
		if rl.span.IsValid() {
			traceID, spanID := rl.span.ids()
			attrs = append(attrs, slog.String(traceIDAttr, traceID), slog.String(spanIDAttr, spanID))
		}
		rl.l = rl.base
		if len(attrs) > 0 {
			rl.l = slog.New(rl.base.Handler().WithAttrs(attrs))
		}
	})
	return rl.l
}

// LoggerFrom returns the logger [Logger] stored in ctx, or slog.Default()
// if there is none. It is safe to call from several goroutines.
func LoggerFrom(ctx context.Context) *slog.Logger {
	if rl, ok := ctx.Value(loggerKey{}).(*requestLogger); ok {
		return rl.logger()
	}
	return slog.Default()
}
