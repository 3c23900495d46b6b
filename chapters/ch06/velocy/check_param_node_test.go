package velocy

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"
)

// paramEcho answers with the pattern that matched and the value of each
// wildcard it names: "/users/{id} id=42".
func paramEcho(w http.ResponseWriter, req *http.Request) {
	var b strings.Builder
	b.WriteString(req.Pattern)
	for _, m := range regexp.MustCompile(`\{([^{}.]+)(\.\.\.)?\}`).FindAllStringSubmatch(req.Pattern, -1) {
		fmt.Fprintf(&b, " %s=%s", m[1], req.PathValue(m[1]))
	}
	w.Write([]byte(b.String()))
}

// paramRouter registers paramEcho for each "METHOD /pattern".
func paramRouter(routes ...string) *Router {
	r := New()
	for _, rt := range routes {
		method, pattern, _ := strings.Cut(rt, " ")
		r.HandleFunc(method, pattern, paramEcho)
	}
	return r
}

var paramRoutes = []string{
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

func TestParamMatch(t *testing.T) {
	r := paramRouter(paramRoutes...)
	tests := []struct {
		method, target string
		want           string
	}{
		{"GET", "/users/42", "/users/{id} id=42"},
		{"GET", "/users/Ada%20Lovelace", "/users/{id} id=Ada Lovelace"},
		// A literal segment beats a wildcard.
		{"GET", "/users/new", "/users/new"},
		{"GET", "/users/new/edit", "/users/new/edit"},
		// Backtracking: new/profile is only reachable through {id}.
		{"GET", "/users/new/profile", "/users/{id}/profile id=new"},
		{"GET", "/users/42/profile", "/users/{id}/profile id=42"},
		// Names belong to routes: the same position, two names.
		{"GET", "/u/7", "/u/{id} id=7"},
		{"POST", "/u/7/posts", "/u/{userID}/posts userID=7"},
		// Deeper backtracking, through more than one wildcard.
		{"GET", "/a/b/c", "/a/b/c"},
		{"GET", "/a/b/d", "/a/{x}/d x=b"},
		{"GET", "/a/b/c/e", "/a/{x}/{y}/e x=b y=c"},
		{"GET", "/repos/learn-go/velocy/issues/12/comments", "/repos/{owner}/{repo}/issues/{number}/comments owner=learn-go repo=velocy number=12"},
		// The query takes no part in matching.
		{"GET", "/users/42?tab=repos", "/users/{id} id=42"},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if w.Code != 200 || w.Body.String() != tt.want {
			t.Errorf("%s %s = %d %q, want 200 %q (the pattern, then each wildcard's value)", tt.method, tt.target, w.Code, w.Body, tt.want)
		}
	}
}

func TestParamNoMatch(t *testing.T) {
	r := paramRouter(paramRoutes...)
	for _, target := range []string{
		"/e/",                     // {id} never matches an empty segment
		"/users/42/profile/extra", // too long
		"/u/7/posts/x",
		"/a/b",
		"/repos/a/b/issues/1",
	} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if w.Code != 404 {
			t.Errorf("GET %s = %d %q, want 404", target, w.Code, w.Body)
		}
	}
}

func TestParamThroughServer(t *testing.T) {
	srv := httptest.NewServer(paramRouter(paramRoutes...))
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 5 * time.Second
	resp, err := client.Get(srv.URL + "/users/42")
	if err != nil {
		t.Fatalf("GET /users/42: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if got := string(body); resp.StatusCode != 200 || got != "/users/{id} id=42" {
		t.Errorf("GET /users/42 = %d %q, want 200 %q", resp.StatusCode, got, "/users/{id} id=42")
	}
}
