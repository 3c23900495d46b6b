package middleware

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// ErrTimeout is the cause of a request context that [Timeout] ended:
// context.Cause(r.Context()) returns it once the deadline has passed, so a
// handler or a log can tell this deadline from a client that went away
// (context.Canceled) or another deadline.
var ErrTimeout = errors.New("middleware: request timed out")

// Timeout returns middleware that gives each request a deadline d from
// now: the request's context is done when d has passed, with [ErrTimeout]
// as its cause. Handlers that watch their context (a database query, an
// outgoing request made with it, a select on ctx.Done()) stop there and
// return. If the handler returns having sent nothing and the deadline has
// passed, Timeout answers 503 Service Unavailable for it.
//
// Timeout interrupts nothing: a handler that ignores its context runs to
// its end, however long that takes, and what it writes is sent. Go cannot
// stop a goroutine from outside; the deadline is a request to stop, which
// code honours by watching the context.
//
// Unlike [http.TimeoutHandler], Timeout runs the handler on the request's
// own goroutine and writes through to the client: no buffering, and the
// writer keeps [http.Flusher] and [http.Hijacker], so server-sent events
// and websocket upgrades work behind it. The price is that a response
// already started when the deadline passes cannot be replaced by a 503; it
// is cut short when the handler returns. Long-lived streams belong outside
// Timeout (register them on a router or group without it), or the deadline
// ends them too.
//
// Timeout passes the handler a copy of the request with the new context;
// when the handler returns, it copies the copy's Pattern back to the
// request it was given, so that an [AccessLog] around it still learns the
// route.
//
// Timeout panics if d is not positive.
func Timeout(d time.Duration) func(http.Handler) http.Handler {
	if d <= 0 {
		panic(errors.New("middleware: Timeout: the duration must be positive"))
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx, cancel := context.WithTimeoutCause(r.Context(), d, ErrTimeout)
			defer cancel()
			rw := Wrap(w)
			r2 := r.WithContext(ctx)
			// The router sets the Pattern of the copy it is given; a log
			// around Timeout reads r's, even when a panic goes through.
			defer func() { r.Pattern = r2.Pattern }()
			next.ServeHTTP(rw, r2)
			// A deadline, not a client that hung up (Canceled): someone is
			// still waiting for an answer.
			if rw.Status() == 0 && errors.Is(ctx.Err(), context.DeadlineExceeded) {
				http.Error(rw, "503 service unavailable: the request timed out",
					http.StatusServiceUnavailable)
			}
		})
	}
}
