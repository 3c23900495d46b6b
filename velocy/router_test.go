package velocy

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// echo is a handler that writes what a test needs to check: the pattern
// that matched and the value of each wildcard it names, as
// "/users/{id} id=42".
func echo(w http.ResponseWriter, req *http.Request) {
	var b strings.Builder
	b.WriteString(req.Pattern)
	for _, name := range wildcardNames(req.Pattern) {
		fmt.Fprintf(&b, " %s=%s", name, req.PathValue(name))
	}
	w.Write([]byte(b.String()))
}

var wildcardRE = regexp.MustCompile(`\{([^{}.]+)(\.\.\.)?\}`)

func wildcardNames(pattern string) []string {
	var names []string
	for _, m := range wildcardRE.FindAllStringSubmatch(pattern, -1) {
		names = append(names, m[1])
	}
	return names
}

// newEchoRouter registers echo for each "METHOD /pattern" in routes.
func newEchoRouter(routes ...string) *Router {
	r := New()
	for _, rt := range routes {
		method, pattern, _ := strings.Cut(rt, " ")
		r.HandleFunc(method, pattern, echo)
	}
	return r
}

// do serves one request built from target, which may hold escapes and a
// query, and returns the recorded response.
func do(h http.Handler, method, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	return w
}

// matchRoutes is the route set of the matching tests: static, param and
// catch-all siblings at several depths, and routes that only backtracking
// can reach.
var matchRoutes = []string{
	"GET /",
	"GET /users",
	"GET /users/",
	"GET /users/new",
	"GET /users/{id}",
	"GET /users/{id}/profile",
	"GET /users/new/edit",
	"GET /u/{id}",
	"POST /u/{userID}/posts",
	"GET /files/{path...}",
	"GET /files/special",
	"GET /a/b/c",
	"GET /a/{x}/d",
	"GET /a/{x}/{y}/e",
	"GET /a/{rest...}",
	"GET /repos/{owner}/{repo}/issues/{number}/comments",
	"GET /caf%C3%A9/{drink}",
	"GET /enc/a%2Fb",
	"GET /x/{one}/{two}/{three}/{four}/{five}/{six}/{seven}/{eight}/{nine}/{ten}/{eleven}/{twelve}/{thirteen}/{fourteen}/{fifteen}/{sixteen}/{seventeen}/{eighteen}/{nineteen}/{twenty}",
}

func TestRouterMatch(t *testing.T) {
	r := newEchoRouter(matchRoutes...)
	tests := []struct {
		method, target string
		want           string
	}{
		{"GET", "/", "/"},
		{"GET", "/users", "/users"},
		{"GET", "/users/", "/users/"},
		// Static beats param.
		{"GET", "/users/new", "/users/new"},
		{"GET", "/users/42", "/users/{id} id=42"},
		{"GET", "/users/Ada%20Lovelace", "/users/{id} id=Ada Lovelace"},
		// Backtracking: new/profile is only reachable through {id}.
		{"GET", "/users/new/profile", "/users/{id}/profile id=new"},
		{"GET", "/users/new/edit", "/users/new/edit"},
		{"GET", "/users/42/profile", "/users/{id}/profile id=42"},
		// Names belong to routes: the same position, two names.
		{"GET", "/u/7", "/u/{id} id=7"},
		{"POST", "/u/7/posts", "/u/{userID}/posts userID=7"},
		// Catch-all: the rest of the path, possibly empty, and below static.
		{"GET", "/files/", "/files/{path...} path="},
		{"GET", "/files/a", "/files/{path...} path=a"},
		{"GET", "/files/a/b/c.txt", "/files/{path...} path=a/b/c.txt"},
		{"GET", "/files/special", "/files/special"},
		{"GET", "/files/special/more", "/files/{path...} path=special/more"},
		// Deep backtracking through params and into a catch-all.
		{"GET", "/a/b/c", "/a/b/c"},
		{"GET", "/a/b/d", "/a/{x}/d x=b"},
		{"GET", "/a/b/c/e", "/a/{x}/{y}/e x=b y=c"},
		{"GET", "/a/b/c/f", "/a/{rest...} rest=b/c/f"},
		{"GET", "/a/b", "/a/{rest...} rest=b"},
		{"GET", "/a/", "/a/{rest...} rest="},
		{"GET", "/repos/learn-go/velocy/issues/12/comments", "/repos/{owner}/{repo}/issues/{number}/comments owner=learn-go repo=velocy number=12"},
		// Percent-encoding: literals and values are compared decoded, and
		// an escaped slash stays inside its segment.
		{"GET", "/caf%C3%A9/latte", "/caf%C3%A9/{drink} drink=latte"},
		{"GET", "/café/latte", "/caf%C3%A9/{drink} drink=latte"},
		{"GET", "/caf%c3%a9/fla%74%20white", "/caf%C3%A9/{drink} drink=flat white"},
		{"GET", "/users/a%2Fb", "/users/{id} id=a/b"},
		{"GET", "/users/a%2Fb/profile", "/users/{id}/profile id=a/b"},
		{"GET", "/users/%6Eew", "/users/new"},
		{"GET", "/users/%6Eew%2Fx", "/users/{id} id=new/x"},
		{"GET", "/enc/a%2Fb", "/enc/a%2Fb"},
		{"GET", "/enc/a%2fb", "/enc/a%2Fb"},
		{"GET", "/files/a%2Fb/c%20d", "/files/{path...} path=a/b/c d"},
		{"GET", "/users/100%25", "/users/{id} id=100%"},
		{"GET", "/users/a+b", "/users/{id} id=a+b"},
		// The query string takes no part in matching.
		{"GET", "/users/42?tab=repos&x=%zz", "/users/{id} id=42"},
		{"GET", "/x/1/2/3/4/5/6/7/8/9/10/11/12/13/14/15/16/17/18/19/20", "/x/{one}/{two}/{three}/{four}/{five}/{six}/{seven}/{eight}/{nine}/{ten}/{eleven}/{twelve}/{thirteen}/{fourteen}/{fifteen}/{sixteen}/{seventeen}/{eighteen}/{nineteen}/{twenty} one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 twelve=12 thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17 eighteen=18 nineteen=19 twenty=20"},
	}
	for _, tt := range tests {
		w := do(r, tt.method, tt.target)
		if w.Code != http.StatusOK || w.Body.String() != tt.want {
			t.Errorf("%s %s = %d %q, want 200 %q", tt.method, tt.target, w.Code, w.Body, tt.want)
		}
	}
}

func TestRouterNotFound(t *testing.T) {
	r := newEchoRouter(matchRoutes...)
	for _, target := range []string{
		"/nope",
		"/Users", // paths are case-sensitive
		"/users/42/profile/extra",
		"/u/7/posts/x",
		"/repos/a/b/issues/1",
		"/caf%C3%A9",
		"/enc/a/b", // a real slash is not %2F
	} {
		w := do(r, "GET", target)
		if w.Code != http.StatusNotFound || w.Body.String() != "404 page not found\n" {
			t.Errorf("GET %s = %d %q, want 404 \"404 page not found\\n\"", target, w.Code, w.Body)
		}
	}
}

func TestRouterMethods(t *testing.T) {
	r := newEchoRouter(
		"GET /items",
		"POST /items",
		"GET /items/{id}",
		"PUT /items/{id}",
		"DELETE /items/{id}",
		"PATCH /items/{id}",
		"PROPFIND /dav/{path...}",
		"HEAD /only-head",
		"OPTIONS /custom-options",
		"GET /custom-options",
		"GET /both",
		"POST /over/{x}",
		"GET /over/static",
	)
	r.Head("/both", func(w http.ResponseWriter, req *http.Request) { w.Header().Set("X-Head", "explicit") })
	tests := []struct {
		method, target string
		wantCode       int
		wantBody       string
		wantAllow      string
	}{
		{"GET", "/items", 200, "/items", ""},
		{"POST", "/items", 200, "/items", ""},
		{"PUT", "/items/1", 200, "/items/{id} id=1", ""},
		{"PATCH", "/items/1", 200, "/items/{id} id=1", ""},
		{"DELETE", "/items/1", 200, "/items/{id} id=1", ""},
		{"PROPFIND", "/dav/a/b", 200, "/dav/{path...} path=a/b", ""},
		// HEAD falls back to GET.
		{"HEAD", "/items/1", 200, "/items/{id} id=1", ""},
		{"HEAD", "/only-head", 200, "/only-head", ""},
		// 405 with the methods that do match, sorted, HEAD added for GET.
		{"DELETE", "/items", 405, "405 method not allowed\n", "GET, HEAD, OPTIONS, POST"},
		{"POST", "/items/1", 405, "405 method not allowed\n", "DELETE, GET, HEAD, OPTIONS, PATCH, PUT"},
		{"GET", "/only-head", 405, "405 method not allowed\n", "HEAD, OPTIONS"},
		{"GET", "/dav/x", 405, "405 method not allowed\n", "OPTIONS, PROPFIND"},
		// A method can reach a less specific route: POST /over/static is
		// served by POST /over/{x}, not refused by GET /over/static.
		{"POST", "/over/static", 200, "/over/{x} x=static", ""},
		// Allow lists every route that matches the path, at any depth.
		{"PUT", "/over/static", 405, "405 method not allowed\n", "GET, HEAD, OPTIONS, POST"},
		// OPTIONS is answered with Allow unless a route takes it.
		{"OPTIONS", "/items/1", 204, "", "DELETE, GET, HEAD, OPTIONS, PATCH, PUT"},
		{"OPTIONS", "/custom-options", 200, "/custom-options", ""},
		{"OPTIONS", "/nope", 404, "404 page not found\n", ""},
	}
	for _, tt := range tests {
		w := do(r, tt.method, tt.target)
		if w.Code != tt.wantCode || w.Body.String() != tt.wantBody || w.Header().Get("Allow") != tt.wantAllow {
			t.Errorf("%s %s = %d %q Allow %q, want %d %q Allow %q",
				tt.method, tt.target, w.Code, w.Body, w.Header().Get("Allow"), tt.wantCode, tt.wantBody, tt.wantAllow)
		}
	}
	if w := do(r, "HEAD", "/both"); w.Header().Get("X-Head") != "explicit" {
		t.Errorf("HEAD /both: X-Head = %q, want \"explicit\" from the HEAD route, not the GET one", w.Header().Get("X-Head"))
	}
}

func TestRouterHooks(t *testing.T) {
	r := newEchoRouter("GET /thing")
	r.NotFound(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		http.Error(w, "no such thing: "+req.URL.Path, http.StatusNotFound)
	}))
	r.MethodNotAllowed(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		http.Error(w, "try "+w.Header().Get("Allow"), http.StatusMethodNotAllowed)
	}))
	if w := do(r, "GET", "/other"); w.Code != 404 || w.Body.String() != "no such thing: /other\n" {
		t.Errorf("GET /other with a NotFound hook = %d %q, want 404 \"no such thing: /other\\n\"", w.Code, w.Body)
	}
	if w := do(r, "POST", "/thing"); w.Code != 405 || w.Body.String() != "try GET, HEAD, OPTIONS\n" {
		t.Errorf("POST /thing with a MethodNotAllowed hook = %d %q, want 405 \"try GET, HEAD, OPTIONS\\n\"", w.Code, w.Body)
	}
	r.NotFound(nil)
	r.MethodNotAllowed(nil)
	if w := do(r, "GET", "/other"); w.Body.String() != "404 page not found\n" {
		t.Errorf("GET /other after NotFound(nil) = %q, want the default 404", w.Body)
	}
	if w := do(r, "POST", "/thing"); w.Body.String() != "405 method not allowed\n" {
		t.Errorf("POST /thing after MethodNotAllowed(nil) = %q, want the default 405", w.Body)
	}
}

func TestRouterTrailingSlash(t *testing.T) {
	r := newEchoRouter("GET /dir/", "GET /file", "POST /form", "GET /files/{path...}", "GET /both", "GET /both/", "GET /a%20b")
	tests := []struct {
		method, target string
		wantCode       int
		wantLocation   string
	}{
		{"GET", "/dir", 301, "/dir/"},
		{"HEAD", "/dir", 301, "/dir/"},
		{"GET", "/file/", 301, "/file"},
		{"GET", "/file/?q=1&r=%2F", 301, "/file?q=1&r=%2F"},
		{"POST", "/form/", 308, "/form"},
		{"GET", "/files", 301, "/files/"},
		{"GET", "/a%20b/", 301, "/a%20b"},
		{"GET", "/both", 200, ""},
		{"GET", "/both/", 200, ""},
		{"GET", "/dir//", 301, "/dir/"},
		// A redirect to another method's route is fine: the client gets 405 there.
		{"DELETE", "/file/", 308, "/file"},
		// Never redirect to a protocol-relative URL: "//file/" is cleaned to
		// "/file/" first, and "//" has nothing to toggle.
		{"GET", "//file/", 301, "/file/"},
		{"GET", "//", 301, "/"},
		{"GET", "/", 404, ""},
		{"GET", "/nope/", 404, ""},
	}
	for _, tt := range tests {
		w := do(r, tt.method, tt.target)
		if w.Code != tt.wantCode || w.Header().Get("Location") != tt.wantLocation {
			t.Errorf("%s %s = %d Location %q, want %d Location %q", tt.method, tt.target, w.Code, w.Header().Get("Location"), tt.wantCode, tt.wantLocation)
		}
	}
	// A hand-built request with a backslash (net/http's parser would also
	// accept it) must not redirect to "/\host", which browsers read as "//host".
	req := httptest.NewRequest("GET", "/", nil)
	req.URL = &url.URL{Path: `/\evil.example/`}
	w := httptest.NewRecorder()
	newEchoRouter("GET /{x}/{y}").ServeHTTP(w, req)
	if w.Code != 404 {
		t.Errorf(`GET /\evil.example/ = %d Location %q, want 404`, w.Code, w.Header().Get("Location"))
	}
}

// TestRouterCleanPaths is the regression test of a path traversal: the
// router used to hand "../../etc/passwd" and "/etc/passwd" to a catch-all.
// Now a path with "." or ".." segments or repeated slashes is redirected to
// its cleaned form, as http.ServeMux does, and no wildcard ever takes a value
// that starts with a slash or holds a dot segment, even hidden by escapes.
func TestRouterCleanPaths(t *testing.T) {
	r := newEchoRouter("GET /static/{path...}", "GET /users/{id}", "GET /users/{id}/posts", "POST /form/{x}", "GET /etc/passwd")
	tests := []struct {
		method, target string
		wantCode       int
		want           string // the Location of a redirect, or the body
	}{
		{"GET", "/static/../../etc/passwd", 301, "/etc/passwd"},
		{"GET", "/static//etc/passwd", 301, "/static/etc/passwd"},
		{"GET", "/static/a/./b", 301, "/static/a/b"},
		{"GET", "/static/a/b/.", 301, "/static/a/b"},
		{"GET", "/static/a/b/..", 301, "/static/a"},
		{"GET", "/static/a//", 301, "/static/a/"},
		{"GET", "/users/../users/42", 301, "/users/42"},
		{"GET", "/users/./posts?x=1", 301, "/users/posts?x=1"},
		{"GET", "/users/..", 301, "/"},
		{"POST", "/form/../form/7", 308, "/form/7"},
		{"GET", "/static/a%20b/../c", 301, "/static/c"},
		// Escaped dots and slashes cannot be cleaned by a redirect: the
		// wildcard refuses them, and nothing else matches.
		{"GET", "/static/%2E%2E/etc/passwd", 404, "404 page not found\n"},
		{"GET", "/static/%2Fetc/passwd", 404, "404 page not found\n"},
		{"GET", "/static/a%2F..%2F..%2Fetc", 404, "404 page not found\n"},
		{"GET", "/users/%2e", 404, "404 page not found\n"},
		{"GET", "/users/%2Froot", 404, "404 page not found\n"},
		// Dots that are not whole segments are ordinary text.
		{"GET", "/static/.well-known/a..b/...", 200, "/static/{path...} path=.well-known/a..b/..."},
		{"GET", "/users/.x", 200, "/users/{id} id=.x"},
		{"GET", "/static/a%2Fb/c", 200, "/static/{path...} path=a/b/c"},
		{"GET", "/static/", 200, "/static/{path...} path="},
	}
	for _, tt := range tests {
		w := do(r, tt.method, tt.target)
		got := w.Body.String()
		if tt.wantCode/100 == 3 {
			got = w.Header().Get("Location")
		}
		if w.Code != tt.wantCode || got != tt.want {
			t.Errorf("%s %s = %d %q, want %d %q", tt.method, tt.target, w.Code, got, tt.wantCode, tt.want)
		}
	}
}

func TestRouterBadEscape(t *testing.T) {
	r := newEchoRouter("GET /users/{id}", "GET /files/{path...}")
	for _, raw := range []string{"/users/%zz", "/users/%", "/files/a%2Fb%2", "/users/%4"} {
		// net/http's parser refuses these; a request built by hand (or by
		// another server in front) can still carry them in RawPath.
		req := httptest.NewRequest("GET", "/", nil)
		req.URL = &url.URL{Path: "/users/x", RawPath: raw}
		w := httptest.NewRecorder()
		r.ServeHTTP(w, req)
		if w.Code != http.StatusBadRequest {
			t.Errorf("GET %s = %d %q, want 400", raw, w.Code, w.Body)
		}
	}
	// A path that does not start with a slash (CONNECT, or a hand-built
	// request) finds nothing.
	req := httptest.NewRequest("GET", "/", nil)
	req.URL = &url.URL{Path: "users/1"}
	w := httptest.NewRecorder()
	r.ServeHTTP(w, req)
	if w.Code != http.StatusNotFound {
		t.Errorf("GET users/1 (no leading slash) = %d, want 404", w.Code)
	}
}

// handleErr calls Handle and returns what it panics with.
func handleErr(r *Router, method, pattern string, h http.Handler) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = v.(error)
		}
	}()
	r.Handle(method, pattern, h)
	return nil
}

func TestRouterRegistrationErrors(t *testing.T) {
	ok := http.HandlerFunc(echo)
	existing := []string{"GET /users/{id}", "GET /files/{path...}", "POST /u/{userID}"}
	tests := []struct {
		method, pattern string
		h               http.Handler
		want            string
	}{
		{"", "/x", ok, `velocy: "/x": empty method`},
		{"get", "/x", ok, `velocy: get "/x": bad method "get": use an upper-case HTTP method such as GET`},
		{"GET /x", "/x", ok, `velocy: GET /x "/x": bad method "GET /x": use an upper-case HTTP method such as GET`},
		{"GET", "/x", nil, `velocy: GET "/x": nil handler`},
		{"GET", "/users/{id}", ok, `velocy: GET "/users/{id}": already registered`},
		{"GET", "/users/{name}", ok, `velocy: GET "/users/{name}": conflicts with GET "/users/{id}"`},
		{"GET", "/files/{rest...}", ok, `velocy: GET "/files/{rest...}": conflicts with GET "/files/{path...}"`},
		{"POST", "/u/{id}", ok, `velocy: POST "/u/{id}": conflicts with POST "/u/{userID}"`},
		{"GET", "users", ok, `velocy: GET "users": at offset 0: pattern must begin with '/'`},
		{"GET", "/a/{id}/{id}", ok, `velocy: GET "/a/{id}/{id}": at offset 8: duplicate wildcard name "id"`},
	}
	for _, tt := range tests {
		r := newEchoRouter(existing...)
		err := handleErr(r, tt.method, tt.pattern, tt.h)
		if err == nil || err.Error() != tt.want {
			t.Errorf("Handle(%q, %q) panics with %v, want %q", tt.method, tt.pattern, err, tt.want)
			continue
		}
		var pe *PatternError
		if !errors.As(err, &pe) {
			t.Errorf("Handle(%q, %q) panics with %T, want *PatternError", tt.method, tt.pattern, err)
		}
		// The same error without a panic.
		if err := r.handle(tt.method, tt.pattern, tt.h); err == nil || err.Error() != tt.want {
			t.Errorf("handle(%q, %q) = %v, want %q", tt.method, tt.pattern, err, tt.want)
		}
	}
	// Every syntax error reaches Handle's panic unchanged.
	for _, tt := range patternErrorTests {
		if err := handleErr(New(), "GET", tt.give, ok); err == nil || err.Error() != tt.want {
			t.Errorf("Handle(GET, %q) panics with %v, want %q", tt.give, err, tt.want)
		}
	}
	// The helpers report nil handlers too, instead of storing them.
	for name, register := range map[string]func(r *Router){
		"Get":        func(r *Router) { r.Get("/x", nil) },
		"Post":       func(r *Router) { r.Post("/x", nil) },
		"HandleFunc": func(r *Router) { r.HandleFunc("GET", "/x", nil) },
	} {
		func() {
			defer func() {
				if v := recover(); v == nil || !strings.Contains(fmt.Sprint(v), "nil handler") {
					t.Errorf("%s(\"/x\", nil) panics with %v, want a nil handler error", name, v)
				}
			}()
			register(New())
		}()
	}
}

func TestRouterVerbHelpers(t *testing.T) {
	r := New()
	helpers := map[string]func(string, http.HandlerFunc){
		"GET": r.Get, "POST": r.Post, "PUT": r.Put, "PATCH": r.Patch,
		"DELETE": r.Delete, "HEAD": r.Head, "OPTIONS": r.Options,
	}
	for method, register := range helpers {
		register("/"+strings.ToLower(method), echo)
	}
	for method := range helpers {
		path := "/" + strings.ToLower(method)
		if w := do(r, method, path); w.Code != 200 || w.Body.String() != path {
			t.Errorf("%s %s = %d %q, want 200 %q", method, path, w.Code, w.Body, path)
		}
		other := "POST"
		if method == "POST" {
			other = "PUT"
		}
		if w := do(r, other, path); w.Code != 405 {
			t.Errorf("%s %s = %d, want 405: the route was registered for %s only", other, path, w.Code, method)
		}
	}
}

func TestRouterTree(t *testing.T) {
	r := newEchoRouter("GET /users/new", "GET /users/{id}", "GET /users/{id}/profile", "GET /files/{path...}", "POST /users/{id}")
	var b strings.Builder
	r.core.root.print(&b, 0)
	want := `/files
  /{...}
    => GET "/files/{path...}"
/users
  /new
    => GET "/users/new"
  /{}
    => GET "/users/{id}"
    => POST "/users/{id}"
    /profile
      => GET "/users/{id}/profile"
`
	if b.String() != want {
		t.Errorf("tree =\n%s\nwant\n%s", b.String(), want)
	}
}

func TestRouterStaticNoAllocation(t *testing.T) {
	r := newEchoRouter(matchRoutes...)
	r.Get("/noop/static", func(http.ResponseWriter, *http.Request) {})
	r.Get("/noop/{id}", func(http.ResponseWriter, *http.Request) {})
	w := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/noop/static", nil)
	if allocs := testing.AllocsPerRun(100, func() { r.ServeHTTP(w, req) }); allocs != 0 {
		t.Errorf("GET /noop/static: %v allocations, want 0", allocs)
	}
	req = httptest.NewRequest("GET", "/noop/42", nil)
	r.ServeHTTP(w, req) // the first SetPathValue makes the request's value map
	if allocs := testing.AllocsPerRun(100, func() { r.ServeHTTP(w, req) }); allocs != 0 {
		t.Errorf("GET /noop/42 (reused request): %v allocations, want 0", allocs)
	}
}

func newRequest(method, target string) *http.Request { return httptest.NewRequest(method, target, nil) }

func newRecorder() *httptest.ResponseRecorder { return httptest.NewRecorder() }
