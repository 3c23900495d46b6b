package velocy

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// tag returns middleware that appends name to the X-Trace header before and
// after the handler runs, and records whether path values were set.
func tag(name string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			w.Header().Add("X-Trace", name+">")
			next.ServeHTTP(w, req)
			w.Header().Add("X-Trace", "<"+name)
		})
	}
}

func trace(h http.Handler, method, target string) string {
	return strings.Join(do(h, method, target).Header().Values("X-Trace"), " ")
}

func TestUseOrder(t *testing.T) {
	r := New()
	r.Get("/before", echo)
	r.Use(tag("a"), tag("b"))
	r.Use(tag("c"))
	r.Get("/after", echo)
	tests := []struct {
		method, target, want string
	}{
		// Top-level middleware wraps the router: routes added before Use
		// get it too, and so do 404s, 405s and redirects.
		{"GET", "/before", "a> b> c> <c <b <a"},
		{"GET", "/after", "a> b> c> <c <b <a"},
		{"GET", "/nope", "a> b> c> <c <b <a"},
		{"POST", "/after", "a> b> c> <c <b <a"},
		{"GET", "/after/", "a> b> c> <c <b <a"},
	}
	for _, tt := range tests {
		if got := trace(r, tt.method, tt.target); got != tt.want {
			t.Errorf("%s %s: middleware ran %q, want %q", tt.method, tt.target, got, tt.want)
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
	r.Get("/users/{id}", echo)
	do(r, "GET", "/users/7")
	if before != "" || after != "/users/{id}" || value != "7" {
		t.Errorf("top-level middleware saw Pattern %q before next, %q and id=%q after, want \"\", \"/users/{id}\" and \"7\"", before, after, value)
	}
}

func TestGroup(t *testing.T) {
	r := New()
	r.Use(tag("root"))
	r.Get("/", echo)
	r.Group("/api", func(api *Router) {
		api.Use(tag("api"))
		api.Get("", echo)
		api.Get("/", echo)
		api.Get("/users/{id}", echo)
		api.Group("/admin/", func(admin *Router) {
			admin.Use(tag("admin"))
			admin.Delete("/users/{id}", echo)
		})
		api.Get("/status", echo) // after the nested group: still only api's middleware
	})
	r.Group("/v2/{tenant}", func(v2 *Router) {
		v2.Get("/items/{item}", echo)
	})
	r.Group("/", func(root *Router) {
		root.Post("/login", echo)
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
		// The group owns the paths under its prefix: its middleware runs
		// for the router's own answers there, and only there.
		{"GET", "/api/nope", "404 page not found\n", "root> api> <api <root"},
		{"GET", "/api/admin/nope", "404 page not found\n", "root> api> admin> <admin <api <root"},
		{"GET", "/apinope", "404 page not found\n", "root> <root"},
	}
	for _, tt := range tests {
		w := do(r, tt.method, tt.target)
		if got := strings.Join(w.Header().Values("X-Trace"), " "); w.Body.String() != tt.wantBody || got != tt.wantTrace {
			t.Errorf("%s %s = %q, middleware %q; want %q, middleware %q", tt.method, tt.target, w.Body, got, tt.wantBody, tt.wantTrace)
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
		g.Get("/posts", echo)
	})
	do(r, "GET", "/users/5/posts")
	if want := "/users/{id}/posts id=5"; got != want {
		t.Errorf("group middleware saw %q, want %q", got, want)
	}
}

func TestGroupErrors(t *testing.T) {
	tests := []struct {
		name string
		give func(r *Router)
		want string
	}{
		{"use after route", func(r *Router) {
			r.Group("/api", func(g *Router) { g.Get("/x", echo); g.Use(tag("late")) })
		}, `velocy: Use in group "/api" after its routes: call Use before adding routes to the group`},
		{"use after nested group", func(r *Router) {
			r.Group("/api", func(g *Router) { g.Group("/v1", func(*Router) {}); g.Use(tag("late")) })
		}, `velocy: Use in group "/api" after its routes: call Use before adding routes to the group`},
		{"nil middleware", func(r *Router) { r.Use(nil) }, "velocy: Use: nil middleware"},
		{"nil middleware result", func(r *Router) {
			r.Use(func(http.Handler) http.Handler { return nil })
		}, "velocy: a middleware returned a nil handler"},
		{"nil function", func(r *Router) { r.Group("/api", nil) }, "velocy: Group: nil function"},
		{"bad prefix", func(r *Router) { r.Group("api", func(*Router) {}) }, `velocy: "api": at offset 0: pattern must begin with '/'`},
		{"bad prefix syntax", func(r *Router) { r.Group("/a/{b", func(*Router) {}) }, `velocy: "/a/{b": at offset 5: wildcard has no closing '}'`},
		{"catch-all prefix", func(r *Router) { r.Group("/files/{p...}", func(*Router) {}) }, `velocy: "/files/{p...}": at offset 7: a prefix cannot end in a catch-all`},
		{"pattern without slash", func(r *Router) {
			r.Group("/api", func(g *Router) { g.Get("users", echo) })
		}, `velocy: GET "/apiusers": at offset 4: pattern must begin with '/'`},
		{"duplicate across groups", func(r *Router) {
			r.Get("/api/users", echo)
			r.Group("/api", func(g *Router) { g.Get("/users", echo) })
		}, `velocy: GET "/api/users": already registered`},
		{"duplicate name across prefix", func(r *Router) {
			r.Group("/u/{id}", func(g *Router) { g.Get("/p/{id}", echo) })
		}, `velocy: GET "/u/{id}/p/{id}": at offset 10: duplicate wildcard name "id"`},
	}
	for _, tt := range tests {
		got := panicMessage(func() { tt.give(New()) })
		if got != tt.want {
			t.Errorf("%s: panic %q, want %q", tt.name, got, tt.want)
		}
	}
}

// panicMessage runs f and returns the message of what it panics with.
func panicMessage(f func()) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			msg = fmt.Sprint(v)
		}
	}()
	f()
	return "no panic"
}

func TestMount(t *testing.T) {
	sub := New()
	sub.Get("/", echo)
	sub.Get("/users/{id}", echo)

	r := New()
	r.Mount("/api/", sub)
	r.Get("/api/health", echo) // beats the mount: static over catch-all
	r.Mount("/t/{tenant}", http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, "tenant=%s path=%s raw=%s pattern=%s", req.PathValue("tenant"), req.URL.Path, req.URL.RawPath, req.Pattern)
	}))
	r.Group("/g", func(g *Router) {
		g.Use(tag("g"))
		g.Mount("/m", sub)
	})
	sub.Post("/late", echo) // added after mounting: still served

	tests := []struct {
		method, target string
		wantCode       int
		wantBody       string
	}{
		{"GET", "/api", 200, "/"},
		{"GET", "/api/", 200, "/"},
		{"GET", "/api/users/4", 200, "/users/{id} id=4"},
		{"GET", "/api/health", 200, "/api/health"},
		{"POST", "/api/late", 200, "/late"},
		{"GET", "/api/late", 405, "405 method not allowed\n"},
		{"GET", "/api/nope", 404, "404 page not found\n"},
		{"GET", "/apix", 404, "404 page not found\n"},
		{"PUT", "/t/acme/x/y", 200, "tenant=acme path=/x/y raw= pattern=/t/{tenant}/*"},
		{"GET", "/t/acme/a%2Fb/c", 200, "tenant=acme path=/a/b/c raw=/a%2Fb/c pattern=/t/{tenant}/*"},
		{"GET", "/t/a%2Fb", 200, "tenant=a/b path=/ raw=/ pattern=/t/{tenant}/*"},
		{"GET", "/g/m/users/1", 200, "/users/{id} id=1"},
	}
	for _, tt := range tests {
		w := do(r, tt.method, tt.target)
		if w.Code != tt.wantCode || w.Body.String() != tt.wantBody {
			t.Errorf("%s %s = %d %q, want %d %q", tt.method, tt.target, w.Code, w.Body, tt.wantCode, tt.wantBody)
		}
	}
	if got := trace(r, "GET", "/g/m/users/1"); got != "g> <g" {
		t.Errorf("mount in a group: middleware ran %q, want \"g> <g\"", got)
	}
	// The caller's request is left alone.
	req := newRequest("GET", "/api/users/4")
	r.ServeHTTP(newRecorder(), req)
	if req.URL.Path != "/api/users/4" {
		t.Errorf("after a mounted request, URL.Path = %q, want it unchanged: \"/api/users/4\"", req.URL.Path)
	}
}

func TestMountRoot(t *testing.T) {
	sub := New()
	sub.Get("/", echo)
	sub.Get("/x", echo)
	r := New()
	r.Get("/own", echo)
	r.Mount("/", sub)
	for target, want := range map[string]string{"/": "/", "/x": "/x", "/own": "/own"} {
		if w := do(r, "GET", target); w.Body.String() != want {
			t.Errorf("GET %s = %q, want %q", target, w.Body, want)
		}
	}
}

func TestMountErrors(t *testing.T) {
	tests := []struct {
		name string
		give func(r *Router)
		want string
	}{
		{"nil handler", func(r *Router) { r.Mount("/api", nil) }, `velocy: "/api": nil handler`},
		{"bad prefix", func(r *Router) { r.Mount("api", New()) }, `velocy: "api": at offset 0: pattern must begin with '/'`},
		{"catch-all prefix", func(r *Router) { r.Mount("/a/{p...}", New()) }, `velocy: "/a/{p...}": at offset 3: a prefix cannot end in a catch-all`},
		{"twice", func(r *Router) { r.Mount("/api", New()); r.Mount("/api", New()) }, `velocy: "/api/*": already registered`},
		{"route first", func(r *Router) { r.Get("/api", echo); r.Mount("/api", New()) }, `velocy: "/api/*": conflicts with GET "/api"`},
		{"catch-all first", func(r *Router) { r.Get("/api/{rest...}", echo); r.Mount("/api", New()) }, `velocy: "/api/*": conflicts with GET "/api/{rest...}"`},
		{"route after", func(r *Router) { r.Mount("/api", New()); r.Post("/api", echo) }, `velocy: POST "/api": conflicts with mount "/api/*"`},
		{"itself", func(r *Router) { r.Mount("/again", r) }, `velocy: "/again": the mounted router leads back to this one`},
		{"its group", func(r *Router) {
			r.Group("/g", func(g *Router) { r.Mount("/again", g) })
		}, `velocy: "/again": the mounted router leads back to this one`},
		{"a cycle", func(r *Router) {
			a := New()
			a.Mount("/r", r)
			r.Mount("/a", a)
		}, `velocy: "/a": the mounted router leads back to this one`},
	}
	for _, tt := range tests {
		if got := panicMessage(func() { tt.give(New()) }); got != tt.want {
			t.Errorf("%s: panic %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestRoutes(t *testing.T) {
	sub := New()
	sub.Get("/", echo)
	sub.Put("/users/{id}", echo)
	r := New()
	if got := r.Routes(); got == nil || len(got) != 0 {
		t.Errorf("New().Routes() = %#v, want an empty, non-nil slice", got)
	}
	r.Post("/users", echo)
	r.Get("/users", echo)
	r.Get("/", echo)
	r.Group("/admin", func(g *Router) { g.Delete("/users/{id}", echo) })
	r.Mount("/api", sub)
	r.Mount("/legacy", http.NotFoundHandler())
	sub.Get("/late", echo)
	want := []Route{
		{"GET", "/"},
		{"DELETE", "/admin/users/{id}"},
		{"GET", "/api/"},
		{"GET", "/api/late"},
		{"PUT", "/api/users/{id}"},
		{"*", "/legacy/*"},
		{"GET", "/users"},
		{"POST", "/users"},
	}
	if got := r.Routes(); !slices.Equal(got, want) {
		t.Errorf("Routes() = %v, want %v", got, want)
	}
}

func TestMountErrorLeavesNoTrace(t *testing.T) {
	r := New()
	r.Get("/api", echo)
	if err := r.mount("/api", New()); err == nil {
		t.Fatal(`mount("/api") after GET /api = nil, want a conflict`)
	}
	if w := do(r, "GET", "/api/x"); w.Code != http.StatusNotFound {
		t.Errorf("GET /api/x after a failed mount = %d, want 404: the mount's catch-all must not be left in the tree", w.Code)
	}
}
