package velocy

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// mountStripPath returns a random path of 1 to 5 segments, with a trailing
// slash one time in three.
func mountStripPath() string {
	segs := make([]string, 1+rand.IntN(5))
	for i := range segs {
		b := make([]byte, 1+rand.IntN(6))
		for j := range b {
			b[j] = byte('a' + rand.IntN(26))
		}
		segs[i] = string(b)
	}
	p := "/" + strings.Join(segs, "/")
	if rand.IntN(3) == 0 {
		p += "/"
	}
	return p
}

// mountStripWant is what is left of p once its first n segments are cut off.
func mountStripWant(p string, n int) string {
	segs := strings.Split(p[1:], "/")
	if n >= len(segs) {
		return "/"
	}
	return "/" + strings.Join(segs[n:], "/")
}

func TestMountStripSegments(t *testing.T) {
	for _, tt := range []struct {
		p    string
		n    int
		want string
	}{
		{"/api/v1/users", 2, "/users"},
		{"/api/users/", 1, "/users/"},
		{"/api", 1, "/"},
		{"/api/", 1, "/"},
		{"/api", 0, "/api"},
	} {
		if got := stripSegments(tt.p, tt.n); got != tt.want {
			t.Errorf("stripSegments(%q, %d) = %q, want %q", tt.p, tt.n, got, tt.want)
		}
	}
	for range 50 {
		p := mountStripPath()
		n := rand.IntN(strings.Count(p, "/") + 1)
		if got, want := stripSegments(p, n), mountStripWant(p, n); got != want {
			t.Fatalf("stripSegments(%q, %d) = %q, want %q", p, n, got, want)
		}
	}
}

// mountStripSeen records the request a mounted handler was given.
type mountStripSeen struct {
	req *http.Request
}

func (s *mountStripSeen) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	s.req = req
}

func TestMountStripCopiesTheRequest(t *testing.T) {
	for range 20 {
		target := mountStripPath()
		depth := rand.IntN(strings.Count(target, "/") + 1)
		seen := &mountStripSeen{}
		req := httptest.NewRequest("GET", target+"?q=1", nil)
		(&mounted{h: seen, depth: depth}).ServeHTTP(httptest.NewRecorder(), req)
		if seen.req == nil {
			t.Fatalf("mounted{depth: %d}.ServeHTTP for %s did not call h", depth, target)
		}
		if want := mountStripWant(target, depth); seen.req.URL.Path != want {
			t.Fatalf("mounted{depth: %d} for %s: h saw URL.Path %q, want %q", depth, target, seen.req.URL.Path, want)
		}
		if seen.req.URL.RawQuery != "q=1" || seen.req.Method != "GET" {
			t.Fatalf("mounted{depth: %d} for %s?q=1: h saw %s with the query %q, want GET and \"q=1\": copy the whole request", depth, target, seen.req.Method, seen.req.URL.RawQuery)
		}
		if req.URL.Path != target {
			t.Fatalf("mounted{depth: %d} for %s changed the caller's URL.Path to %q: change a copy of the request and of its URL", depth, target, req.URL.Path)
		}
	}
}

func TestMountStripEscapedPath(t *testing.T) {
	tests := []struct {
		target        string
		depth         int
		path, rawPath string
	}{
		{"/t/acme/a%2Fb/c", 2, "/a/b/c", "/a%2Fb/c"},
		{"/t/a%2Fb", 2, "/", "/"},
		{"/x%2Fy/rest%20here", 1, "/rest here", "/rest%20here"},
	}
	for _, tt := range tests {
		seen := &mountStripSeen{}
		req := httptest.NewRequest("GET", tt.target, nil)
		(&mounted{h: seen, depth: tt.depth}).ServeHTTP(httptest.NewRecorder(), req)
		if seen.req == nil {
			t.Fatalf("mounted{depth: %d}.ServeHTTP for %s did not call h", tt.depth, tt.target)
		}
		if u := seen.req.URL; u.Path != tt.path || u.RawPath != tt.rawPath {
			t.Errorf("mounted{depth: %d} for %s: h saw Path %q and RawPath %q, want %q and %q: cut the segments off the escaped path, where %%2F is not a slash, and decode what is left", tt.depth, tt.target, u.Path, u.RawPath, tt.path, tt.rawPath)
		}
	}
}
