package middleware

import (
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"
)

// Recover returns middleware that turns a panic in the handler into a
// 500 Internal Server Error, and logs it with logger (slog.Default() if
// logger is nil) at level Error, under the message "panic", with the
// attributes panic (the value), method, path, request_id (when a
// [RequestID] in front of Recover gave the request one) and stack (the
// goroutine's stack trace, which says where the panic happened).
//
// The client gets the status and a short plain-text body, nothing about
// the panic: its value and the stack may hold secrets, paths and versions
// that help an attacker. Before writing, Recover deletes the headers that
// described the body the handler meant to send (Content-Length,
// Content-Type, Content-Encoding, ...); the others, such as the request id
// or a cookie, stay.
//
// Two panics are not answered with a 500:
//
//   - [http.ErrAbortHandler] (or an error wrapping it), which a handler
//     uses to stop a response on purpose, is panicked again, untouched and
//     not logged, so that net/http cuts the connection quietly as it
//     promises to.
//   - a panic after the header was sent (the handler called WriteHeader,
//     Write or Flush). The status is gone and part of the body may be too:
//     a second status cannot be sent. Recover logs the panic, with the
//     attribute header_sent=true, then panics with http.ErrAbortHandler,
//     so that net/http closes the connection without ending the response.
//     The client sees a response cut short (an unexpected EOF), and never
//     mistakes half a body for a whole one.
//
// Recover shares the [ResponseWriter] of [Wrap] with the middleware around
// and inside it, which is how it knows whether the header was sent. Put it
// inside [RequestID] and [AccessLog], so that its log record carries the
// request id and the access log sees the 500 it writes.
func Recover(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			rw := Wrap(w)
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
					panic(v)
				}
				sent := rw.Status() != 0
				logPanic(logger, r, v, sent)
				if sent {
					panic(http.ErrAbortHandler)
				}
				h := rw.Header()
				for _, k := range contentHeaders {
					delete(h, k)
				}
				h.Set("Content-Type", "text/plain; charset=utf-8")
				h.Set("X-Content-Type-Options", "nosniff")
				h.Set("Cache-Control", "no-store")
				rw.WriteHeader(http.StatusInternalServerError)
				rw.WriteString("Internal Server Error\n")
			}()
			next.ServeHTTP(rw, r)
		})
	}
}

// contentHeaders are the headers that describe a response's body: Recover
// deletes them before it sends a body of its own.
var contentHeaders = []string{
	"Content-Length", "Content-Type", "Content-Encoding", "Content-Range",
	"Content-Disposition", "Content-Language", "Etag", "Last-Modified",
	"Trailer", "Transfer-Encoding",
}

// logPanic writes Recover's record for the panic v.
func logPanic(logger *slog.Logger, r *http.Request, v any, sent bool) {
	if logger == nil {
		logger = slog.Default()
	}
	attrs := []slog.Attr{
		slog.Any("panic", v),
		slog.String("method", r.Method),
		slog.String("path", r.URL.Path),
	}
	if id := RequestIDFrom(r.Context()); id != "" {
		attrs = append(attrs, slog.String(requestIDAttr, id))
	}
	if sent {
		attrs = append(attrs, slog.Bool("header_sent", true))
	}
	attrs = append(attrs, slog.String("stack", string(debug.Stack())))
	logger.LogAttrs(r.Context(), slog.LevelError, "panic", attrs...)
}
