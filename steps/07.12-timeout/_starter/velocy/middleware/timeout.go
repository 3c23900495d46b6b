package middleware

import (
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
// as its cause. If the handler returns having sent nothing and the
// deadline has passed, Timeout answers 503 Service Unavailable for it.
// Timeout interrupts nothing: a handler that ignores its context runs to
// its end, and what it writes is sent.
//
// Timeout panics if d is not positive.
func Timeout(d time.Duration) func(http.Handler) http.Handler {
	// TODO(07.12-timeout): panic if d is not positive. For each request,
	// make a context with a deadline d from now and ErrTimeout as its cause
	// (context.WithTimeoutCause), call next through Wrap(w) with a copy of
	// the request carrying it, copy the copy's Pattern back (in a defer),
	// and when the handler has sent nothing (Status() == 0) and the
	// deadline passed, answer 503 with http.Error.
	return func(next http.Handler) http.Handler { return next }
}
