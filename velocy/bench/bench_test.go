package bench

import (
	"net/http"
	"strings"
	"testing"
)

// The benchmarks follow the shape of julienschmidt/go-http-routing-benchmark
// (our own code): every router is built with the same routes and empty
// handlers; the request is built once and reused; the response writer does
// nothing; the loop calls ServeHTTP and nothing else. For the *All
// benchmarks, one op serves every route of the set once, with the route's
// own pattern text as the path (so a parameter's value is e.g. ":owner").
//
// Run with -cpu 1, as the original forces GOMAXPROCS=1.

// discardWriter is a ResponseWriter that keeps nothing.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *discardWriter) WriteHeader(int)             {}

func newDiscardWriter() *discardWriter { return &discardWriter{h: http.Header{}} }

// benchRoutes serves every route of routes once per op.
func benchRoutes(b *testing.B, routes []route) {
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

// benchOne serves one request to a router that holds routes.
func benchOne(b *testing.B, routes []route, method, path string) {
	for _, rr := range routers {
		b.Run(rr.name, func(b *testing.B) {
			h := rr.load(routes, emptyHandlers)
			w := newDiscardWriter()
			req, _ := http.NewRequest(method, path, nil)
			req.RequestURI = path
			b.ReportAllocs()
			for b.Loop() {
				h.ServeHTTP(w, req)
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

// paramPath returns a path of n parameters: "/:a/:b/:c...".
func paramPath(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("/:")
		b.WriteByte(byte('a' + i))
	}
	return b.String()
}
