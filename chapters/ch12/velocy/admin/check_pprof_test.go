package admin

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

// opsGet sends GET path to h, with ctx, and returns the answer, failing
// the test if the handler has not returned within a generous deadline.
func opsGet(t *testing.T, h http.Handler, ctx context.Context, path string) *httptest.ResponseRecorder {
	t.Helper()
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.ServeHTTP(rec, httptest.NewRequestWithContext(ctx, http.MethodGet, path, nil))
	}()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("GET %s did not return within 20s", path)
	}
	return rec
}

// opsSentinel registers a handler on http.DefaultServeMux once, to tell
// it from the mux Pprof returns.
var opsSentinel sync.Once

func TestOpsPprofOwnMux(t *testing.T) {
	opsSentinel.Do(func() {
		http.HandleFunc("/ops-default-mux-sentinel", func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("default mux"))
		})
	})
	h := Pprof()
	if h == nil {
		t.Fatal("Pprof() = nil, want a handler")
	}
	if rec := opsGet(t, h, context.Background(), "/ops-default-mux-sentinel"); rec.Code != http.StatusNotFound {
		t.Fatalf("Pprof() serves a path registered on http.DefaultServeMux (%d %q): build a ServeMux of its own", rec.Code, rec.Body.String())
	}
	if rec := opsGet(t, h, context.Background(), "/debug/pprof/"); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "goroutine") {
		t.Fatalf("GET /debug/pprof/ = %d %.80q, want 200 with the index of profiles: register pprof.Index at /debug/pprof/", rec.Code, rec.Body.String())
	}
	if rec := opsGet(t, h, context.Background(), "/public"); rec.Code != http.StatusNotFound {
		t.Errorf("GET /public = %d, want 404: the profiler's mux serves /debug/pprof/ and nothing else", rec.Code)
	}
}

func TestOpsPprofEndpoints(t *testing.T) {
	h := Pprof()
	if rec := opsGet(t, h, context.Background(), "/debug/pprof/cmdline"); rec.Body.String() != strings.Join(os.Args, "\x00") {
		t.Errorf("GET /debug/pprof/cmdline = %d %.60q, want the command line: register pprof.Cmdline", rec.Code, rec.Body.String())
	}
	if rec := opsGet(t, h, context.Background(), "/debug/pprof/symbol"); !strings.HasPrefix(rec.Body.String(), "num_symbols:") {
		t.Errorf("GET /debug/pprof/symbol = %d %.60q, want \"num_symbols: ...\": register pprof.Symbol", rec.Code, rec.Body.String())
	}
	named := map[string]string{
		"/debug/pprof/goroutine?debug=1": "goroutine profile: total",
		"/debug/pprof/heap?debug=1":      "heap profile:",
		"/debug/pprof/allocs?debug=1":    "heap profile:",
	}
	for path, want := range named {
		if rec := opsGet(t, h, context.Background(), path); rec.Code != http.StatusOK || !strings.HasPrefix(rec.Body.String(), want) {
			t.Errorf("GET %s = %d %.60q, want 200 and %q: pprof.Index at /debug/pprof/ serves the named profiles", path, rec.Code, rec.Body.String(), want)
		}
	}
	// A CPU profile and a trace last as long as their request: one whose
	// context has ended answers at once, with what it collected.
	done, cancel := context.WithCancel(context.Background())
	cancel()
	for _, path := range []string{"/debug/pprof/profile?seconds=5", "/debug/pprof/trace?seconds=5"} {
		rec := opsGet(t, h, done, path)
		if rec.Code != http.StatusOK || rec.Body.Len() == 0 || rec.Header().Get("Content-Type") != "application/octet-stream" {
			t.Errorf("GET %s = %d (%d bytes, %q), want 200 and a binary profile: register pprof.Profile and pprof.Trace at their paths",
				path, rec.Code, rec.Body.Len(), rec.Header().Get("Content-Type"))
		}
	}
}
