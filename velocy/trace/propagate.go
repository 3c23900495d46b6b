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
	s, ok := ctx.Value(spanKey{}).(*span)
	if !ok || !s.p.IsValid() || h == nil {
		return
	}
	h["Traceparent"] = []string{s.p.String()}
	if s.state != "" {
		h["Tracestate"] = []string{s.state}
	} else {
		delete(h, "Tracestate")
	}
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
	ctx := req.Context()
	if p, ok := FromContext(ctx); !ok || !p.IsValid() {
		return t.base.RoundTrip(req)
	}
	r2 := req.Clone(ctx)
	if r2.Header == nil {
		r2.Header = make(http.Header)
	}
	Inject(ctx, r2.Header)
	return t.base.RoundTrip(r2)
}
