package velocy

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"regexp"
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

// mountWord returns a random lower-case word of 3 to 8 letters.
func mountWord() string {
	b := make([]byte, 3+rand.IntN(6))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

func TestMountRouter(t *testing.T) {
	sub := New()
	sub.Get("/", mountEcho)
	sub.Get("/users/{id}", mountEcho)

	api, tenant, id := "/"+mountWord(), mountWord(), mountWord()
	anyMethod := []string{"GET", "PUT", "DELETE", "PATCH", "PROPFIND"}[rand.IntN(5)]
	r := New()
	r.Mount(api+"/", sub)
	r.Get(api+"/health", mountEcho) // beats the mount: static over catch-all
	r.Mount("/t/{tenant}", http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		fmt.Fprintf(w, "%s tenant=%s path=%s raw=%s pattern=%s", req.Method, req.PathValue("tenant"), req.URL.Path, req.URL.RawPath, req.Pattern)
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
		{"GET", api, 200, "/"},
		{"GET", api + "/", 200, "/"},
		{"GET", api + "/users/" + id, 200, "/users/{id} id=" + id},
		{"GET", api + "/health", 200, api + "/health"},
		{"POST", api + "/late", 200, "/late"},
		{"GET", api + "/late", 405, "405 method not allowed\n"},
		{"GET", api + "/nope", 404, "404 page not found\n"},
		{"GET", api + "x", 404, "404 page not found\n"},
		{anyMethod, "/t/" + tenant + "/x/" + id, 200, anyMethod + " tenant=" + tenant + " path=/x/" + id + " raw= pattern=/t/{tenant}/*"},
		{"GET", "/t/" + tenant, 200, "GET tenant=" + tenant + " path=/ raw= pattern=/t/{tenant}/*"},
		{"GET", "/t/" + tenant + "/a%2Fb/c", 200, "GET tenant=" + tenant + " path=/a/b/c raw=/a%2Fb/c pattern=/t/{tenant}/*"},
		{"GET", "/g/m/users/" + id, 200, "/users/{id} id=" + id},
	}
	for _, tt := range tests {
		if w := mountDo(r, tt.method, tt.target); w.Code != tt.wantCode || w.Body.String() != tt.wantBody {
			t.Errorf("%s %s = %d %q, want %d %q", tt.method, tt.target, w.Code, w.Body, tt.wantCode, tt.wantBody)
		}
	}
	if got := strings.Join(mountDo(r, "GET", "/g/m/users/1").Header().Values("X-Trace"), " "); got != "g> <g" {
		t.Errorf("GET /g/m/users/1, mounted in a group: middleware ran %q, want \"g> <g\": wrap the mount's handler in the group's middleware, as for a route", got)
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
			t.Errorf("with Mount(\"/\", sub): GET %s = %d %q, want %q", tt[0], w.Code, w.Body, tt[1])
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
	p := "/" + mountWord()
	tests := []struct {
		name string
		give func(r *Router)
		want string
	}{
		{"nil handler", func(r *Router) { r.Mount(p, nil) }, `velocy: "` + p + `": nil handler`},
		{"prefix without slash", func(r *Router) { r.Mount(p[1:], New()) }, `velocy: "` + p[1:] + `": at offset 0: pattern must begin with '/'`},
		{"catch-all prefix", func(r *Router) { r.Mount("/a/{p...}", New()) }, `velocy: "/a/{p...}": at offset 3: a prefix cannot end in a catch-all`},
		{"twice", func(r *Router) { r.Mount(p, New()); r.Mount(p, New()) }, `velocy: "` + p + `/*": already registered`},
		{"route first", func(r *Router) { r.Get(p, mountEcho); r.Mount(p, New()) }, `velocy: "` + p + `/*": conflicts with GET "` + p + `"`},
		{"catch-all first", func(r *Router) { r.Get(p+"/{rest...}", mountEcho); r.Mount(p, New()) }, `velocy: "` + p + `/*": conflicts with GET "` + p + `/{rest...}"`},
		{"route after", func(r *Router) { r.Mount(p, New()); r.Post(p, mountEcho) }, `velocy: POST "` + p + `": conflicts with mount "` + p + `/*"`},
		{"catch-all after", func(r *Router) { r.Mount(p, New()); r.Put(p+"/{x...}", mountEcho) }, `velocy: PUT "` + p + `/{x...}": conflicts with mount "` + p + `/*"`},
	}
	for _, tt := range tests {
		if got := mountPanic(func() { tt.give(New()) }); got != tt.want {
			t.Errorf("%s: %s, want a panic with %q", tt.name, got, tt.want)
		}
	}
	// A failed mount leaves nothing behind.
	r := New()
	r.Get(p, mountEcho)
	if err := r.mount(p, New()); err == nil {
		t.Fatalf("mount(%q) after GET %s = nil, want a conflict", p, p)
	}
	if w := mountDo(r, "GET", p+"/x"); w.Code != http.StatusNotFound {
		t.Errorf("GET %s/x after a failed mount = %d %q, want 404: check both entries before adding either", p, w.Code, w.Body)
	}
}

// TestMountConflictsWithEveryMethod asks conflict directly: a mount (method
// "") takes every method, so it conflicts with a route of any method at its
// node, in both orders.
func TestMountConflictsWithEveryMethod(t *testing.T) {
	leaf := &node{}
	leaf.routes = append(leaf.routes, &route{method: "", pattern: "/api/*"})
	for _, method := range []string{"GET", "PROPFIND"} {
		if err := conflict(leaf, &route{method: method, pattern: "/api"}); err == nil {
			t.Errorf("conflict(a node with a mount, %s \"/api\") = nil, want an error: a mount takes every method", method)
		}
	}
	get := &node{}
	get.routes = append(get.routes, &route{method: "GET", pattern: "/api"})
	if err := conflict(get, &route{method: "", pattern: "/api/*"}); err == nil {
		t.Errorf("conflict(a node with GET \"/api\", a mount) = nil, want an error")
	}
}
