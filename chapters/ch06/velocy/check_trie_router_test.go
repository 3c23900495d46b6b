package velocy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// trieRouterPaths are static routes of a real API, many of them sharing
// their first segments.
var trieRouterPaths = []string{
	"/",
	"/user",
	"/user/repos",
	"/user/keys",
	"/user/emails",
	"/users",
	"/repos/learn-go/velocy/stargazers",
	"/repos/learn-go/velocy/subscribers",
	"/repos/learn-go/velocy/issues",
	"/repos/learn-go/logtar/issues",
	"/orgs/learn-go-hard-way/members/public",
	"/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p",
}

func TestTrieRouterFindsEveryRoute(t *testing.T) {
	r := New()
	for _, p := range trieRouterPaths {
		body := p
		r.Get(p, func(w http.ResponseWriter, req *http.Request) { io.WriteString(w, body) })
	}
	for _, p := range trieRouterPaths {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest("GET", p, nil))
		if w.Code != 200 || w.Body.String() != p {
			t.Errorf("GET %s = %d %q, want 200 with body %q", p, w.Code, w.Body, p)
		}
	}
}

func TestTrieRouterStaticNoAllocation(t *testing.T) {
	r := New()
	for _, p := range trieRouterPaths {
		r.Get(p, func(http.ResponseWriter, *http.Request) {})
	}
	for _, p := range trieRouterPaths {
		w := httptest.NewRecorder()
		req := httptest.NewRequest("GET", p, nil)
		if allocs := testing.AllocsPerRun(100, func() { r.ServeHTTP(w, req) }); allocs != 0 {
			t.Errorf("GET %s: %v allocations per request, want 0: a map needs its key as one string, and building \"GET \"+path allocates once it is longer than 32 bytes; walking the tree segment by segment builds no string", p, allocs)
		}
	}
}
