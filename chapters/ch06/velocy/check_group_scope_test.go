package velocy

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// groupScopeTag returns middleware that adds name> to the X-Trace header
// before the next handler runs and <name after it.
func groupScopeTag(name string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			w.Header().Add("X-Trace", name+">")
			next.ServeHTTP(w, req)
			w.Header().Add("X-Trace", "<"+name)
		})
	}
}

// groupScopeDeny is middleware that answers 401 to every request, as an
// authentication check would to a client without credentials.
func groupScopeDeny(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		http.Error(w, "401 unauthorized", http.StatusUnauthorized)
	})
}

func TestGroupScopeGuardsAutomaticAnswers(t *testing.T) {
	admin := fmt.Sprintf("/admin%d", rand.IntN(1000))
	ok := func(w http.ResponseWriter, req *http.Request) { w.Write([]byte(req.Pattern)) }
	r := New()
	r.Get("/public", ok)
	r.Group(admin, func(g *Router) {
		g.Use(groupScopeDeny)
		g.Delete("/users/{id}", ok)
		g.Get("/dir/", ok)
	})
	for _, tt := range []struct{ method, target, what string }{
		{"DELETE", admin + "/users/7", "the route itself"},
		{"GET", admin + "/users/7", "the 405"},
		{"OPTIONS", admin + "/users/7", "the answer to OPTIONS"},
		{"GET", admin + "/dir", "the trailing-slash redirect"},
		{"GET", admin + "/users/../dir/", "the redirect to the cleaned path"},
		{"GET", admin + "/nope", "the 404"},
		{"GET", admin, "the 404 of the prefix itself"},
	} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if w.Code != http.StatusUnauthorized || w.Header().Get("Allow") != "" || w.Header().Get("Location") != "" {
			t.Errorf("%s %s = %d, Allow %q, Location %q; want 401 from the group's middleware: %s must go through it too",
				tt.method, tt.target, w.Code, w.Header().Get("Allow"), w.Header().Get("Location"), tt.what)
		}
	}
	for target, want := range map[string]int{"/public": 405, admin + "x": 404, "/nope": 404} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest("POST", target, nil))
		if w.Code != want {
			t.Errorf("POST %s = %d, want %d: the path is not under %s", target, w.Code, want, admin)
		}
	}
}

func TestGroupScopePreflight(t *testing.T) {
	origin := fmt.Sprintf("https://app%d.example", rand.IntN(1000))
	cors := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			w.Header().Set("Access-Control-Allow-Origin", origin)
			next.ServeHTTP(w, req)
		})
	}
	r := New()
	r.Group("/api/{version}", func(api *Router) {
		api.Use(cors)
		api.Put("/items/{id}", func(http.ResponseWriter, *http.Request) {})
	})
	w := httptest.NewRecorder()
	r.ServeHTTP(w, httptest.NewRequest("OPTIONS", "/api/v1/items/3", nil))
	if w.Code != http.StatusNoContent || w.Header().Get("Allow") != "OPTIONS, PUT" || w.Header().Get("Access-Control-Allow-Origin") != origin {
		t.Errorf("OPTIONS /api/v1/items/3 = %d, Allow %q, Access-Control-Allow-Origin %q; want 204, \"OPTIONS, PUT\", %q: a CORS middleware in the group must see the preflight",
			w.Code, w.Header().Get("Allow"), w.Header().Get("Access-Control-Allow-Origin"), origin)
	}
}

func TestGroupScopeDeepest(t *testing.T) {
	ok := func(w http.ResponseWriter, req *http.Request) { w.Write([]byte(req.Pattern)) }
	r := New()
	r.Use(groupScopeTag("root"))
	r.Group("/api", func(api *Router) {
		api.Use(groupScopeTag("api"))
		api.Get("/users/{id}", ok)
		api.Group("/v2", func(v2 *Router) {
			v2.Use(groupScopeTag("v2"))
			v2.Get("/users/{id}", ok)
		})
		api.Group("", func(same *Router) { // no prefix of its own: api's paths
			same.Use(groupScopeTag("same"))
			same.Post("/login", ok)
		})
	})
	r.Group("/users/{id}", func(u *Router) {
		u.Use(groupScopeTag("u"))
		u.Get("/posts", ok)
	})
	for _, tt := range []struct {
		method, target string
		wantCode       int
		wantTrace      string
	}{
		{"GET", "/api/nope", 404, "root> api> <api <root"},
		{"GET", "/api/v2/nope", 404, "root> api> v2> <v2 <api <root"},
		{"POST", "/api/v2/users/1", 405, "root> api> v2> <v2 <api <root"},
		{"GET", "/api/login", 405, "root> api> <api <root"}, // not through "same"
		{"POST", "/api/login", 200, "root> api> same> <same <api <root"},
		{"GET", "/users/9/nope", 404, "root> u> <u <root"}, // a wildcard prefix owns every path it matches
		{"GET", "/apiv2", 404, "root> <root"},
		{"GET", "/nope", 404, "root> <root"},
	} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if got := strings.Join(w.Header().Values("X-Trace"), " "); w.Code != tt.wantCode || got != tt.wantTrace {
			t.Errorf("%s %s = %d, middleware %q; want %d, middleware %q: the router's own answers go through the middleware of the deepest group whose prefix the path is under",
				tt.method, tt.target, w.Code, got, tt.wantCode, tt.wantTrace)
		}
	}
}

// groupScopeAnswer returns a handler that answers code with body.
func groupScopeAnswer(code int, body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		w.WriteHeader(code)
		io.WriteString(w, body)
	})
}

func TestGroupScopeHandlers(t *testing.T) {
	n := rand.IntN(1000)
	apiJSON := fmt.Sprintf(`{"error":"not found","n":%d}`, n)
	v2Allow := fmt.Sprintf("v2 %d: use ", n)
	ok := func(http.ResponseWriter, *http.Request) {}
	r := New()
	r.Get("/home", ok)
	r.NotFound(groupScopeAnswer(404, "site 404"))
	r.Group("/api", func(api *Router) {
		api.NotFound(groupScopeAnswer(404, apiJSON))
		api.Get("/users/{id}", ok)
		api.Group("/v2", func(v2 *Router) {
			v2.MethodNotAllowed(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
				w.WriteHeader(405)
				io.WriteString(w, v2Allow+w.Header().Get("Allow"))
			}))
			v2.Get("/users/{id}", ok)
		})
	})
	for _, tt := range []struct {
		method, target string
		wantCode       int
		wantBody       string
	}{
		{"GET", "/api/nope", 404, apiJSON},
		{"GET", "/api/v2/nope", 404, apiJSON}, // the nearest group above that has one
		{"POST", "/api/v2/users/1", 405, v2Allow + "GET, HEAD, OPTIONS"},
		{"POST", "/api/users/1", 405, "405 method not allowed\n"}, // v2's is only v2's
		{"GET", "/nope", 404, "site 404"},                         // the router's stays the router's
		{"POST", "/home", 405, "405 method not allowed\n"},
	} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if w.Code != tt.wantCode || w.Body.String() != tt.wantBody {
			t.Errorf("%s %s = %d %q, want %d %q: NotFound and MethodNotAllowed on a group's Router set the handlers for the paths under its prefix",
				tt.method, tt.target, w.Code, w.Body, tt.wantCode, tt.wantBody)
		}
	}
}

func TestGroupScopeNilRestores(t *testing.T) {
	r := New()
	r.NotFound(groupScopeAnswer(404, "site 404"))
	r.Group("/api", func(api *Router) {
		api.NotFound(groupScopeAnswer(404, "api 404"))
		api.NotFound(nil) // back to what is above: the router's
		api.Get("/x", func(http.ResponseWriter, *http.Request) {})
	})
	w := httptest.NewRecorder()
	r.ServeHTTP(w, httptest.NewRequest("GET", "/api/nope", nil))
	if w.Body.String() != "site 404" {
		t.Errorf("after api.NotFound(nil), GET /api/nope answered %q, want the router's \"site 404\"", w.Body)
	}
}

// TestGroupScopeNames pins the names this step introduces: the code of the
// later steps (the mounts) calls them.
func TestGroupScopeNames(t *testing.T) {
	files, _ := filepath.Glob("*.go")
	declared := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, src, parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				declared[fd.Name.Name] = true
			}
		}
	}
	for _, m := range []struct{ name, what string }{
		{"seal", "(*Router).seal, which marks a group as registered and builds its scope"},
		{"respond", "(*core).respond, the router's own answers"},
		{"scopeFor", "(*node).scopeFor, which finds the deepest scope on a path"},
	} {
		if !declared[m.name] {
			t.Errorf("the package has no function or method %s: write %s, as the lesson names it (later steps call it)", m.name, m.what)
		}
	}
	for _, typ := range []reflect.Type{reflect.TypeOf(Router{}), reflect.TypeOf(node{})} {
		if f, ok := typ.FieldByName("scope"); !ok || f.Type.Kind() != reflect.Pointer || f.Type.Elem().Name() != "scope" {
			t.Errorf("%v has no field scope of type *scope: give it one, as the lesson does (later steps use it)", typ)
		}
	}
}
