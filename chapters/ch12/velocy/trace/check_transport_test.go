package trace

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// opsPropParent returns a Parent with random, valid ids and random flags.
func opsPropParent() Parent {
	var p Parent
	for !p.IsValid() {
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

func TestOpsInject(t *testing.T) {
	for range 50 {
		p := opsPropParent()
		state := ""
		if rand.IntN(2) == 0 {
			state = fmt.Sprintf("v%d=%x", rand.IntN(9), rand.Uint64())
		}
		h := http.Header{"Tracestate": {"stale=1"}, "Accept": {"*/*"}}
		Inject(NewContext(context.Background(), p, state), h)
		if got := h.Get("Traceparent"); got != p.String() {
			t.Fatalf("Inject with span %s: traceparent = %q, want %q, this span: the next service's parent", p, got, p.String())
		}
		if got := h.Values("Tracestate"); (state == "" && len(got) != 0) || (state != "" && (len(got) != 1 || got[0] != state)) {
			t.Fatalf("Inject with tracestate %q: Tracestate = %q, want %q: the state this request arrived with, or none", state, got, state)
		}
		if h.Get("Accept") != "*/*" {
			t.Fatalf("Inject changed a header it does not own: Accept = %q", h.Get("Accept"))
		}
	}
	h := http.Header{"Accept": {"*/*"}}
	Inject(context.Background(), h)
	if len(h) != 1 {
		t.Fatalf("Inject without a span set %v, want the header left alone", h)
	}
	func() {
		defer func() {
			if v := recover(); v != nil {
				t.Fatalf("Inject(ctx, nil) panicked: %v", v)
			}
		}()
		Inject(NewContext(context.Background(), opsPropParent(), ""), nil)
	}()
}

// opsBase is a RoundTripper that records the request it is given.
type opsBase struct{ got *http.Request }

func (b *opsBase) RoundTrip(r *http.Request) (*http.Response, error) {
	b.got = r
	return &http.Response{StatusCode: 204, Body: http.NoBody, Request: r}, nil
}

func TestOpsTransportClones(t *testing.T) {
	for range 20 {
		p := opsPropParent()
		base := &opsBase{}
		ctx := NewContext(context.Background(), p, "")
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://notify.internal/send", nil)
		req.Header.Set("X-Caller", "tasks")
		resp, err := Transport(base).RoundTrip(req)
		if err != nil || resp.StatusCode != 204 {
			t.Fatalf("Transport(base).RoundTrip = %v, %v, want base's answer", resp, err)
		}
		if base.got == nil || base.got.Header.Get("Traceparent") != p.String() {
			t.Fatalf("base received traceparent %q, want %q: Inject the request's span", base.got.Header.Get("Traceparent"), p.String())
		}
		if base.got == req || req.Header.Get("Traceparent") != "" {
			t.Fatalf("Transport changed the caller's request (traceparent %q on it): a RoundTripper must not; send req.Clone(ctx)", req.Header.Get("Traceparent"))
		}
		if base.got.Header.Get("X-Caller") != "tasks" {
			t.Fatal("the clone lost the request's other headers")
		}
	}
	base := &opsBase{}
	req, _ := http.NewRequest(http.MethodGet, "http://notify.internal/send", nil)
	Transport(base).RoundTrip(req)
	if base.got == nil || base.got.Header.Get("Traceparent") != "" {
		t.Fatal("a request without a span went out with a traceparent, want it sent as it is")
	}
}

func TestOpsTraceAcrossServices(t *testing.T) {
	seen := make(chan string, 1)
	downstream := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen <- r.Header.Get("Traceparent")
	}))
	defer downstream.Close()
	client := &http.Client{Transport: Transport(nil), Timeout: 10 * time.Second}
	defer http.DefaultTransport.(*http.Transport).CloseIdleConnections()

	mySpan := make(chan Parent, 1)
	upstream := Middleware()(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, _ := FromContext(r.Context())
		mySpan <- p
		req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, downstream.URL, nil)
		resp, err := client.Do(req)
		if err != nil {
			http.Error(w, err.Error(), 502)
			return
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}))
	in := opsPropParent()
	req := httptest.NewRequest(http.MethodGet, "/tasks", nil)
	req.Header.Set("Traceparent", in.String())
	rec := httptest.NewRecorder()
	upstream.ServeHTTP(rec, req)
	if rec.Code != 200 {
		t.Fatalf("the call through Transport(nil) failed: %d %s", rec.Code, strings.TrimSpace(rec.Body.String()))
	}
	var got string
	select {
	case got = <-seen:
	default:
		t.Fatal("the downstream service was not called")
	}
	mine := <-mySpan
	want := fmt.Sprintf("00-%x-%x-%02x", in.TraceID, mine.SpanID, in.Flags)
	if got != want {
		t.Fatalf("incoming %q: the next service received traceparent %q, want %q: the same trace, with this request's span as its parent", in, got, want)
	}
}
