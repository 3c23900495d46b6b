package velocy

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// mountEcho answers with the pattern that matched and its wildcards' values.
func mountEcho(w http.ResponseWriter, req *http.Request) {
	var b strings.Builder
	b.WriteString(req.Pattern)
	for _, m := range regexp.MustCompile(`\{([^{}.]+)(\.\.\.)?\}`).FindAllStringSubmatch(req.Pattern, -1) {
		fmt.Fprintf(&b, " %s=%s", m[1], req.PathValue(m[1]))
	}
	w.Write([]byte(b.String()))
}

// mountTag returns middleware that adds name> and <name to X-Trace.
func mountTag(name string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			w.Header().Add("X-Trace", name+">")
			next.ServeHTTP(w, req)
			w.Header().Add("X-Trace", "<"+name)
		})
	}
}

func mountDo(r http.Handler, method, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	r.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	return w
}

func TestMountRouter(t *testing.T) {
	sub := New()
	sub.Get("/", mountEcho)
	sub.Get("/users/{id}", mountEcho)

	r := New()
	r.Mount("/api/", sub)
	r.Get("/api/health", mountEcho) // beats the mount: static over catch-all
	r.Mount("/t/{tenant}", http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, "tenant=%s path=%s raw=%s pattern=%s", req.PathValue("tenant"), req.URL.Path, req.URL.RawPath, req.Pattern)
	}))
	r.Group("/g", func(g *Router) {
		g.Use(mountTag("g"))
		g.Mount("/m", sub)
	})
	sub.Post("/late", mountEcho) // added after mounting: still served

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
		if w := mountDo(r, tt.method, tt.target); w.Code != tt.wantCode || w.Body.String() != tt.wantBody {
			t.Errorf("%s %s = %d %q, want %d %q", tt.method, tt.target, w.Code, w.Body, tt.wantCode, tt.wantBody)
		}
	}
	if got := strings.Join(mountDo(r, "GET", "/g/m/users/1").Header().Values("X-Trace"), " "); got != "g> <g" {
		t.Errorf("GET /g/m/users/1, mounted in a group: middleware ran %q, want \"g> <g\"", got)
	}
	// The caller's request is left alone.
	req := httptest.NewRequest("GET", "/api/users/4", nil)
	r.ServeHTTP(httptest.NewRecorder(), req)
	if req.URL.Path != "/api/users/4" {
		t.Errorf("after a mounted request, the caller's URL.Path = %q, want it unchanged: \"/api/users/4\" (change a copy)", req.URL.Path)
	}
}

func TestMountAtRoot(t *testing.T) {
	sub := New()
	sub.Get("/", mountEcho)
	sub.Get("/x", mountEcho)
	r := New()
	r.Get("/own", mountEcho)
	r.Mount("/", sub)
	for _, tt := range [][2]string{{"/", "/"}, {"/x", "/x"}, {"/own", "/own"}} {
		if w := mountDo(r, "GET", tt[0]); w.Body.String() != tt[1] {
			t.Errorf("GET %s = %d %q, want %q", tt[0], w.Code, w.Body, tt[1])
		}
	}
}

// mountPanic runs f and returns the text of what it panics with, or "no panic".
func mountPanic(f func()) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			msg = fmt.Sprint(v)
		}
	}()
	f()
	return "no panic"
}

func TestMountErrors(t *testing.T) {
	tests := []struct {
		name string
		give func(r *Router)
		want string
	}{
		{"nil handler", func(r *Router) { r.Mount("/api", nil) }, `velocy: "/api": nil handler`},
		{"prefix without slash", func(r *Router) { r.Mount("api", New()) }, `velocy: "api": at offset 0: pattern must begin with '/'`},
		{"catch-all prefix", func(r *Router) { r.Mount("/a/{p...}", New()) }, `velocy: "/a/{p...}": at offset 3: a prefix cannot end in a catch-all`},
		{"twice", func(r *Router) { r.Mount("/api", New()); r.Mount("/api", New()) }, `velocy: "/api/*": already registered`},
		{"route first", func(r *Router) { r.Get("/api", mountEcho); r.Mount("/api", New()) }, `velocy: "/api/*": conflicts with GET "/api"`},
		{"catch-all first", func(r *Router) { r.Get("/api/{rest...}", mountEcho); r.Mount("/api", New()) }, `velocy: "/api/*": conflicts with GET "/api/{rest...}"`},
		{"route after", func(r *Router) { r.Mount("/api", New()); r.Post("/api", mountEcho) }, `velocy: POST "/api": conflicts with mount "/api/*"`},
	}
	for _, tt := range tests {
		if got := mountPanic(func() { tt.give(New()) }); got != tt.want {
			t.Errorf("%s: %s, want a panic with %q", tt.name, got, tt.want)
		}
	}
	// A failed mount leaves nothing behind.
	r := New()
	r.Get("/api", mountEcho)
	if err := r.mount("/api", New()); err == nil {
		t.Fatal(`mount("/api") after GET /api = nil, want a conflict`)
	}
	if w := mountDo(r, "GET", "/api/x"); w.Code != http.StatusNotFound {
		t.Errorf("GET /api/x after a failed mount = %d %q, want 404: check both entries before adding either", w.Code, w.Body)
	}
}

func TestRoutesWithMounts(t *testing.T) {
	sub := New()
	sub.Get("/", mountEcho)
	sub.Put("/users/{id}", mountEcho)
	r := New()
	r.Post("/users", mountEcho)
	r.Get("/users", mountEcho)
	r.Get("/", mountEcho)
	r.Group("/admin", func(g *Router) { g.Delete("/users/{id}", mountEcho) })
	r.Mount("/api", sub)
	r.Mount("/legacy", http.NotFoundHandler())
	sub.Get("/late", mountEcho)
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
		t.Errorf("Routes() =\n%v\nwant\n%v", got, want)
	}
}
