package metrics

import (
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
)

// The comparisons with client_golang are in the nested module
// velocy/metrics/interop; these measure velocy/metrics alone.

func BenchmarkHistogramObserve(b *testing.B) {
	h := NewRegistry().Histogram("h", "", nil)
	b.ReportAllocs()
	v := 0.0
	for b.Loop() {
		h.Observe(v)
		v += 0.001
	}
}

func BenchmarkHistogramObserveParallel(b *testing.B) {
	h := NewRegistry().Histogram("h", "", nil)
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		v := 0.0
		for pb.Next() {
			h.Observe(v)
			v += 0.001
		}
	})
}

func BenchmarkCounterInc(b *testing.B) {
	c := NewRegistry().Counter("c_total", "")
	b.ReportAllocs()
	for b.Loop() {
		c.Inc()
	}
}

func BenchmarkCounterVecWith(b *testing.B) {
	v := NewRegistry().CounterVec("c_total", "", "method", "route", "code")
	v.With("GET", "/users/{id}", "2xx")
	b.ReportAllocs()
	for b.Loop() {
		v.With("GET", "/users/{id}", "2xx").Inc()
	}
}

// benchRouter returns a velocy router with a few routes, with Middleware
// when mw is true.
func benchRouter(mw bool) *velocy.Router {
	r := velocy.New()
	if mw {
		r.Use(Middleware(NewRegistry()))
	}
	h := func(w http.ResponseWriter, req *http.Request) { w.WriteHeader(http.StatusOK) }
	for _, p := range []string{"/", "/users", "/users/{id}", "/users/{id}/posts/{post}", "/static/{path...}"} {
		r.Get(p, h)
	}
	return r
}

// batch is how many fresh requests are built between two timed runs.
const batch = 4096

// BenchmarkMiddleware serves a static route (GET /users, which the bare
// router answers without allocating) and a route with a parameter (GET
// /users/42) through the bare router and through router+Middleware, a
// fresh request each time, and reports both and the difference per
// request, measured in the same run.
func BenchmarkMiddleware(b *testing.B) {
	b.Run("route=static", func(b *testing.B) { benchMiddleware(b, "/users") })
	b.Run("route=param", func(b *testing.B) { benchMiddleware(b, "/users/42") })
}

func benchMiddleware(b *testing.B, target string) {
	bare, withMW := benchRouter(false), benchRouter(true)
	w := &nopWriter{h: http.Header{}}
	reqs := freshRequests(batch, "GET", target)
	tmpl := *reqs[0]
	withMW.ServeHTTP(w, freshRequests(1, "GET", target)[0]) // create the series
	var took [2]time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for done := 0; done < b.N; {
		n := min(batch, b.N-done)
		for k, h := range []http.Handler{bare, withMW} {
			b.StopTimer()
			for i := range n {
				*reqs[i] = tmpl
			}
			b.StartTimer()
			start := time.Now()
			for i := range n {
				h.ServeHTTP(w, reqs[i])
			}
			took[k] += time.Since(start)
		}
		done += n
	}
	bareNs := float64(took[0].Nanoseconds()) / float64(b.N)
	mwNs := float64(took[1].Nanoseconds()) / float64(b.N)
	b.ReportMetric(bareNs, "bare-ns/req")
	b.ReportMetric(mwNs, "metrics-ns/req")
	b.ReportMetric(mwNs-bareNs, "delta-ns/req")
}

// BenchmarkWriteText writes the page of a service of a realistic size:
// the runtime families and the middleware's after traffic on 20 routes,
// each with three methods answered 2xx and 4xx (120 request series, 60
// duration histograms). It reports the page's size.
func BenchmarkWriteText(b *testing.B) {
	reg := NewRegistry()
	reg.RegisterRuntime()
	r := velocy.New()
	r.Use(Middleware(reg))
	ok := func(w http.ResponseWriter, _ *http.Request) {}
	for i := range 20 {
		p := "/api/r" + string(rune('a'+i)) + "/{id}"
		r.Get(p, ok)
		r.Post(p, ok)
		r.Delete(p, ok)
	}
	w := &nopWriter{h: http.Header{}}
	for i := range 20 {
		for _, m := range []string{"GET", "POST", "DELETE"} {
			target := "/api/r" + string(rune('a'+i)) + "/1"
			r.ServeHTTP(w, freshRequests(1, m, target)[0])
			r.ServeHTTP(w, freshRequests(1, m, target+"/x")[0]) // a 404: "unmatched"
		}
	}
	var page countWriter
	if err := reg.WriteText(&page); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := reg.WriteText(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(page), "page-bytes")
}

// countWriter counts the bytes written to it.
type countWriter int

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// BenchmarkMiddlewareFloor measures what any middleware that does the job
// of Middleware must spend per request, with nothing else around it: two
// reads of the monotonic clock (the start and the end of the request),
// five uncontended atomic adds (requests started; the request's counter;
// the histogram's count, sum and bucket) and a pooled status writer taken
// and given back. On a machine where the clock is slow this floor alone
// is close to the 100 ns the book sets for the whole middleware, so
// compare BenchmarkMiddleware's delta with it rather than with 100 ns.
func BenchmarkMiddlewareFloor(b *testing.B) {
	var n [5]atomic.Uint64
	var sink time.Duration
	b.ReportAllocs()
	for b.Loop() {
		start := time.Since(epoch)
		sw := writerPool.Get().(*statusWriter)
		for i := range n {
			n[i].Add(1)
		}
		writerPool.Put(sw)
		sink += time.Since(epoch) - start
	}
	if sink < 0 {
		b.Fatal("the monotonic clock went back")
	}
}
