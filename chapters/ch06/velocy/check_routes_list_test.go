package velocy

import (
	"cmp"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestRoutesEmpty(t *testing.T) {
	if got := New().Routes(); got == nil || len(got) != 0 {
		t.Errorf("New().Routes() = %#v, want an empty, non-nil slice ([]Route{}): it becomes [] in JSON, where nil becomes null", got)
	}
}

func TestRoutesSorted(t *testing.T) {
	// Registered in no particular order.
	registered := []string{
		"POST /users", "GET /users/new", "DELETE /users/42", "GET /", "GET /users",
		"PUT /users/42", "GET /about", "GET /users/42", "PATCH /users/42", "GET /users/",
		"POST /login", "GET /login", "GET /static/app.css", "GET /static/app.js", "HEAD /health",
		"GET /health", "OPTIONS /users", "GET /a", "GET /b", "POST /a",
	}
	r := New()
	for _, rt := range registered {
		method, pattern, _ := strings.Cut(rt, " ")
		r.Handle(method, pattern, http.NotFoundHandler())
	}
	want := []Route{
		{"GET", "/"}, {"GET", "/a"}, {"POST", "/a"}, {"GET", "/about"}, {"GET", "/b"},
		{"GET", "/health"}, {"HEAD", "/health"}, {"GET", "/login"}, {"POST", "/login"},
		{"GET", "/static/app.css"}, {"GET", "/static/app.js"},
		{"GET", "/users"}, {"OPTIONS", "/users"}, {"POST", "/users"}, {"GET", "/users/"},
		{"DELETE", "/users/42"}, {"GET", "/users/42"}, {"PATCH", "/users/42"}, {"PUT", "/users/42"},
		{"GET", "/users/new"},
	}
	// A map is iterated in a different order every time: ask several times.
	for range 5 {
		if got := r.Routes(); !slices.Equal(got, want) {
			t.Fatalf("Routes() =\n%v\nwant, sorted by pattern and then by method,\n%v", got, want)
		}
	}
}

func TestRoutesSortedRandom(t *testing.T) {
	r := New()
	var want []Route
	seen := map[Route]bool{}
	for len(want) < 30 {
		// Short paths of a's and b's collide often, in pattern or in method.
		segs := make([]string, 1+rand.IntN(2))
		for i := range segs {
			segs[i] = []string{"a", "b", "ab", "ba"}[rand.IntN(4)]
		}
		pattern := "/" + strings.Join(segs, "/")
		if rand.IntN(3) == 0 {
			pattern += "/"
		}
		rt := Route{[]string{"GET", "POST", "DELETE"}[rand.IntN(3)], pattern}
		if seen[rt] {
			continue
		}
		seen[rt] = true
		r.Handle(rt.Method, rt.Pattern, http.NotFoundHandler())
		want = append(want, rt)
	}
	slices.SortFunc(want, func(a, b Route) int {
		return cmp.Or(strings.Compare(a.Pattern, b.Pattern), strings.Compare(a.Method, b.Method))
	})
	if got := r.Routes(); !slices.Equal(got, want) {
		t.Errorf("Routes() =\n%v\nwant, sorted by pattern and then by method,\n%v", got, want)
	}
}

func TestRoutesIsACopy(t *testing.T) {
	r := New()
	r.Handle("GET", "/x", http.NotFoundHandler())
	got := r.Routes()
	if len(got) != 1 {
		t.Fatalf("Routes() after GET /x = %v, want [{GET /x}]", got)
	}
	got[0] = Route{"DELETE", "/changed"}
	if again := r.Routes(); len(again) != 1 || again[0] != (Route{"GET", "/x"}) {
		t.Errorf("after changing the slice Routes returned, Routes() = %v, want [{GET /x}]: return a new slice each time", again)
	}
}
