package velocy

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// groupEcho answers with the pattern that matched and its wildcards' values.
func groupEcho(w http.ResponseWriter, req *http.Request) {
	var b strings.Builder
	b.WriteString(req.Pattern)
	for _, m := range regexp.MustCompile(`\{([^{}.]+)(\.\.\.)?\}`).FindAllStringSubmatch(req.Pattern, -1) {
		fmt.Fprintf(&b, " %s=%s", m[1], req.PathValue(m[1]))
	}
	w.Write([]byte(b.String()))
}

// groupWord returns a random lower-case word, different at every call of a
// test, so that no prefix can be written into the solution.
func groupWord() string {
	b := make([]byte, 3+rand.IntN(6))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

func TestGroupPrefix(t *testing.T) {
	api, admin, v2 := "/"+groupWord(), "/"+groupWord()+"/", "/"+groupWord()+"2"
	adminNoSlash := strings.TrimSuffix(admin, "/")
	id, tenant, item := groupWord(), groupWord(), groupWord()
	r := New()
	r.Get("/", groupEcho)
	r.Group(api, func(g *Router) {
		g.Get("", groupEcho)
		g.Get("/", groupEcho)
		g.Get("/users/{id}", groupEcho)
		g.Group(admin, func(a *Router) { // a trailing slash on a prefix is dropped
			a.Delete("/users/{id}", groupEcho)
		})
		g.Get("/status", groupEcho)
	})
	r.Group(v2+"/{tenant}", func(g *Router) {
		g.Get("/items/{item}", groupEcho)
	})
	r.Group("/", func(g *Router) {
		g.Post("/login", groupEcho)
	})
	tests := []struct {
		method, target string
		want           string
	}{
		{"GET", "/", "/"},
		{"GET", api, api},
		{"GET", api + "/", api + "/"},
		{"GET", api + "/users/" + id, api + "/users/{id} id=" + id},
		{"DELETE", api + adminNoSlash + "/users/" + id, api + adminNoSlash + "/users/{id} id=" + id},
		{"GET", api + "/status", api + "/status"},
		{"GET", v2 + "/" + tenant + "/items/" + item, v2 + "/{tenant}/items/{item} tenant=" + tenant + " item=" + item},
		{"POST", "/login", "/login"},
		{"GET", api + "/nope", "404 page not found\n"},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if w.Body.String() != tt.want {
			t.Errorf("%s %s = %d %q, want %q (the route's whole pattern, prefixes included, and its values)", tt.method, tt.target, w.Code, w.Body, tt.want)
		}
	}
	wantRoutes := []Route{
		{"GET", "/"}, {"POST", "/login"}, {"GET", api}, {"GET", api + "/"},
		{"GET", api + "/users/{id}"}, {"DELETE", api + adminNoSlash + "/users/{id}"},
		{"GET", api + "/status"}, {"GET", v2 + "/{tenant}/items/{item}"},
	}
	slices.SortFunc(wantRoutes, func(a, b Route) int {
		return cmp.Or(strings.Compare(a.Pattern, b.Pattern), strings.Compare(a.Method, b.Method))
	})
	if got := r.Routes(); !slices.Equal(got, wantRoutes) {
		t.Errorf("Routes() =\n%v\nwant\n%v\n(a group's routes belong to the router, with their whole patterns)", got, wantRoutes)
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
	w := groupWord()
	tests := []struct {
		name string
		give func(r *Router)
		want string
	}{
		{"nil function", func(r *Router) { r.Group("/"+w, nil) }, "velocy: Group: nil function"},
		{"prefix without slash", func(r *Router) { r.Group(w, func(*Router) {}) }, `velocy: "` + w + `": at offset 0: pattern must begin with '/'`},
		{"bad prefix", func(r *Router) { r.Group("/a/{b", func(*Router) {}) }, `velocy: "/a/{b": at offset 5: wildcard has no closing '}'`},
		{"catch-all prefix", func(r *Router) { r.Group("/"+w+"/{p...}", func(*Router) {}) },
			fmt.Sprintf(`velocy: "/%s/{p...}": at offset %d: a prefix cannot end in a catch-all`, w, len(w)+2)},
		{"pattern without slash", func(r *Router) {
			r.Group("/api", func(g *Router) { g.Get(w, noop) })
		}, `velocy: GET "/api` + w + `": at offset 4: pattern must begin with '/'`},
		{"the same route inside and outside", func(r *Router) {
			r.Get("/api/"+w, noop)
			r.Group("/api", func(g *Router) { g.Get("/"+w, noop) })
		}, `velocy: GET "/api/` + w + `": already registered`},
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
