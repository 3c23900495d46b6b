package velocy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"reflect"
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

// TestTrieRouterLayout checks the names the lesson gives the new types: the
// code of the next steps uses them.
func TestTrieRouterLayout(t *testing.T) {
	f, ok := reflect.TypeOf(Router{}).FieldByName("core")
	if !ok || f.Type.Kind() != reflect.Pointer || f.Type.Elem().Name() != "core" {
		t.Fatalf("Router has no field core *core: lesson 6.6 keeps the tree and the routes in a core struct that Router points to")
	}
	c := f.Type.Elem()
	for _, want := range []struct {
		name string
		typ  reflect.Type
	}{{"root", reflect.TypeOf(node{})}, {"routes", reflect.TypeOf([]*route(nil))}} {
		if got, ok := c.FieldByName(want.name); !ok || got.Type != want.typ {
			t.Errorf("core has no field %s %v: lesson 6.6 calls them root (the tree) and routes (in registration order)", want.name, want.typ)
		}
	}
}
