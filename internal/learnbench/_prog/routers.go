package main

import (
	_ "embed"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
)

// The route sets and the groups that use them. Routes are written in httprouter syntax
// (":name" is a parameter); braces turns them into the ServeMux syntax velocy uses.

//go:embed github-api-routes.txt
var githubText string

// route is a method and a path in httprouter syntax.
type route struct{ method, path string }

var githubRoutes = parseRoutes(githubText)

func parseRoutes(text string) []route {
	var routes []route
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		method, path, _ := strings.Cut(line, " ")
		routes = append(routes, route{method, path})
	}
	return routes
}

// A routerMaker builds one router holding routes; for routes[i] it registers mk(i), which is
// nil in the benchmarks (an empty handler) and records the route and its parameter values in
// the correctness check.
type routerMaker func(routes []route, mk func(i int) func(values []string)) http.Handler

type routerEntry struct {
	name, kind string
	load       routerMaker
}

var routers []routerEntry

func addRouter(name, kind string, load routerMaker) {
	routers = append(routers, routerEntry{name, kind, load})
}

// handleVelocyStyle registers routes on a router whose Handle takes a method, a pattern in
// braces and an http.Handler, and whose handlers read values with r.PathValue (velocy, and
// ServeMux through a wrapper).
func handleVelocyStyle(handle func(method, pattern string, h http.Handler), routes []route, mk func(int) func([]string)) {
	for i, rt := range routes {
		h, names := mk(i), paramNames(rt.path)
		if h == nil {
			handle(rt.method, braces(rt.path), http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
			continue
		}
		handle(rt.method, braces(rt.path), http.HandlerFunc(func(_ http.ResponseWriter, r *http.Request) {
			values := make([]string, len(names))
			for j, n := range names {
				values[j] = r.PathValue(n)
			}
			h(values)
		}))
	}
}

func init() {
	addRouter("http.ServeMux", "std", func(routes []route, mk func(int) func([]string)) http.Handler {
		mux := http.NewServeMux()
		handleVelocyStyle(func(method, pattern string, h http.Handler) { mux.Handle(method+" "+pattern, h) }, routes, mk)
		return mux
	})
	groups = append(groups,
		group{"router-static", func() []contender { return routerGroup(githubRoutes, route{"GET", "/user/repos"}) }},
		group{"router-param", func() []contender {
			return routerGroup(githubRoutes, route{"GET", "/repos/learn-go/velocy/stargazers"})
		}},
		group{"router-github", func() []contender { return routerGroup(githubRoutes, route{}) }},
	)
}

// routerGroup makes the contenders of a router benchmark: every router holds routes; each op
// serves one request for target, or, when target is empty, one request for every route.
func routerGroup(routes []route, target route) []contender {
	serve := routes
	if target.path != "" {
		serve = []route{target}
	}
	var cs []contender
	for _, rr := range sortedByKind(routers, func(r routerEntry) string { return r.kind }) {
		cs = append(cs, contender{
			name:  rr.name,
			kind:  rr.kind,
			check: func() error { return checkRouter(rr.load, routes, serve) },
			bench: func(b *testing.B) {
				h := rr.load(routes, func(int) func([]string) { return nil })
				w := &discardWriter{h: http.Header{}}
				reqs := newFreshRequests(serve)
				b.ResetTimer()
				for b.Loop() {
					for i := range serve {
						h.ServeHTTP(w, reqs.get(i))
					}
				}
			},
		})
	}
	return cs
}

// checkRouter serves each request of serve twice, on fresh requests, and checks it reaches the
// route whose pattern matches it, with the right values.
func checkRouter(load routerMaker, routes, serve []route) error {
	got, values := -1, []string(nil)
	h := load(routes, func(i int) func([]string) {
		return func(v []string) { got, values = i, v }
	})
	reqs := newFreshRequests(serve)
	w := &discardWriter{h: http.Header{}}
	for range 2 {
		for i, rq := range serve {
			want := bestRoute(routes, rq)
			if want < 0 {
				return fmt.Errorf("no route for %s %s", rq.method, rq.path)
			}
			got, values, w.code = -1, nil, 0
			h.ServeHTTP(w, reqs.get(i))
			wantValues := paramValues(routes[want].path, rq.path)
			req := rq.method + " " + rq.path
			if strings.Contains(rq.path, "/:") {
				req += " (a path whose values are the pattern's own text)"
			}
			if got != want {
				if got < 0 {
					return fmt.Errorf("routes wrong: %s reached no handler (status %d), want the route %s", req, w.code, routes[want].path)
				}
				return fmt.Errorf("routes wrong: %s reached the route %s, want %s", req, routes[got].path, routes[want].path)
			}
			if !slices.Equal(values, wantValues) {
				return fmt.Errorf("routes wrong: %s reached the route %s with path values %q, want %q", req, routes[want].path, values, wantValues)
			}
		}
	}
	return nil
}

// bestRoute returns the route a request for rq must reach: of those that match it, the one
// with a literal segment where the others have a parameter, earliest.
func bestRoute(routes []route, rq route) int {
	best := -1
	for i, rt := range routes {
		if rt.method != rq.method || !matches(rt.path, rq.path) {
			continue
		}
		if best < 0 || moreSpecific(rt.path, routes[best].path) {
			best = i
		}
	}
	return best
}

// moreSpecific reports whether pattern a has a literal segment where b has a parameter before
// the other way round.
func moreSpecific(a, b string) bool {
	p, q := strings.Split(a, "/"), strings.Split(b, "/")
	for i := range min(len(p), len(q)) {
		pa, pb := strings.HasPrefix(p[i], ":"), strings.HasPrefix(q[i], ":")
		if pa != pb {
			return pb
		}
	}
	return false
}

// matches reports whether path fits pattern segment by segment, as a request for it should.
func matches(pattern, path string) bool {
	p, q := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(p) != len(q) {
		return false
	}
	for i := range p {
		if !strings.HasPrefix(p[i], ":") && p[i] != q[i] {
			return false
		}
	}
	return true
}

// braces converts "/users/:id" to "/users/{id}".
func braces(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			segs[i] = "{" + name + "}"
		}
	}
	return strings.Join(segs, "/")
}

// paramNames lists the parameters of a path in httprouter syntax.
func paramNames(path string) []string {
	var names []string
	for _, s := range strings.Split(path, "/") {
		if name, ok := strings.CutPrefix(s, ":"); ok {
			names = append(names, name)
		}
	}
	return names
}

// paramValues returns the values a request for path gets for the parameters of pattern.
func paramValues(pattern, path string) []string {
	values := []string{}
	p, q := strings.Split(pattern, "/"), strings.Split(path, "/")
	for i, s := range p {
		if strings.HasPrefix(s, ":") {
			values = append(values, q[i])
		}
	}
	return values
}

// discardWriter is a ResponseWriter that keeps only the status.
type discardWriter struct {
	h    http.Header
	code int
}

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(code int)        { w.code = code }

// freshRequests hands out requests as net/http's server hands them over: never served before,
// with no path values and no pattern. A server never serves the same *http.Request twice, and a
// router that stores path values pays for that storage on every new request, which a reused
// request would hide (lesson 6.9, "Measured with fresh requests"). Each request is reset from a
// template built once, by assignment, so it allocates nothing and costs every router the same.
type freshRequests struct {
	tmpl    []http.Request
	tmplURL []url.URL
	req     http.Request
	url     url.URL
}

func newFreshRequests(routes []route) *freshRequests {
	f := &freshRequests{tmpl: make([]http.Request, len(routes)), tmplURL: make([]url.URL, len(routes))}
	for i, rt := range routes {
		r, err := http.NewRequest(rt.method, rt.path, nil)
		if err != nil {
			panic(err)
		}
		r.RequestURI = rt.path
		f.tmpl[i], f.tmplURL[i] = *r, *r.URL
		f.tmpl[i].URL = nil
	}
	return f
}

// get resets the request from template i and returns it.
func (f *freshRequests) get(i int) *http.Request {
	f.req = f.tmpl[i]
	f.url = f.tmplURL[i]
	f.req.URL = &f.url
	return &f.req
}
