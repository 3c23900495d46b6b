package velocy

import (
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// paramNodeRouter registers each "METHOD /pattern" with a handler that
// answers with its own pattern, so a test sees which route a request reached.
func paramNodeRouter(routes ...string) *Router {
	r := New()
	for _, rt := range routes {
		method, pattern, _ := strings.Cut(rt, " ")
		r.HandleFunc(method, pattern, func(w http.ResponseWriter, req *http.Request) {
			io.WriteString(w, pattern)
		})
	}
	return r
}

var paramNodeRoutes = []string{
	"GET /users/new",
	"GET /users/{id}",
	"GET /users/{id}/profile",
	"GET /users/new/edit",
	"GET /u/{id}",
	"POST /u/{userID}/posts",
	"GET /e/{id}",
	"GET /a/b/c",
	"GET /a/{x}/d",
	"GET /a/{x}/{y}/e",
	"GET /repos/{owner}/{repo}/issues/{number}/comments",
}

// paramNodeValue returns a random path segment that no route above has as a
// literal.
func paramNodeValue() string {
	const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"
	for {
		b := make([]byte, 1+rand.IntN(10))
		for i := range b {
			b[i] = chars[rand.IntN(len(chars))]
		}
		switch s := string(b); s {
		case "new", "edit", "profile", "posts", "b", "c", "d", "e", "issues", "comments":
		default:
			return s
		}
	}
}

func TestParamNodeMatch(t *testing.T) {
	r := paramNodeRouter(paramNodeRoutes...)
	id, x, y := paramNodeValue(), paramNodeValue(), paramNodeValue()
	tests := []struct {
		method, target string
		want           string // the pattern of the route that must answer
	}{
		{"GET", "/users/" + id, "/users/{id}"},
		{"GET", "/users/" + id + "?tab=repos", "/users/{id}"}, // the query takes no part
		// A literal segment beats a wildcard.
		{"GET", "/users/new", "/users/new"},
		{"GET", "/users/new/edit", "/users/new/edit"},
		{"GET", "/users/" + id + "/profile", "/users/{id}/profile"},
		// Backtracking: new/profile is only reachable through {id}.
		{"GET", "/users/new/profile", "/users/{id}/profile"},
		// One position, two names: still one param child.
		{"GET", "/u/" + id, "/u/{id}"},
		{"POST", "/u/" + id + "/posts", "/u/{userID}/posts"},
		// Deeper backtracking, through more than one wildcard.
		{"GET", "/a/b/c", "/a/b/c"},
		{"GET", "/a/b/d", "/a/{x}/d"},
		{"GET", "/a/" + x + "/d", "/a/{x}/d"},
		{"GET", "/a/b/c/e", "/a/{x}/{y}/e"},
		{"GET", "/a/" + x + "/" + y + "/e", "/a/{x}/{y}/e"},
		{"GET", "/repos/" + x + "/" + y + "/issues/" + id + "/comments", "/repos/{owner}/{repo}/issues/{number}/comments"},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if w.Code != 200 || w.Body.String() != tt.want {
			t.Errorf("%s %s = %d %q, want 200 from the route %q", tt.method, tt.target, w.Code, w.Body, tt.want)
		}
	}
}

func TestParamNodeNoMatch(t *testing.T) {
	r := paramNodeRouter(paramNodeRoutes...)
	id := paramNodeValue()
	for _, tt := range []struct{ target, why string }{
		{"/e/", "{id} never matches an empty segment"},
		{"/users/" + id + "/profile/extra", "no route is that long"},
		{"/u/" + id + "/posts/x", "no route is that long"},
		{"/a/b", "no route ends after two segments under /a"},
		{"/a/" + id, "no route ends after two segments under /a"},
		{"/repos/a/b/issues/" + id, "the route needs /comments at the end"},
	} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest("GET", tt.target, nil))
		if w.Code != 404 {
			t.Errorf("GET %s = %d %q, want 404: %s", tt.target, w.Code, w.Body, tt.why)
		}
	}
}

func TestParamNodePrint(t *testing.T) {
	root := &node{}
	for _, p := range []string{"/users/{id}/profile", "/users/new", "/users/{id}", "/{page}"} {
		segs, err := parsePattern("GET", p)
		if err != nil {
			t.Fatalf("parsePattern(%q): %v", p, err)
		}
		leaf := root.insert(segs)
		leaf.routes = append(leaf.routes, &route{method: "GET", pattern: p})
	}
	var b strings.Builder
	root.print(&b, 0)
	want := `/users
  /new
    => GET "/users/new"
  /{}
    => GET "/users/{id}"
    /profile
      => GET "/users/{id}/profile"
/{}
  => GET "/{page}"
`
	if b.String() != want {
		t.Errorf("root.print(&b, 0) wrote\n%s\nwant, with the param child printed as /{} after the static children,\n%s", b.String(), want)
	}
}
