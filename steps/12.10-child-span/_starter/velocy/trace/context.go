package trace

import (
	"context"
	"net/http"
)

// spanKey is the context key of a request's span.
type spanKey struct{}

// span is what the context holds: this request's span and the tracestate
// the request arrived with.
type span struct {
	p     Parent
	state string
}

// NewContext returns a copy of ctx that holds p as the current span and
// state as the tracestate to send on with it ("" for none). [Middleware]
// does this for a request; call it for work that starts elsewhere, a
// background job for example, with [New] or a Child of a stored Parent.
func NewContext(ctx context.Context, p Parent, state string) context.Context {
	// TODO(12.10): store &span{p: p, state: state} under spanKey{}.
	return ctx
}

// FromContext returns the current span of ctx, the one [Middleware] or
// [NewContext] stored, and whether there is one.
func FromContext(ctx context.Context) (Parent, bool) {
	// TODO(12.10): the *span under spanKey{}, if there is one.
	return Parent{}, false
}

// StateFromContext returns the tracestate header the request of ctx
// arrived with, unchanged, or "" if it had none (or [Middleware] started a
// new trace, which drops it: a tracestate belongs to its traceparent).
func StateFromContext(ctx context.Context) string {
	// TODO(12.10): the state of the *span under spanKey{}, or "".
	return ""
}

// Middleware returns middleware that gives every request a span in the
// context, which [FromContext] returns:
//
//   - a request with one valid traceparent header (see [Parse]) gets a
//     child of it: the same trace and flags, a new span id;
//   - a request without one, with an invalid one or with more than one gets
//     the first span of a new trace ([New]), and its tracestate is dropped,
//     as the recommendation says.
//
// The tracestate header is kept as it came (several lines joined with
// ","), for [Inject] to pass on untouched; this package never reads it.
//
// Like middleware.RequestID, Middleware passes the handler a copy of the
// request and copies the copy's Pattern back afterwards, so that a
// middleware around it still learns the route.
func Middleware() func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			// TODO(12.10): a child of the one valid traceparent header, with
			// the tracestate lines joined by ","; else New() and no state.
			// Serve a copy of r whose context holds the span, and copy the
			// copy's Pattern back to r afterwards.
			next.ServeHTTP(w, r)
		})
	}
}
