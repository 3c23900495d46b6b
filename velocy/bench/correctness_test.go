package bench

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// TestRoutersResolveEveryRoute checks, for every router and every route of
// every set, that a request for the route reaches that route's handler with
// the right parameter values. A router that is fast because it does not
// match would be caught here. Two kinds of paths are tried: the pattern text
// itself, as the benchmarks send it (values like ":owner"), and a path with
// values unique to the route.
func TestRoutersResolveEveryRoute(t *testing.T) {
	sets := map[string][]route{"github": githubRoutes, "static": staticRoutes, "param20": {{"GET", paramPath(20)}}}
	for setName, routes := range sets {
		for _, rr := range routers {
			t.Run(setName+"_"+rr.name, func(t *testing.T) {
				var gotIndex int
				var gotValues []string
				h := rr.load(routes, func(i int) func(http.ResponseWriter, []string) {
					return func(_ http.ResponseWriter, values []string) {
						gotIndex, gotValues = i, values
					}
				})
				for i, rt := range routes {
					for _, path := range []string{rt.path, fillParams(rt.path, i)} {
						gotIndex, gotValues = -1, nil
						w := httptest.NewRecorder()
						h.ServeHTTP(w, httptest.NewRequest(rt.method, path, nil))
						want := paramValues(rt.path, path)
						if gotIndex != i || !slices.Equal(gotValues, want) {
							t.Errorf("%s %s reached route %d with %q (status %d), want route %d %s with %q",
								rt.method, path, gotIndex, gotValues, w.Code, i, rt.path, want)
						}
					}
				}
			})
		}
	}
}

// TestFreshRequestsResolveEveryRoute does the same with the requests the
// benchmarks serve: each route's fresh request, served twice, reaches its
// route with its values, and a request reset after being served carries no
// path value and no pattern from the call before.
func TestFreshRequestsResolveEveryRoute(t *testing.T) {
	sets := map[string][]route{"github": githubRoutes, "static": staticRoutes, "param20": {{"GET", paramPath(20)}}}
	for setName, routes := range sets {
		for _, rr := range routers {
			t.Run(setName+"_"+rr.name, func(t *testing.T) {
				var gotIndex int
				var gotValues []string
				h := rr.load(routes, func(i int) func(http.ResponseWriter, []string) {
					return func(_ http.ResponseWriter, values []string) {
						gotIndex, gotValues = i, values
					}
				})
				reqs := newFreshRequests(routes)
				w := newDiscardWriter()
				for round := range 2 {
					for i, rt := range routes {
						gotIndex, gotValues = -1, nil
						h.ServeHTTP(w, reqs.get(i))
						if want := paramValues(rt.path, rt.path); gotIndex != i || !slices.Equal(gotValues, want) {
							t.Fatalf("round %d: fresh %s %s reached route %d with %q, want route %d with %q",
								round, rt.method, rt.path, gotIndex, gotValues, i, want)
						}
						req := reqs.get(i)
						for _, name := range paramNames(rt.path) {
							if v := req.PathValue(name); v != "" || req.Pattern != "" {
								t.Fatalf("a reset request for %s still has %s=%q, pattern %q: it is not fresh", rt.path, name, v, req.Pattern)
							}
						}
					}
				}
			})
		}
	}
}

// fillParams replaces each ":name" in path with a value unique to route i.
func fillParams(path string, i int) string {
	segs := strings.Split(path, "/")
	for j, s := range segs {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			segs[j] = fmt.Sprintf("%s-%d", name, i)
		}
	}
	return strings.Join(segs, "/")
}

// paramValues returns the values a request for path must get for the
// parameters of pattern (both in httprouter syntax).
func paramValues(pattern, path string) []string {
	var values []string
	p, q := strings.Split(pattern, "/"), strings.Split(path, "/")
	for i, s := range p {
		if strings.HasPrefix(s, ":") {
			values = append(values, q[i])
		}
	}
	if values == nil {
		values = []string{}
	}
	return values
}
