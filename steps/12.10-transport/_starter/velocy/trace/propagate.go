package trace

import (
	"context"
	"net/http"
)

// Inject sets the traceparent header of an outgoing request to the current
// span of ctx, so that the service it calls continues the trace (its parent
// is this span), and the tracestate header to the one the incoming request
// brought, when there was one. Without a span in ctx, Inject leaves h as
// it is; a nil h is left alone too.
func Inject(ctx context.Context, h http.Header) {
	// TODO(12.10): with a valid span in ctx (and h not nil), set
	// Traceparent to the span and Tracestate to its state, or delete
	// Tracestate when the state is "".
}

// Transport returns an [http.RoundTripper] that sends every request through
// base with the headers [Inject] sets from the request's context. A
// RoundTripper must not change the request it is given, so Transport sends
// a clone when it adds headers. A request whose context has no span goes
// through as it is. A nil base means [http.DefaultTransport].
func Transport(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return &transport{base: base}
}

type transport struct{ base http.RoundTripper }

func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	// TODO(12.10): a request whose context has a span goes to t.base as a
	// clone (req.Clone) with the headers Inject sets; never change req.
	return t.base.RoundTrip(req)
}
