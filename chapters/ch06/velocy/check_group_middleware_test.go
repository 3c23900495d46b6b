package velocy

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

// groupMiddlewareTag returns middleware that adds name> to the X-Trace header
// before the next handler runs and <name after it.
func groupMiddlewareTag(name string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			w.Header().Add("X-Trace", name+">")
			next.ServeHTTP(w, req)
			w.Header().Add("X-Trace", "<"+name)
		})
	}
}

func TestGroupMiddlewareOrder(t *testing.T) {
	ok := func(w http.ResponseWriter, req *http.Request) { w.Write([]byte(req.Pattern)) }
	r := New()
	r.Use(groupMiddlewareTag("root"))
	r.Get("/", ok)
	r.Group("/api", func(api *Router) {
		api.Use(groupMiddlewareTag("api"))
		api.Get("/users/{id}", ok)
		api.Group("/admin", func(admin *Router) {
			admin.Use(groupMiddlewareTag("admin"), groupMiddlewareTag("audit"))
			admin.Delete("/users/{id}", ok)
		})
		api.Get("/status", ok) // after the nested group: only api's middleware
	})
	r.Group("/web", func(web *Router) {
		web.Use(groupMiddlewareTag("web"))
		web.Get("/", ok)
	})
	tests := []struct {
		method, target string
		wantTrace      string
	}{
		{"GET", "/", "root> <root"},
		{"GET", "/api/users/3", "root> api> <api <root"},
		{"DELETE", "/api/admin/users/3", "root> api> admin> audit> <audit <admin <api <root"},
		{"GET", "/api/status", "root> api> <api <root"},
		{"GET", "/web/", "root> web> <web <root"},
		{"GET", "/nope", "root> <root"},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if got := strings.Join(w.Header().Values("X-Trace"), " "); got != tt.wantTrace {
			t.Errorf("%s %s (answered %d %q): middleware ran %q, want %q", tt.method, tt.target, w.Code, w.Body, got, tt.wantTrace)
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
		g.Get("/posts", func(http.ResponseWriter, *http.Request) {})
	})
	r.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/users/5/posts", nil))
	if want := "/users/{id}/posts id=5"; got != want {
		t.Errorf("group middleware saw %q, want %q: it wraps the route, so it runs after the match", got, want)
	}
}

// groupMiddlewarePanic runs f and returns the text of what it panics with,
// or "no panic".
func groupMiddlewarePanic(f func()) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			msg = fmt.Sprint(v)
		}
	}()
	f()
	return "no panic"
}

func TestGroupMiddlewareUseTooLate(t *testing.T) {
	noop := func(http.ResponseWriter, *http.Request) {}
	tests := []struct {
		name string
		give func(r *Router)
		want string
	}{
		{"Use after a route", func(r *Router) {
			r.Group("/api", func(g *Router) { g.Get("/x", noop); g.Use(groupMiddlewareTag("late")) })
		}, `velocy: Use in group "/api" after its routes: call Use before adding routes to the group`},
		{"Use after a nested group", func(r *Router) {
			r.Group("/shop", func(g *Router) { g.Group("/v1", func(*Router) {}); g.Use(groupMiddlewareTag("late")) })
		}, `velocy: Use in group "/shop" after its routes: call Use before adding routes to the group`},
		{"Use on the top-level router after routes", func(r *Router) {
			r.Get("/x", noop)
			r.Use(groupMiddlewareTag("fine"))
		}, "no panic"},
	}
	for _, tt := range tests {
		if got := groupMiddlewarePanic(func() { tt.give(New()) }); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, groupMiddlewareWant(tt.want))
		}
	}
}

func groupMiddlewareWant(msg string) string {
	if msg == "no panic" {
		return msg
	}
	return fmt.Sprintf("a panic with %q", msg)
}

// TestGroupMiddlewareFieldNames pins the names of the fields a group's
// Router has: the code of later steps (With, the mounts) uses them.
func TestGroupMiddlewareFieldNames(t *testing.T) {
	typ := reflect.TypeOf(Router{})
	for _, f := range []struct {
		name string
		typ  reflect.Type
	}{
		{"prefix", reflect.TypeOf("")},
		{"middleware", reflect.TypeOf([]func(http.Handler) http.Handler(nil))},
		{"group", reflect.TypeOf(false)},
		{"registered", reflect.TypeOf(false)},
	} {
		if got, ok := typ.FieldByName(f.name); !ok || got.Type != f.typ {
			t.Errorf("Router has no field %s of type %v: name the group's fields as the lesson does (later steps use these names)", f.name, f.typ)
		}
	}
}
