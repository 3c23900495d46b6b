package velocy

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// groupTag returns middleware that adds name> to the X-Trace header before
// the next handler runs and <name after it.
func groupTag(name string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			w.Header().Add("X-Trace", name+">")
			next.ServeHTTP(w, req)
			w.Header().Add("X-Trace", "<"+name)
		})
	}
}

// groupEcho answers with the pattern that matched and its wildcards' values.
func groupEcho(w http.ResponseWriter, req *http.Request) {
	var b strings.Builder
	b.WriteString(req.Pattern)
	for _, m := range regexp.MustCompile(`\{([^{}.]+)(\.\.\.)?\}`).FindAllStringSubmatch(req.Pattern, -1) {
		fmt.Fprintf(&b, " %s=%s", m[1], req.PathValue(m[1]))
	}
	w.Write([]byte(b.String()))
}

func TestGroupPrefixAndMiddleware(t *testing.T) {
	r := New()
	r.Use(groupTag("root"))
	r.Get("/", groupEcho)
	r.Group("/api", func(api *Router) {
		api.Use(groupTag("api"))
		api.Get("", groupEcho)
		api.Get("/", groupEcho)
		api.Get("/users/{id}", groupEcho)
		api.Group("/admin/", func(admin *Router) {
			admin.Use(groupTag("admin"))
			admin.Delete("/users/{id}", groupEcho)
		})
		api.Get("/status", groupEcho) // after the nested group: still only api's middleware
	})
	r.Group("/v2/{tenant}", func(v2 *Router) {
		v2.Get("/items/{item}", groupEcho)
	})
	r.Group("/", func(root *Router) {
		root.Post("/login", groupEcho)
	})
	tests := []struct {
		method, target string
		wantBody       string
		wantTrace      string
	}{
		{"GET", "/", "/", "root> <root"},
		{"GET", "/api", "/api", "root> api> <api <root"},
		{"GET", "/api/", "/api/", "root> api> <api <root"},
		{"GET", "/api/users/3", "/api/users/{id} id=3", "root> api> <api <root"},
		{"DELETE", "/api/admin/users/3", "/api/admin/users/{id} id=3", "root> api> admin> <admin <api <root"},
		{"GET", "/api/status", "/api/status", "root> api> <api <root"},
		{"GET", "/v2/acme/items/9", "/v2/{tenant}/items/{item} tenant=acme item=9", "root> <root"},
		{"POST", "/login", "/login", "root> <root"},
		// A group's middleware runs only for the group's routes.
		{"GET", "/api/nope", "404 page not found\n", "root> <root"},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if got := strings.Join(w.Header().Values("X-Trace"), " "); w.Body.String() != tt.wantBody || got != tt.wantTrace {
			t.Errorf("%s %s = %d %q, middleware %q; want %q, middleware %q", tt.method, tt.target, w.Code, w.Body, got, tt.wantBody, tt.wantTrace)
		}
	}
}

func TestGroupMiddlewareSeesPathValues(t *testing.T) {
	r := New()
	var got string
	r.Group("/users/{id}", func(g *Router) {
		g.Use(func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
				got = req.Pattern + " id=" + req.PathValue("id")
				next.ServeHTTP(w, req)
			})
		})
		g.Get("/posts", groupEcho)
	})
	r.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/users/5/posts", nil))
	if want := "/users/{id}/posts id=5"; got != want {
		t.Errorf("group middleware saw %q, want %q: it wraps the route, so it runs after the match", got, want)
	}
}

// groupPanic runs f and returns the text of what it panics with, or "no panic".
func groupPanic(f func()) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			msg = fmt.Sprint(v)
		}
	}()
	f()
	return "no panic"
}

func TestGroupErrors(t *testing.T) {
	noop := func(http.ResponseWriter, *http.Request) {}
	tests := []struct {
		name string
		give func(r *Router)
		want string
	}{
		{"Use after a route", func(r *Router) {
			r.Group("/api", func(g *Router) { g.Get("/x", noop); g.Use(groupTag("late")) })
		}, `velocy: Use in group "/api" after its routes: call Use before adding routes to the group`},
		{"Use after a nested group", func(r *Router) {
			r.Group("/api", func(g *Router) { g.Group("/v1", func(*Router) {}); g.Use(groupTag("late")) })
		}, `velocy: Use in group "/api" after its routes: call Use before adding routes to the group`},
		{"nil function", func(r *Router) { r.Group("/api", nil) }, "velocy: Group: nil function"},
		{"prefix without slash", func(r *Router) { r.Group("api", func(*Router) {}) }, `velocy: "api": at offset 0: pattern must begin with '/'`},
		{"bad prefix", func(r *Router) { r.Group("/a/{b", func(*Router) {}) }, `velocy: "/a/{b": at offset 5: wildcard has no closing '}'`},
		{"catch-all prefix", func(r *Router) { r.Group("/files/{p...}", func(*Router) {}) }, `velocy: "/files/{p...}": at offset 7: a prefix cannot end in a catch-all`},
		{"pattern without slash", func(r *Router) {
			r.Group("/api", func(g *Router) { g.Get("users", noop) })
		}, `velocy: GET "/apiusers": at offset 4: pattern must begin with '/'`},
		{"the same route inside and outside", func(r *Router) {
			r.Get("/api/users", noop)
			r.Group("/api", func(g *Router) { g.Get("/users", noop) })
		}, `velocy: GET "/api/users": already registered`},
		{"a name in the prefix and the pattern", func(r *Router) {
			r.Group("/u/{id}", func(g *Router) { g.Get("/p/{id}", noop) })
		}, `velocy: GET "/u/{id}/p/{id}": at offset 10: duplicate wildcard name "id"`},
	}
	for _, tt := range tests {
		if got := groupPanic(func() { tt.give(New()) }); got != tt.want {
			t.Errorf("%s: %s, want a panic with %q", tt.name, got, tt.want)
		}
	}
}
