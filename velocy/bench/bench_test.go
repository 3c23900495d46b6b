package bench

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The benchmarks follow the shape of julienschmidt/go-http-routing-benchmark
// (our own code): every router is built with the same routes and empty
// handlers, the response writer does nothing, and the loop serves requests
// and does nothing else. For the *All benchmarks, one op serves every route
// of the set once, with the route's own pattern text as the path (so a
// parameter's value is e.g. ":owner").
//
// Unlike that suite, every call gets a fresh request, as from a server: net/http
// never hands a handler the same *http.Request twice, and a router that
// stores path values with SetPathValue pays for storage on each new request
// that a reused one has kept from the first call. A fresh request is a copy of
// a template built once per route, made in place (see freshRequest), so it
// allocates nothing and costs every router the same. The reused-request
// figures are still there, under BenchmarkReused, for comparison with other
// suites; they flatter routers that keep state in the request.
//
// Run with -cpu 1, as the original forces GOMAXPROCS=1.

// discardWriter is a ResponseWriter that keeps nothing.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(int)             {}

func newDiscardWriter() *discardWriter { return &discardWriter{h: http.Header{}} }

// freshRequests hands out requests that look as net/http's server hands
// them over: never served before, with no path values and no pattern. It
// keeps a template per route, built once, and one request that get resets
// from a template before each call, by assignment, in place. So a fresh
// request allocates nothing and costs every router the same: the copy of two
// structs (BenchmarkFreshRequest measures it).
type freshRequests struct {
	tmpl    []http.Request
	tmplURL []url.URL
	req     http.Request // the request served, reset by get
	url     url.URL
}

// newFreshRequests builds a template for each route, with the route's
// pattern text as the path, as the server would parse it.
func newFreshRequests(routes []route) *freshRequests {
	f := &freshRequests{tmpl: make([]http.Request, len(routes)), tmplURL: make([]url.URL, len(routes))}
	for i, rt := range routes {
		r, err := http.NewRequest(rt.method, rt.path, nil)
		if err != nil {
			panic(err)
		}
		r.RequestURI = rt.path
		f.tmpl[i], f.tmplURL[i] = *r, *r.URL
		f.tmpl[i].URL = nil // get points the request at its own URL
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

// benchRoutes serves every route of routes once per op, each on a fresh
// request.
func benchRoutes(b *testing.B, routes []route) {
	for _, rr := range routers {
		b.Run(rr.name, func(b *testing.B) {
			h := rr.load(routes, emptyHandlers)
			w := newDiscardWriter()
			reqs := newFreshRequests(routes)
			b.ReportAllocs()
			for b.Loop() {
				for i := range routes {
					h.ServeHTTP(w, reqs.get(i))
				}
			}
		})
	}
}

// benchOne serves one request, fresh at every call, to a router that holds
// routes.
func benchOne(b *testing.B, routes []route, method, path string) {
	for _, rr := range routers {
		b.Run(rr.name, func(b *testing.B) {
			h := rr.load(routes, emptyHandlers)
			w := newDiscardWriter()
			reqs := newFreshRequests([]route{{method, path}})
			b.ReportAllocs()
			for b.Loop() {
				h.ServeHTTP(w, reqs.get(0))
			}
		})
	}
}

func BenchmarkGithubAll(b *testing.B) { benchRoutes(b, githubRoutes) }

func BenchmarkStaticAll(b *testing.B) { benchRoutes(b, staticRoutes) }

func BenchmarkGithubStatic(b *testing.B) {
	benchOne(b, githubRoutes, http.MethodGet, "/user/repos")
}

func BenchmarkGithubParam(b *testing.B) {
	benchOne(b, githubRoutes, http.MethodGet, "/repos/learn-go/velocy/stargazers")
}

func BenchmarkParam(b *testing.B) {
	benchOne(b, []route{{http.MethodGet, "/user/:name"}}, http.MethodGet, "/user/gordon")
}

func BenchmarkParam5(b *testing.B) {
	benchOne(b, []route{{http.MethodGet, paramPath(5)}}, http.MethodGet, strings.Repeat("/test", 5))
}

func BenchmarkParam20(b *testing.B) {
	benchOne(b, []route{{http.MethodGet, paramPath(20)}}, http.MethodGet, strings.Repeat("/test", 20))
}

// BenchmarkReused is the old measurement, kept for comparison with suites
// that measure this way: one request serves every call. A router that stores
// path values in the request (velocy, ServeMux) creates that storage once and
// reuses it, so these figures understate what a server pays. Quote the fresh
// ones.
func BenchmarkReused(b *testing.B) {
	b.Run("GithubAll", func(b *testing.B) { benchRoutesReused(b, githubRoutes) })
	b.Run("StaticAll", func(b *testing.B) { benchRoutesReused(b, staticRoutes) })
	b.Run("Param20", func(b *testing.B) {
		for _, rr := range routers {
			b.Run(rr.name, func(b *testing.B) {
				h := rr.load([]route{{http.MethodGet, paramPath(20)}}, emptyHandlers)
				w := newDiscardWriter()
				req := newFreshRequests([]route{{http.MethodGet, strings.Repeat("/test", 20)}}).get(0)
				b.ReportAllocs()
				for b.Loop() {
					h.ServeHTTP(w, req)
				}
			})
		}
	})
}

// benchRoutesReused serves every route once per op, on one request whose
// method and path change: the measurement of go-http-routing-benchmark.
func benchRoutesReused(b *testing.B, routes []route) {
	for _, rr := range routers {
		b.Run(rr.name, func(b *testing.B) {
			h := rr.load(routes, emptyHandlers)
			w := newDiscardWriter()
			req, _ := http.NewRequest(http.MethodGet, "/", nil)
			b.ReportAllocs()
			for b.Loop() {
				for _, rt := range routes {
					req.Method = rt.method
					req.RequestURI = rt.path
					req.URL.Path = rt.path
					h.ServeHTTP(w, req)
				}
			}
		})
	}
}

// BenchmarkFreshRequest measures what the fresh-request benchmarks add to
// every router: resetting the copy, for all the GitHub routes, with no
// router. Subtract it to compare routing alone.
func BenchmarkFreshRequest(b *testing.B) {
	reqs := newFreshRequests(githubRoutes)
	var sink *http.Request
	b.ReportAllocs()
	for b.Loop() {
		for i := range githubRoutes {
			sink = reqs.get(i)
		}
	}
	_ = sink
}

// BenchmarkSetPathValueFloor measures the least a router that hands values
// to handlers through http.Request.PathValue pays for the GitHub routes on
// fresh requests, however fast it finds the routes: the copy of
// BenchmarkFreshRequest, and a SetPathValue for each parameter of each route,
// with names and values known in advance. On a request that ServeMux did not
// route, the first SetPathValue allocates the request's map.
func BenchmarkSetPathValueFloor(b *testing.B) {
	reqs := newFreshRequests(githubRoutes)
	names := make([][]string, len(githubRoutes))
	values := make([][]string, len(githubRoutes))
	for i, rt := range githubRoutes {
		names[i], values[i] = paramNames(rt.path), paramValues(rt.path, rt.path)
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range githubRoutes {
			req := reqs.get(i)
			for j, name := range names[i] {
				req.SetPathValue(name, values[i][j])
			}
		}
	}
}

// paramPath returns a path of n parameters: "/:a/:b/:c...".
func paramPath(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("/:")
		b.WriteByte(byte('a' + i))
	}
	return b.String()
}
