package velocy

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// withTag returns middleware that adds name> to the X-Trace header before
// the next handler runs and <name after it.
func withTag(name string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			w.Header().Add("X-Trace", name+">")
			next.ServeHTTP(w, req)
			w.Header().Add("X-Trace", "<"+name)
		})
	}
}

func TestWithWrapsItsRoutes(t *testing.T) {
	a, b := fmt.Sprintf("a%d", rand.IntN(100)), fmt.Sprintf("b%d", rand.IntN(100))
	ok := func(w http.ResponseWriter, req *http.Request) { w.Write([]byte(req.Pattern)) }
	r := New()
	r.Use(withTag("root"))
	r.Get("/plain", ok)
	r.With(withTag(a), withTag(b)).Get("/two", ok)
	r.Group("/g", func(g *Router) {
		g.Use(withTag("g"))
		g.With(withTag(a)).Post("/x/{id}", ok)
		g.Get("/y", ok)
	})
	r.Get("/after", ok)
	tests := []struct{ method, target, wantBody, wantTrace string }{
		{"GET", "/plain", "/plain", "root> <root"},
		{"GET", "/two", "/two", "root> " + a + "> " + b + "> <" + b + " <" + a + " <root"},
		{"POST", "/g/x/3", "/g/x/{id}", "root> g> " + a + "> <" + a + " <g <root"},
		{"GET", "/g/y", "/g/y", "root> g> <g <root"},
		{"GET", "/after", "/after", "root> <root"}, // With changed nothing on r
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if got := strings.Join(w.Header().Values("X-Trace"), " "); w.Body.String() != tt.wantBody || got != tt.wantTrace {
			t.Errorf("%s %s = %q, middleware %q; want %q, middleware %q", tt.method, tt.target, w.Body, got, tt.wantBody, tt.wantTrace)
		}
	}
}

// TestWithKeepsItsOwnList calls With twice on a group whose middleware
// list has room to spare: each Router must keep its own middleware, which
// appending to the group's list in place would not.
func TestWithKeepsItsOwnList(t *testing.T) {
	ok := func(w http.ResponseWriter, req *http.Request) {}
	r := New()
	r.Group("/g", func(g *Router) {
		g.Use(withTag("1")) // appended one by one, the list has capacity to spare
		g.Use(withTag("2"))
		g.Use(withTag("3"))
		first := g.With(withTag("first"))
		second := g.With(withTag("second"))
		first.Get("/a", ok)
		second.Get("/b", ok)
	})
	for target, want := range map[string]string{
		"/g/a": "1> 2> 3> first> <first <3 <2 <1",
		"/g/b": "1> 2> 3> second> <second <3 <2 <1",
	} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if got := strings.Join(w.Header().Values("X-Trace"), " "); got != want {
			t.Errorf("GET %s: middleware ran %q, want %q: copy the group's list with slices.Clip before appending", target, got, want)
		}
	}
}

// withPanic runs f and returns what it panics with, as text, or "".
func withPanic(f func()) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			msg = fmt.Sprint(v)
		}
	}()
	f()
	return ""
}

func TestWithMistakes(t *testing.T) {
	if got := withPanic(func() { New().With(withTag("a"), nil) }); got != "velocy: With: nil middleware" {
		t.Errorf("With(mw, nil) panicked with %q, want \"velocy: With: nil middleware\"", got)
	}
	got := withPanic(func() {
		New().Group("/g", func(g *Router) {
			g.With(withTag("w")).Get("/x", func(http.ResponseWriter, *http.Request) {})
			g.Use(withTag("late"))
		})
	})
	if want := `velocy: Use in group "/g" after its routes: call Use before adding routes to the group`; got != want {
		t.Errorf("Use in a group after g.With(...) registered a route panicked with %q, want %q: the routes registered through With copied g's middleware already", got, want)
	}
}
