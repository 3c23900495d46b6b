package metrics

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// metFlightSample returns the value of one series on the registry's page.
func metFlightSample(t *testing.T, reg *Registry, series string) string {
	t.Helper()
	var b bytes.Buffer
	if err := reg.WriteText(&b); err != nil {
		t.Fatalf("WriteText = %v", err)
	}
	for line := range strings.Lines(b.String()) {
		if v, ok := strings.CutPrefix(line, series+" "); ok {
			return strings.TrimSpace(v)
		}
	}
	return "(missing)"
}

func TestMetInFlightCount(t *testing.T) {
	reg := NewRegistry()
	entered := make(chan struct{})
	release := make(chan struct{})
	h := Middleware(reg)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		<-release
	}))
	n := 1 + rand.IntN(6)
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() { h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil)) })
	}
	timeout := time.After(10 * time.Second)
	for i := range n {
		select {
		case <-entered:
		case <-timeout:
			close(release)
			t.Fatalf("only %d of %d requests reached the handler within 10s", i, n)
		}
	}
	got := metFlightSample(t, reg, "http_requests_in_flight")
	close(release)
	if got != fmt.Sprint(n) {
		t.Fatalf("with %d requests inside their handler, http_requests_in_flight = %s, want %d: count each request in m.started as it enters; inFlight is started minus those counted in http_requests_total", n, got, n)
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the requests did not finish within 10s of being released")
	}
	if got := metFlightSample(t, reg, "http_requests_in_flight"); got != "0" {
		t.Fatalf("after the %d requests finished, http_requests_in_flight = %s, want 0", n, got)
	}
}

func TestMetInFlightPanic(t *testing.T) {
	reg := NewRegistry()
	mux := http.NewServeMux()
	boom := fmt.Sprint("boom ", rand.IntN(1000))
	mux.HandleFunc("/boom/{id}", func(w http.ResponseWriter, r *http.Request) { panic(boom) })
	h := Middleware(reg)(mux)
	n := 1 + rand.IntN(4)
	for range n {
		got := func() (p any) {
			defer func() { p = recover() }()
			h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("POST", "/boom/7", nil))
			return nil
		}()
		if got != boom {
			t.Fatalf("a handler panicked with %q; the middleware let through %v, want the same panic (record the request, then let it go on: a Recover further out answers it)", boom, got)
		}
	}
	series := `http_requests_total{method="POST",route="/boom/{id}",code="5xx"}`
	if got := metFlightSample(t, reg, series); got != fmt.Sprint(n) {
		t.Fatalf("after %d requests whose handler panicked, %s = %s, want %d: a deferred function records a request that did not finish as a 500", n, series, got, n)
	}
	if got := metFlightSample(t, reg, "http_requests_in_flight"); got != "0" {
		t.Fatalf("after %d requests whose handler panicked, http_requests_in_flight = %s, want 0", n, got)
	}
}

// metFlightWriter is a ResponseWriter that allocates nothing.
type metFlightWriter struct{ h http.Header }

func (w *metFlightWriter) Header() http.Header         { return w.h }
func (w *metFlightWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *metFlightWriter) WriteHeader(int)             {}

func TestMetInFlightNoAllocs(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/ping", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(200 + rand.IntN(5)) })
	h := Middleware(NewRegistry())(mux)
	w := &metFlightWriter{h: http.Header{}}
	req := httptest.NewRequest("GET", "/ping", nil)
	bare := testing.AllocsPerRun(200, func() { mux.ServeHTTP(w, req) })
	with := testing.AllocsPerRun(200, func() { h.ServeHTTP(w, req) })
	if with > bare {
		t.Fatalf("a request through the middleware allocates %v times, %v without it: the middleware must add no allocation in steady state (a writer from writerPool, series found by route, no closure that escapes)", with, bare)
	}
}
