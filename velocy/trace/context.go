package trace

import (
	"context"
	"net/http"
	"strings"
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
	return context.WithValue(ctx, spanKey{}, &span{p: p, state: state})
}

// FromContext returns the current span of ctx, the one [Middleware] or
// [NewContext] stored, and whether there is one.
func FromContext(ctx context.Context) (Parent, bool) {
	s, ok := ctx.Value(spanKey{}).(*span)
	if !ok {
		return Parent{}, false
	}
	return s.p, true
}

// StateFromContext returns the tracestate header the request of ctx
// arrived with, unchanged, or "" if it had none (or [Middleware] started a
// new trace, which drops it: a tracestate belongs to its traceparent).
func StateFromContext(ctx context.Context) string {
	s, ok := ctx.Value(spanKey{}).(*span)
	if !ok {
		return ""
	}
	return s.state
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
			s := &span{}
			if v := r.Header["Traceparent"]; len(v) == 1 {
				if p, err := Parse(v[0]); err == nil {
					s.p = p.Child()
					s.state = strings.Join(r.Header["Tracestate"], ",")
				}
			}
			if !s.p.IsValid() {
				s.p = New()
			}
			r2 := r.WithContext(context.WithValue(r.Context(), spanKey{}, s))
			next.ServeHTTP(w, r2)
			r.Pattern = r2.Pattern
		})
	}
}

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
