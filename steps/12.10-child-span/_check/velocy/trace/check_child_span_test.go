package trace

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// opsSpanParent returns a Parent with random, valid ids and random
// flags.
func opsSpanParent() Parent {
	var p Parent
	for p.TraceID == ([16]byte{}) || p.SpanID == ([8]byte{}) {
		for i := range p.TraceID {
			p.TraceID[i] = byte(rand.IntN(256))
		}
		for i := range p.SpanID {
			p.SpanID[i] = byte(rand.IntN(256))
		}
	}
	p.Flags = byte(rand.IntN(256))
	return p
}

func TestOpsNewAndChild(t *testing.T) {
	traces := map[[16]byte]bool{}
	spans := map[[8]byte]bool{}
	for range 200 {
		p := New()
		if !p.IsValid() || p.Flags != 0 {
			t.Fatalf("New() = trace %x span %x flags %02x, want random ids, not all zeros, and flags 00", p.TraceID, p.SpanID, p.Flags)
		}
		if traces[p.TraceID] || spans[p.SpanID] {
			t.Fatalf("New() returned trace %x or span %x twice in 200 calls: fill them from crypto/rand", p.TraceID, p.SpanID)
		}
		traces[p.TraceID], spans[p.SpanID] = true, true
	}
	for range 200 {
		p := opsSpanParent()
		c := p.Child()
		if c.TraceID != p.TraceID || c.Flags != p.Flags {
			t.Fatalf("Child() of trace %x flags %02x = trace %x flags %02x, want the same trace and flags", p.TraceID, p.Flags, c.TraceID, c.Flags)
		}
		if c.SpanID == p.SpanID || c.SpanID == ([8]byte{}) || spans[c.SpanID] {
			t.Fatalf("Child() of span %x has span %x, want a new random span id", p.SpanID, c.SpanID)
		}
		spans[c.SpanID] = true
	}
}

func TestOpsNewContext(t *testing.T) {
	if p, ok := FromContext(context.Background()); ok {
		t.Fatalf("FromContext(context.Background()) = %s, true, want false: there is no span", p)
	}
	p := opsSpanParent()
	state := fmt.Sprintf("vendor%d=%x", rand.IntN(10), rand.Uint64())
	ctx := NewContext(context.Background(), p, state)
	if got, ok := FromContext(ctx); !ok || got != p {
		t.Fatalf("FromContext(NewContext(ctx, %s, ...)) = %s, %v, want the same Parent, true", p, got, ok)
	}
	if got := StateFromContext(ctx); got != state {
		t.Fatalf("StateFromContext(NewContext(ctx, p, %q)) = %q, want it unchanged", state, got)
	}
}

// opsThrough sends a request with the given headers through Middleware
// and returns the span and tracestate the handler saw, and the Pattern
// the request has afterwards.
func opsThrough(t *testing.T, hdr http.Header) (p Parent, ok bool, state, pattern string) {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, "/tasks/7", nil)
	r.Header = hdr
	want := fmt.Sprintf("GET /tasks/{id%d}", rand.IntN(100))
	h := Middleware()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok = FromContext(r.Context())
		state = StateFromContext(r.Context())
		r.Pattern = want // as a router does
	}))
	h.ServeHTTP(httptest.NewRecorder(), r)
	if r.Pattern != want {
		t.Fatalf("after Middleware, the request's Pattern = %q, want %q, the one the router set on the copy: copy it back", r.Pattern, want)
	}
	return p, ok, state, r.Pattern
}

func TestOpsMiddlewareChildSpan(t *testing.T) {
	for range 50 {
		in := opsSpanParent()
		states := []string{fmt.Sprintf("a=%x", rand.Uint32()), fmt.Sprintf("b=%x", rand.Uint32())}[:1+rand.IntN(2)]
		hdr := http.Header{"Traceparent": {in.String()}, "Tracestate": states}
		got, ok, state, _ := opsThrough(t, hdr)
		if !ok {
			t.Fatalf("the handler behind Middleware found no span in its context (traceparent %q): store one", in)
		}
		if got.TraceID != in.TraceID || got.Flags != in.Flags || got.SpanID == in.SpanID || !got.IsValid() {
			t.Fatalf("traceparent %q: the request's span = %s, want a Child of it: the same trace and flags, a new span id", in, got)
		}
		if want := strings.Join(states, ","); state != want {
			t.Fatalf("tracestate %q: StateFromContext = %q, want %q, untouched (lines joined by \",\")", states, state, want)
		}
	}
}

func TestOpsMiddlewareNewTrace(t *testing.T) {
	in := opsSpanParent()
	bad := in.String()
	bad = bad[:10] + strings.ToUpper(bad[10:20]) + "f" + bad[21:]
	if strings.ToLower(bad) == bad {
		bad = "00-" + strings.Repeat("0", 32) + bad[35:]
	}
	cases := []struct {
		name string
		hdr  http.Header
	}{
		{"no traceparent", http.Header{"Tracestate": {"a=1"}}},
		{"an invalid traceparent", http.Header{"Traceparent": {bad}, "Tracestate": {"a=1"}}},
		{"two traceparent headers", http.Header{"Traceparent": {in.String(), opsSpanParent().String()}, "Tracestate": {"a=1"}}},
	}
	for _, c := range cases {
		got, ok, state, _ := opsThrough(t, c.hdr)
		if !ok || !got.IsValid() {
			t.Fatalf("with %s, the request's span = %s, %v, want a new trace (New()): tracing is a hint, never a reason to go without", c.name, got, ok)
		}
		if got.TraceID == in.TraceID {
			t.Fatalf("with %s, the request continued trace %x, want a new trace", c.name, in.TraceID)
		}
		if state != "" {
			t.Fatalf("with %s, StateFromContext = %q, want \"\": a tracestate belongs to the traceparent it came with", c.name, state)
		}
	}
}
