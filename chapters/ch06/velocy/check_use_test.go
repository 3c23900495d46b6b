package velocy

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// useTag returns middleware that adds name> to the X-Trace header before
// the next handler runs and <name after it.
func useTag(name string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			w.Header().Add("X-Trace", name+">")
			next.ServeHTTP(w, req)
			w.Header().Add("X-Trace", "<"+name)
		})
	}
}

func TestUseOrder(t *testing.T) {
	r := New()
	echo := func(w http.ResponseWriter, req *http.Request) { io.WriteString(w, req.URL.Path) }
	r.Get("/before", echo)
	r.Use(useTag("a"), useTag("b"))
	r.Use(useTag("c"))
	r.Get("/after", echo)
	tests := []struct {
		method, target string
	}{
		// Routes added before Use get the middleware too, and so do the
		// answers the router gives by itself: 404, 405, redirects.
		{"GET", "/before"},
		{"GET", "/after"},
		{"GET", "/nope"},
		{"POST", "/after"},
		{"GET", "/after/"},
	}
	const want = "a> b> c> <c <b <a"
	for _, tt := range tests {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if got := strings.Join(w.Header().Values("X-Trace"), " "); got != want {
			t.Errorf("%s %s (answered %d): middleware ran %q, want %q", tt.method, tt.target, w.Code, got, want)
		}
	}
}

func TestUseSeesPatternAfterNext(t *testing.T) {
	r := New()
	var before, after, value string
	r.Use(func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			before = req.Pattern
			next.ServeHTTP(w, req)
			after, value = req.Pattern, req.PathValue("id")
		})
	})
	r.Get("/users/{id}", func(http.ResponseWriter, *http.Request) {})
	r.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/users/7", nil))
	if before != "" || after != "/users/{id}" || value != "7" {
		t.Errorf("top-level middleware saw Pattern %q before next, and Pattern %q and id=%q after; want \"\", then \"/users/{id}\" and \"7\"", before, after, value)
	}
}

// usePanic calls f and returns the text of what it panics with, or "no panic".
func usePanic(f func()) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			msg = fmt.Sprint(v)
		}
	}()
	f()
	return "no panic"
}

func TestUseRefusesNil(t *testing.T) {
	if got, want := usePanic(func() { New().Use(nil) }), "velocy: Use: nil middleware"; got != want {
		t.Errorf("Use(nil): %s, want a panic with %q", got, want)
	}
	nilResult := func(http.Handler) http.Handler { return nil }
	if got, want := usePanic(func() { New().Use(nilResult) }), "velocy: a middleware returned a nil handler"; got != want {
		t.Errorf("Use(middleware that returns nil): %s, want a panic with %q", got, want)
	}
}
