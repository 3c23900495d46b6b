package velocy

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// mountRoutesWord returns a random lower-case word of 3 to 8 letters.
func mountRoutesWord() string {
	b := make([]byte, 3+rand.IntN(6))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

func TestMountRoutesListing(t *testing.T) {
	noop := func(http.ResponseWriter, *http.Request) {}
	api, legacy, deep := "/"+mountRoutesWord(), "/"+mountRoutesWord(), "/"+mountRoutesWord()
	inner := New()
	inner.Get("/x", noop)
	sub := New()
	sub.Get("/", noop)
	sub.Put("/users/{id}", noop)
	sub.Mount(deep, inner)
	r := New()
	r.Post("/users", noop)
	r.Get("/users", noop)
	r.Get("/", noop)
	r.Group("/admin", func(g *Router) { g.Delete("/users/{id}", noop) })
	r.Mount(api, sub)
	r.Mount(legacy, http.NotFoundHandler())
	sub.Get("/late", noop) // added after mounting: listed too
	want := []Route{
		{"GET", "/"},
		{"DELETE", "/admin/users/{id}"},
		{"GET", api + "/"},
		{"GET", api + deep + "/x"},
		{"GET", api + "/late"},
		{"PUT", api + "/users/{id}"},
		{"*", legacy + "/*"},
		{"GET", "/users"},
		{"POST", "/users"},
	}
	slices.SortFunc(want, func(a, b Route) int {
		return cmp.Or(strings.Compare(a.Pattern, b.Pattern), strings.Compare(a.Method, b.Method))
	})
	if got := r.Routes(); !slices.Equal(got, want) {
		t.Errorf("Routes() =\n%v\nwant\n%v\n(a mounted *Router's routes under the prefix, any other handler once as \"*\")", got, want)
	}
}

// mountRoutesPanic runs f and returns the text of what it panics with, or
// "no panic".
func mountRoutesPanic(f func()) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			msg = fmt.Sprint(v)
		}
	}()
	f()
	return "no panic"
}

func TestMountRoutesRefusesCycles(t *testing.T) {
	p := "/" + mountRoutesWord()
	const problem = ": the mounted router leads back to this one"
	tests := []struct {
		name string
		give func()
		want string
	}{
		{"a router in itself", func() {
			r := New()
			r.Mount(p, r)
		}, `velocy: "` + p + `"` + problem},
		{"a router in one of its groups", func() {
			r := New()
			r.Group("/g", func(g *Router) { g.Mount(p, r) })
		}, `velocy: "/g` + p + `"` + problem},
		{"a group in its router", func() {
			r := New()
			r.Group("/g", func(g *Router) { r.Mount(p, g) })
		}, `velocy: "` + p + `"` + problem},
		{"a router in a router it mounts", func() {
			a, b, c := New(), New(), New()
			a.Mount("/b", b)
			b.Mount("/c", c)
			c.Mount(p, a)
		}, `velocy: "` + p + `"` + problem},
		{"one router mounted twice is no cycle", func() {
			shared, a := New(), New()
			a.Mount("/one", shared)
			a.Mount("/two", shared)
		}, "no panic"},
	}
	for _, tt := range tests {
		want := "no panic"
		if tt.want != want {
			want = fmt.Sprintf("a panic with %q: serving it would call itself for ever", tt.want)
		}
		if got := mountRoutesPanic(tt.give); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, want)
		}
	}
}
