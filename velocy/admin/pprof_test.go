package admin

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
)

func TestPprofRoutes(t *testing.T) {
	mux, ok := Pprof().(*http.ServeMux)
	if !ok {
		t.Fatalf("Pprof() is a %T", Pprof())
	}
	for path, want := range map[string]string{
		"/debug/pprof/":          "/debug/pprof/",
		"/debug/pprof/goroutine": "/debug/pprof/",
		"/debug/pprof/heap":      "/debug/pprof/",
		"/debug/pprof/cmdline":   "/debug/pprof/cmdline",
		"/debug/pprof/profile":   "/debug/pprof/profile",
		"/debug/pprof/symbol":    "/debug/pprof/symbol",
		"/debug/pprof/trace":     "/debug/pprof/trace",
		"/":                      "",
		"/metrics":               "",
	} {
		_, pattern := mux.Handler(httptest.NewRequest("GET", path, nil))
		if pattern != want {
			t.Errorf("%s is served by %q, want %q", path, pattern, want)
		}
	}
}

func TestPprofServes(t *testing.T) {
	h := Pprof()
	for path, want := range map[string]string{
		"/debug/pprof/":                     "goroutine",
		"/debug/pprof/cmdline":              "admin.test",
		"/debug/pprof/heap?debug=1":         "heap profile",
		"/debug/pprof/threadcreate?debug=1": "threadcreate profile",
	} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s: %d, body without %q", path, rec.Code, want)
		}
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/debug/pprof/nosuchprofile", nil))
	if rec.Code != 404 {
		t.Errorf("unknown profile: %d", rec.Code)
	}
}

// get fetches url from c with the bearer token, if any.
func get(t *testing.T, c *http.Client, url, token string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), "GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

// TestGuardedPprofOverLoopback serves the guarded profiler on a real
// loopback listener: the goroutine profile comes to a client with the
// token, and nothing but a 404 to one without it.
func TestGuardedPprofOverLoopback(t *testing.T) {
	const token = "0123456789abcdef0123456789abcdef"
	srv := httptest.NewServer(Guard(GuardOptions{Token: token, AllowLoopback: true})(Pprof()))
	defer srv.Close()
	c := srv.Client()

	code, body := get(t, c, srv.URL+"/debug/pprof/goroutine?debug=1", token)
	if code != 200 || !strings.HasPrefix(body, "goroutine profile: total ") {
		t.Errorf("with token: %d %.80q", code, body)
	}
	// The profile names this test's goroutine.
	if !strings.Contains(body, "TestGuardedPprofOverLoopback") {
		t.Errorf("goroutine profile does not show the test goroutine: %.300s", body)
	}
	for _, tok := range []string{"", "wrong"} {
		code, body = get(t, c, srv.URL+"/debug/pprof/goroutine?debug=1", tok)
		if code != 404 || strings.Contains(body, "goroutine") {
			t.Errorf("token %q: %d %.80q", tok, code, body)
		}
	}
}

// TestRouterDoesNotServePprof: importing net/http/pprof (this package
// does) registers /debug/pprof/ on http.DefaultServeMux, but velocy's
// Router does not serve the default mux: with no routes, it has no
// profiler.
func TestRouterDoesNotServePprof(t *testing.T) {
	// The side effect is real: the default mux serves the profiler.
	rec := httptest.NewRecorder()
	http.DefaultServeMux.ServeHTTP(rec, httptest.NewRequest("GET", "/debug/pprof/cmdline", nil))
	if rec.Code != 200 {
		t.Fatalf("http.DefaultServeMux /debug/pprof/cmdline = %d; the import side effect changed?", rec.Code)
	}
	r := velocy.New()
	for _, path := range []string{"/debug/pprof/", "/debug/pprof/cmdline", "/debug/pprof/goroutine?debug=1"} {
		rec := httptest.NewRecorder()
		r.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if rec.Code != http.StatusNotFound {
			t.Errorf("velocy.New() serves %s: %d", path, rec.Code)
		}
	}
}
