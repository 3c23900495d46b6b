package bench

import (
	"net/http"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

// The middleware benchmarks measure what a middleware costs a request that
// goes through it and on to the router: one request per op, fresh at every
// call (see freshRequests), to the GitHub router, with nothing else in the
// loop. Sub-benchmarks are named stack=NAME/route=KIND, so that benchstat can
// put the stacks side by side (-col /stack) and bench-mw.sh can subtract the
// bare router from each:
//
//	stack=bare        the router alone
//	stack=pass5       the router with 5 trivial pass-through middlewares (Use)
//	stack=pass5chain  the same 5, built into one with middleware.Chain
//	stack=ours5       the router with 5 of velocy/middleware's that do
//	                  little on a plain GET (see ourLight)
//
// The bar (design brief, section 5): at most 30 ns and 0 allocations per
// pass-through middleware.

// passThrough is the least a middleware can be: it calls the next handler.
func passThrough(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r)
	})
}

// mwStack is a way to wrap the router for the middleware benchmarks.
type mwStack struct {
	name string
	wrap func(r *velocy.Router) http.Handler
}

// mwRoutes are the requests of the middleware benchmarks: a static route
// and a route with two parameters, both in the GitHub set.
var mwRoutes = []struct{ kind, method, path string }{
	{"static", http.MethodGet, "/user/repos"},
	{"param", http.MethodGet, "/repos/learn-go/velocy/stargazers"},
}

// mwRequests returns fresh requests for method and path that look like a
// server's: a client address (ClientIP and AccessLog read it) and the
// header fields curl sends (LimitHeaders walks them).
func mwRequests(method, path string) *freshRequests {
	reqs := newFreshRequests([]route{{method, path}})
	reqs.tmpl[0].RemoteAddr = "192.0.2.10:52113"
	reqs.tmpl[0].Header = http.Header{"User-Agent": {"curl/8.5.0"}, "Accept": {"*/*"}}
	return reqs
}

func githubRouter() *velocy.Router {
	return loadVelocy(githubRoutes, emptyHandlers).(*velocy.Router)
}

func mwStacks() []mwStack {
	five := func() []func(http.Handler) http.Handler {
		return []func(http.Handler) http.Handler{passThrough, passThrough, passThrough, passThrough, passThrough}
	}
	stacks := []mwStack{
		{"bare", func(r *velocy.Router) http.Handler { return r }},
		{"pass5", func(r *velocy.Router) http.Handler {
			r.Use(five()...)
			return r
		}},
		{"pass5chain", func(r *velocy.Router) http.Handler {
			return middleware.Chain(five()...)(r)
		}},
		{"ours5", func(r *velocy.Router) http.Handler {
			return middleware.Chain(ourLight()...)(r)
		}},
	}
	// Rotate as bench.sh asks, for the same reason as the routers: the
	// first sub-benchmark of a process runs cold.
	if k, err := strconv.Atoi(os.Getenv("VELOCY_BENCH_ROTATE")); err == nil {
		k %= len(stacks)
		stacks = append(stacks[k:], stacks[:k]...)
	}
	return stacks
}

func BenchmarkMiddleware(b *testing.B) {
	for _, st := range mwStacks() {
		for _, rt := range mwRoutes {
			b.Run("stack="+st.name+"/route="+rt.kind, func(b *testing.B) {
				h := st.wrap(githubRouter())
				w := newDiscardWriter()
				reqs := mwRequests(rt.method, rt.path)
				b.ReportAllocs()
				for b.Loop() {
					clear(w.h) // a server hands every response a header of its own
					h.ServeHTTP(w, reqs.get(0))
				}
			})
		}
	}
}

// BenchmarkOurMiddleware measures each middleware of ourLight, and of
// ourOthers, alone in front of the router, on the static route: subtract
// stack=bare/route=static of BenchmarkMiddleware to get its own cost.
func BenchmarkOurMiddleware(b *testing.B) {
	names, mws := ourOthers()
	names = append(slices.Clone(ourLightNames), names...)
	mws = append(ourLight(), mws...)
	for i, mw := range mws {
		b.Run("mw="+names[i], func(b *testing.B) {
			h := mw(githubRouter())
			w := newDiscardWriter()
			reqs := mwRequests(http.MethodGet, "/user/repos")
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				h.ServeHTTP(w, reqs.get(0))
			}
		})
	}
}

// TestMiddlewareStacksServe checks that what the middleware benchmarks
// measure is a request served by its route, through every stack, twice on
// the same fresh request, and that ours5 did its work (SecureHeaders'
// headers are there).
func TestMiddlewareStacksServe(t *testing.T) {
	for _, st := range mwStacks() {
		for _, rt := range mwRoutes {
			t.Run(st.name+"/"+rt.kind, func(t *testing.T) {
				want := slices.Index(githubRoutes, route{rt.method, paramPathOf(rt.path)})
				got := -1
				r := loadVelocy(githubRoutes, func(i int) func(http.ResponseWriter, []string) {
					return func(http.ResponseWriter, []string) { got = i }
				}).(*velocy.Router)
				h := st.wrap(r)
				w := newDiscardWriter()
				reqs := mwRequests(rt.method, rt.path)
				for range 2 {
					got = -1
					clear(w.h)
					h.ServeHTTP(w, reqs.get(0))
					if got != want || want < 0 {
						t.Fatalf("%s %s reached route %d, want %d", rt.method, rt.path, got, want)
					}
				}
				if st.name == "ours5" && w.h.Get("X-Content-Type-Options") != "nosniff" {
					t.Errorf("ours5 answered without X-Content-Type-Options: nosniff; header %v", w.h)
				}
			})
		}
	}
}

// paramPathOf returns the GitHub pattern that path of mwRoutes matches.
func paramPathOf(path string) string {
	if path == "/repos/learn-go/velocy/stargazers" {
		return "/repos/:owner/:repo/stargazers"
	}
	return path
}

// BenchmarkMiddlewarePaired measures the same cost as BenchmarkMiddleware
// and BenchmarkOurMiddleware, in a way that holds up on a shared, busy
// machine: each op serves a block of requests through the bare router, then
// as many through the stack, timing each block, so that the two are
// measured a few microseconds apart, under the same load. It reports the
// median over the ops of (stack block − bare block) / requests / k as
// ns/mw, where k is the number of middlewares in the stack (5, or 1 for
// mw=NAME, one of ours alone), and the median bare request as bare-ns/req;
// ns/op is of no interest here. Allocations are counted exactly by the
// other two benchmarks.
func BenchmarkMiddlewarePaired(b *testing.B) {
	for _, st := range mwStacks() {
		if st.name != "bare" {
			b.Run("stack="+st.name, func(b *testing.B) { benchPaired(b, st.wrap(githubRouter()), 5) })
		}
	}
	names, mws := ourOthers()
	names = append(slices.Clone(ourLightNames), names...)
	mws = append(ourLight(), mws...)
	for i, mw := range mws {
		b.Run("mw="+names[i], func(b *testing.B) { benchPaired(b, mw(githubRouter()), 1) })
	}
}

// benchPaired times blocks of requests to /user/repos through the bare
// router and through h, alternately; see BenchmarkMiddlewarePaired.
func benchPaired(b *testing.B, h http.Handler, k int) {
	const block = 256
	bare := githubRouter()
	w := newDiscardWriter()
	reqs := mwRequests(http.MethodGet, "/user/repos")
	var diffs, bares []float64
	for b.Loop() {
		t0 := time.Now()
		for range block {
			clear(w.h)
			bare.ServeHTTP(w, reqs.get(0))
		}
		t1 := time.Now()
		for range block {
			clear(w.h)
			h.ServeHTTP(w, reqs.get(0))
		}
		t2 := time.Now()
		bares = append(bares, float64(t1.Sub(t0))/block)
		diffs = append(diffs, float64(t2.Sub(t1)-t1.Sub(t0))/block/float64(k))
	}
	b.ReportMetric(median(diffs), "ns/mw")
	b.ReportMetric(median(bares), "bare-ns/req")
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	if n := len(xs); n%2 == 0 {
		return (xs[n/2-1] + xs[n/2]) / 2
	}
	return xs[len(xs)/2]
}
