package trace

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
)

// serveTraced runs req through Middleware and returns the context the
// handler saw.
func serveTraced(t *testing.T, req *http.Request) context.Context {
	t.Helper()
	var got context.Context
	h := Middleware()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Context()
	}))
	h.ServeHTTP(httptest.NewRecorder(), req)
	if got == nil {
		t.Fatal("handler not called")
	}
	return got
}

func TestMiddlewareChildOfValidParent(t *testing.T) {
	req := httptest.NewRequest("GET", "/", nil)
	req.Header.Set("Traceparent", validHeader)
	req.Header.Add("Tracestate", "congo=t61rcWkgMzE")
	req.Header.Add("Tracestate", "rojo=00f067aa0ba902b7")
	ctx := serveTraced(t, req)
	p, ok := FromContext(ctx)
	if !ok {
		t.Fatal("no span in the context")
	}
	in, _ := Parse(validHeader)
	if p.TraceID != in.TraceID || p.Flags != in.Flags {
		t.Errorf("span %v is not in the trace of %v", p, in)
	}
	if p.SpanID == in.SpanID {
		t.Error("the request's span reuses its parent's span id")
	}
	if got, want := StateFromContext(ctx), "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7"; got != want {
		t.Errorf("tracestate = %q, want %q", got, want)
	}
}

func TestMiddlewareNewTrace(t *testing.T) {
	for name, headers := range map[string][]string{
		"absent":    nil,
		"invalid":   {"00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"},
		"two lines": {validHeader, validHeader},
	} {
		t.Run(name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			if headers != nil {
				req.Header["Traceparent"] = headers
			}
			req.Header.Set("Tracestate", "congo=t61rcWkgMzE")
			ctx := serveTraced(t, req)
			p, ok := FromContext(ctx)
			if !ok || !p.IsValid() {
				t.Fatalf("span %v, %v", p, ok)
			}
			if in, _ := Parse(validHeader); p.TraceID == in.TraceID {
				t.Error("continued a trace it should have restarted")
			}
			if s := StateFromContext(ctx); s != "" {
				t.Errorf("tracestate %q kept with a new trace", s)
			}
		})
	}
}

func TestMiddlewareCopiesPatternBack(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(http.ResponseWriter, *http.Request) {})
	req := httptest.NewRequest("GET", "/items/7", nil)
	Middleware()(mux).ServeHTTP(httptest.NewRecorder(), req)
	if req.Pattern != "GET /items/{id}" {
		t.Errorf("Pattern = %q", req.Pattern)
	}
}

func TestFromContextEmpty(t *testing.T) {
	if p, ok := FromContext(context.Background()); ok || p.IsValid() {
		t.Errorf("FromContext(Background) = %v, %v", p, ok)
	}
	if s := StateFromContext(context.Background()); s != "" {
		t.Errorf("StateFromContext(Background) = %q", s)
	}
}

func TestInject(t *testing.T) {
	p, _ := Parse(validHeader)
	h := http.Header{"Tracestate": {"stale=1"}}
	Inject(NewContext(context.Background(), p, ""), h)
	if got := h.Get("Traceparent"); got != validHeader {
		t.Errorf("traceparent = %q", got)
	}
	if _, ok := h["Tracestate"]; ok {
		t.Errorf("a tracestate not of this trace was left: %q", h["Tracestate"])
	}

	Inject(NewContext(context.Background(), p, "a=1,b=2"), h)
	if got := h.Get("Tracestate"); got != "a=1,b=2" {
		t.Errorf("tracestate = %q", got)
	}

	h = http.Header{"Traceparent": {"kept"}}
	Inject(context.Background(), h)
	if got := h.Get("Traceparent"); got != "kept" {
		t.Errorf("Inject without a span changed the header to %q", got)
	}
	Inject(NewContext(context.Background(), p, ""), nil) // no panic
}

// TestTransport sends a request through Transport to a real server that
// reads the headers, and checks that the caller's request is unchanged.
func TestTransport(t *testing.T) {
	type seen struct{ parent, state string }
	got := make(chan seen, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- seen{r.Header.Get("Traceparent"), r.Header.Get("Tracestate")}
	}))
	defer srv.Close()
	client := &http.Client{Transport: Transport(srv.Client().Transport)}

	in, _ := Parse(validHeader)
	span := in.Child()
	ctx := NewContext(t.Context(), span, "congo=t61rcWkgMzE")
	req, err := http.NewRequestWithContext(ctx, "GET", srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	s := <-got
	if s.parent != span.String() {
		t.Errorf("server saw traceparent %q, want %q", s.parent, span.String())
	}
	if s.state != "congo=t61rcWkgMzE" {
		t.Errorf("server saw tracestate %q", s.state)
	}
	if len(req.Header) != 0 {
		t.Errorf("Transport changed the caller's request: %v", req.Header)
	}

	// Without a span, the request goes as it is.
	req, _ = http.NewRequestWithContext(t.Context(), "GET", srv.URL, nil)
	req.Header = nil
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if s := <-got; s.parent != "" {
		t.Errorf("server saw traceparent %q from a request without a span", s.parent)
	}
}

func TestTransportNilHeader(t *testing.T) {
	var seen http.Header
	base := roundTripFunc(func(r *http.Request) (*http.Response, error) {
		seen = r.Header
		return &http.Response{StatusCode: 200, Body: http.NoBody, Request: r}, nil
	})
	p := New()
	req, _ := http.NewRequestWithContext(NewContext(context.Background(), p, ""), "GET", "http://example.test/", nil)
	req.Header = nil
	if _, err := Transport(base).RoundTrip(req); err != nil {
		t.Fatal(err)
	}
	if seen.Get("Traceparent") != p.String() {
		t.Errorf("sent %v", seen)
	}
	if req.Header != nil {
		t.Error("caller's request changed")
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestTransportNilBase(t *testing.T) {
	if tr := Transport(nil).(*transport); tr.base != http.DefaultTransport {
		t.Error("nil base is not http.DefaultTransport")
	}
}
