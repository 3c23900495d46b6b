package velocy

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// denyAll is middleware that answers 401 to every request: an
// authentication check that no test request passes.
func denyAll(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		http.Error(w, "401 unauthorized", http.StatusUnauthorized)
	})
}

// TestGroupMiddlewareGuardsAutomaticAnswers is the regression test of a
// group's middleware being skipped for the answers the router gives by
// itself: an unauthenticated client could list the methods of a guarded
// group through a 405 or an OPTIONS request, follow its redirects, and a
// CORS middleware in a group never saw a preflight.
func TestGroupMiddlewareGuardsAutomaticAnswers(t *testing.T) {
	r := New()
	r.Get("/public", echo)
	r.Group("/admin", func(admin *Router) {
		admin.Use(denyAll)
		admin.Delete("/users/{id}", echo)
		admin.Get("/dir/", echo)
	})
	for _, tt := range []struct{ method, target string }{
		{"DELETE", "/admin/users/7"}, // the route itself
		{"GET", "/admin/users/7"},    // 405
		{"OPTIONS", "/admin/users/7"},
		{"GET", "/admin/dir"}, // the trailing-slash redirect
		{"GET", "/admin/users/../dir/"},
		{"GET", "/admin/nope"},
		{"GET", "/admin"},
	} {
		w := do(r, tt.method, tt.target)
		if w.Code != http.StatusUnauthorized || w.Header().Get("Allow") != "" || w.Header().Get("Location") != "" {
			t.Errorf("%s %s = %d, Allow %q, Location %q; want 401 from the group's middleware and nothing else",
				tt.method, tt.target, w.Code, w.Header().Get("Allow"), w.Header().Get("Location"))
		}
	}
	// Outside the group's prefix, the router answers as usual.
	if w := do(r, "POST", "/public"); w.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST /public = %d, want 405", w.Code)
	}
	if w := do(r, "GET", "/administrator"); w.Code != http.StatusNotFound {
		t.Errorf("GET /administrator = %d, want 404: it is not under the prefix /admin", w.Code)
	}
}

// TestGroupPreflight checks that a CORS middleware in a group sees the
// OPTIONS preflight of its routes, and may answer it itself.
func TestGroupPreflight(t *testing.T) {
	cors := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", "https://app.example")
			next.ServeHTTP(w, req)
		})
	}
	r := New()
	r.Group("/api/{version}", func(api *Router) {
		api.Use(cors)
		api.Put("/items/{id}", echo)
	})
	w := do(r, "OPTIONS", "/api/v1/items/3")
	if w.Code != http.StatusNoContent || w.Header().Get("Access-Control-Allow-Origin") == "" || w.Header().Get("Allow") != "OPTIONS, PUT" {
		t.Errorf("OPTIONS /api/v1/items/3 = %d, Allow %q, Access-Control-Allow-Origin %q; want 204 through the group's CORS middleware",
			w.Code, w.Header().Get("Allow"), w.Header().Get("Access-Control-Allow-Origin"))
	}
}

func TestGroupScopes(t *testing.T) {
	r := New()
	r.Use(tag("root"))
	r.Group("/api", func(api *Router) {
		api.Use(tag("api"))
		api.NotFound(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			http.Error(w, `{"error":"not found"}`, http.StatusNotFound)
		}))
		api.Get("/users/{id}", echo)
		api.Group("/v2", func(v2 *Router) {
			v2.Use(tag("v2"))
			v2.MethodNotAllowed(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
				http.Error(w, "v2: use "+w.Header().Get("Allow"), http.StatusMethodNotAllowed)
			}))
			v2.Get("/users/{id}", echo)
		})
		api.Group("", func(same *Router) { // no prefix of its own: api's paths
			same.Use(tag("same"))
			same.Post("/login", echo)
		})
	})
	r.Group("/users/{id}", func(u *Router) {
		u.Use(tag("u"))
		u.Get("/posts", echo)
	})
	r.Get("/users/new", echo)
	tests := []struct {
		method, target   string
		wantCode         int
		wantBody, wantMW string
	}{
		{"GET", "/api/nope", 404, "{\"error\":\"not found\"}\n", "root> api> <api <root"},
		{"GET", "/api/v2/nope", 404, "{\"error\":\"not found\"}\n", "root> api> v2> <v2 <api <root"}, // the parent's 404 handler
		{"POST", "/api/v2/users/1", 405, "v2: use GET, HEAD, OPTIONS\n", "root> api> v2> <v2 <api <root"},
		{"POST", "/api/users/1", 405, "405 method not allowed\n", "root> api> <api <root"},
		{"GET", "/api/login", 405, "405 method not allowed\n", "root> api> <api <root"}, // not through "same"
		{"POST", "/api/login", 200, "/api/login", "root> api> same> <same <api <root"},
		{"GET", "/nope", 404, "404 page not found\n", "root> <root"},
		// A prefix with a wildcard owns every path it matches: /users/new
		// is under /users/{id}, even though the route /users/new is not in
		// the group.
		{"GET", "/users/9/nope", 404, "404 page not found\n", "root> u> <u <root"},
		{"GET", "/users/new/nope", 404, "404 page not found\n", "root> u> <u <root"},
		{"POST", "/users/new", 405, "405 method not allowed\n", "root> u> <u <root"},
		{"GET", "/users/new", 200, "/users/new", "root> <root"},
	}
	for _, tt := range tests {
		w := do(r, tt.method, tt.target)
		if mw := strings.Join(w.Header().Values("X-Trace"), " "); w.Code != tt.wantCode || w.Body.String() != tt.wantBody || mw != tt.wantMW {
			t.Errorf("%s %s = %d %q, middleware %q; want %d %q, middleware %q", tt.method, tt.target, w.Code, w.Body, mw, tt.wantCode, tt.wantBody, tt.wantMW)
		}
	}
}

func TestWith(t *testing.T) {
	r := New()
	r.Use(tag("root"))
	r.Get("/plain", echo)
	r.With(tag("a"), tag("b")).Get("/two", echo)
	r.Group("/g", func(g *Router) {
		g.Use(tag("g"))
		g.With(tag("w")).Post("/x/{id}", echo)
		g.Get("/y", echo)
	})
	tests := []struct{ method, target, wantBody, wantMW string }{
		{"GET", "/plain", "/plain", "root> <root"},
		{"GET", "/two", "/two", "root> a> b> <b <a <root"},
		{"POST", "/g/x/3", "/g/x/{id} id=3", "root> g> w> <w <g <root"},
		{"GET", "/g/y", "/g/y", "root> g> <g <root"},
		// With wraps routes only: the 405 goes through the group, not w.
		{"GET", "/g/x/3", "405 method not allowed\n", "root> g> <g <root"},
	}
	for _, tt := range tests {
		w := do(r, tt.method, tt.target)
		if mw := strings.Join(w.Header().Values("X-Trace"), " "); w.Body.String() != tt.wantBody || mw != tt.wantMW {
			t.Errorf("%s %s = %q, middleware %q; want %q, middleware %q", tt.method, tt.target, w.Body, mw, tt.wantBody, tt.wantMW)
		}
	}
	for name, f := range map[string]func(){
		"nil": func() { New().With(nil) },
		"use after with": func() {
			New().Group("/g", func(g *Router) { g.With(tag("w")); g.Use(tag("late")) })
		},
	} {
		if msg := panicMessage(f); msg == "no panic" {
			t.Errorf("%s: no panic, want one", name)
		}
	}
}

func TestAutomaticAnswersCanBeTurnedOff(t *testing.T) {
	newRouter := func() *Router {
		r := newEchoRouter("GET /a", "GET /dir/")
		r.NotFound(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			http.Error(w, "custom 404", http.StatusNotFound)
		}))
		return r
	}
	tests := []struct {
		name           string
		off            func(r *Router)
		method, target string
		wantCode       int
		wantAllow      string
	}{
		{"all on: 405", func(*Router) {}, "POST", "/a", 405, "GET, HEAD, OPTIONS"},
		{"all on: OPTIONS", func(*Router) {}, "OPTIONS", "/a", 204, "GET, HEAD, OPTIONS"},
		{"all on: slash", func(*Router) {}, "GET", "/dir", 301, ""},
		{"no slash redirect", func(r *Router) { r.RedirectTrailingSlash(false) }, "GET", "/dir", 404, ""},
		{"no slash redirect, still cleans", func(r *Router) { r.RedirectTrailingSlash(false) }, "GET", "/x/../dir/", 301, ""},
		{"no OPTIONS: 405", func(r *Router) { r.AutoOptions(false) }, "OPTIONS", "/a", 405, "GET, HEAD"},
		{"no OPTIONS, other methods", func(r *Router) { r.AutoOptions(false) }, "POST", "/a", 405, "GET, HEAD"},
		{"no 405", func(r *Router) { r.AutoMethodNotAllowed(false) }, "POST", "/a", 404, ""},
		{"no 405, OPTIONS still", func(r *Router) { r.AutoMethodNotAllowed(false) }, "OPTIONS", "/a", 204, "GET, HEAD, OPTIONS"},
		{"neither", func(r *Router) { r.AutoMethodNotAllowed(false); r.AutoOptions(false) }, "OPTIONS", "/a", 404, ""},
		{"on again", func(r *Router) { r.AutoMethodNotAllowed(false); r.AutoMethodNotAllowed(true) }, "POST", "/a", 405, "GET, HEAD, OPTIONS"},
	}
	for _, tt := range tests {
		r := newRouter()
		tt.off(r)
		w := do(r, tt.method, tt.target)
		if w.Code != tt.wantCode || w.Header().Get("Allow") != tt.wantAllow {
			t.Errorf("%s: %s %s = %d Allow %q, want %d Allow %q", tt.name, tt.method, tt.target, w.Code, w.Header().Get("Allow"), tt.wantCode, tt.wantAllow)
		}
		if w.Code == 404 && w.Body.String() != "custom 404\n" {
			t.Errorf("%s: %s %s answered %q, want the NotFound handler's \"custom 404\"", tt.name, tt.method, tt.target, w.Body)
		}
	}
}

// TestMountRedirectKeepsPrefix is the regression test of a trailing-slash
// redirect inside a mounted router that dropped the mount prefix: GET
// /api/users?x=1 sent the client to /users/?x=1.
func TestMountRedirectKeepsPrefix(t *testing.T) {
	inner := New()
	inner.Get("/deep/", echo)
	sub := New()
	sub.Get("/users/", echo)
	sub.Post("/form", echo)
	sub.Mount("/in/{x}", inner)
	r := New()
	r.Mount("/api", sub)
	r.Mount("/t/{tenant}", sub)
	tests := []struct{ method, target, want string }{
		{"GET", "/api/users?x=1", "/api/users/?x=1"},
		{"POST", "/api/form/", "/api/form"},
		{"GET", "/t/a%20b/users", "/t/a%20b/users/"},
		{"GET", "/t/a%2Fb/users", "/t/a%2Fb/users/"},
		{"GET", "/api/in/7/deep", "/api/in/7/deep/"},
	}
	for _, tt := range tests {
		w := do(r, tt.method, tt.target)
		if w.Code/100 != 3 || w.Header().Get("Location") != tt.want {
			t.Errorf("%s %s = %d Location %q, want a redirect to %q", tt.method, tt.target, w.Code, w.Header().Get("Location"), tt.want)
		}
	}
}

// TestMountKeepsPathValuesApart is the regression test of a mounted router
// overwriting the path values of the request its parent holds: with
// Mount("/users/{id}", sub) and sub's route /items/{id}, the parent's
// middleware read the item's id as the user's once next had returned.
func TestMountKeepsPathValuesApart(t *testing.T) {
	var seen []string
	record := func(level string) func(http.Handler) http.Handler {
		return func(next http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
				next.ServeHTTP(w, req)
				seen = append(seen, fmt.Sprintf("%s id=%s pattern=%s", level, req.PathValue("id"), req.Pattern))
			})
		}
	}
	items := New()
	items.Use(record("items"))
	items.Get("/items/{id}", func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, "item %s of user %s", req.PathValue("id"), req.PathValue("user"))
	})
	users := New()
	users.Use(record("users"))
	users.Group("/{user}", func(g *Router) { // a group wrapping the mount
		g.Use(record("group"))
		g.Mount("/", items)
	})
	r := New()
	r.Use(record("top"))
	r.Mount("/users/{id}", users)

	w := do(r, "GET", "/users/u1/ada/items/7")
	if got, want := w.Body.String(), "item 7 of user ada"; got != want {
		t.Errorf("GET /users/u1/ada/items/7 = %q, want %q", got, want)
	}
	want := []string{
		"items id=7 pattern=/items/{id}",
		"group id=u1 pattern=/{user}/items/{id}", // the mounted router's own request had id=u1 from above
		"users id=u1 pattern=/{user}/items/{id}",
		"top id=u1 pattern=/users/{id}/{user}/items/{id}",
	}
	if strings.Join(seen, "\n") != strings.Join(want, "\n") {
		t.Errorf("middleware saw, from the inside out:\n%s\nwant:\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
}
