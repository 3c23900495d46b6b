package interop

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/metrics"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// values are what the Observe benchmarks observe, spread over the default
// buckets (and past them), the same for both libraries.
var values = func() []float64 {
	v := make([]float64, 1024)
	for i := range v {
		v[i] = float64(i*i%997) / 997 * 12 // 0 to 12 s
	}
	return v
}()

// goroutines is how many goroutines the parallel benchmarks run.
const goroutines = 8

// The operations compared, each as (ours, theirs), built fresh per benchmark.
type pair struct {
	name   string
	ours   func() func(i int)
	theirs func() func(i int)
}

var pairs = []pair{
	{"observe",
		func() func(int) {
			h := metrics.NewRegistry().Histogram("h_seconds", "", nil)
			return func(i int) { h.Observe(values[i&1023]) }
		},
		func() func(int) {
			h := prometheus.NewHistogram(prometheus.HistogramOpts{Name: "h_seconds", Help: "h"})
			return func(i int) { h.Observe(values[i&1023]) }
		}},
	{"counter-inc",
		func() func(int) {
			c := metrics.NewRegistry().Counter("c_total", "")
			return func(int) { c.Inc() }
		},
		func() func(int) {
			c := prometheus.NewCounter(prometheus.CounterOpts{Name: "c_total", Help: "c"})
			return func(int) { c.Inc() }
		}},
	{"vec-with-inc",
		func() func(int) {
			v := metrics.NewRegistry().CounterVec("c_total", "", "method", "route", "code")
			v.With("GET", "/users/{id}", "2xx")
			return func(int) { v.With("GET", "/users/{id}", "2xx").Inc() }
		},
		func() func(int) {
			v := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "c_total", Help: "c"}, []string{"method", "route", "code"})
			v.WithLabelValues("GET", "/users/{id}", "2xx")
			return func(int) { v.WithLabelValues("GET", "/users/{id}", "2xx").Inc() }
		}},
}

// BenchmarkOps runs each operation on its own, for ns/op and allocs/op:
// on one goroutine, and on 8 at once (b.SetParallelism scaled to
// GOMAXPROCS) for "parallel".
func BenchmarkOps(b *testing.B) {
	for _, p := range pairs {
		for _, lib := range []string{"velocy", "client_golang"} {
			mk := p.ours
			if lib == "client_golang" {
				mk = p.theirs
			}
			b.Run(p.name+"/lib="+lib, func(b *testing.B) {
				f := mk()
				b.ReportAllocs()
				i := 0
				for b.Loop() {
					f(i)
					i++
				}
			})
			b.Run(p.name+"-parallel/lib="+lib, func(b *testing.B) {
				f := mk()
				b.ReportAllocs()
				b.SetParallelism((goroutines + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
				b.RunParallel(func(pb *testing.PB) {
					i := 0
					for pb.Next() {
						f(i)
						i++
					}
				})
			})
		}
	}
}

// block is how many operations one side does per op of BenchmarkPaired.
const block = 1 << 16

// BenchmarkPaired measures velocy/metrics and client_golang side by side,
// so that both see the machine's load at the same moment: each op runs a
// block of operations with one library, then with the other (the order
// swapped every op), and the benchmark reports the median over the ops of
// (our ns per operation / theirs) as x-client_golang, the bar being 1.0
// for observe, with each side's median ns per operation. "-8g" runs the
// block on 8 goroutines at once (ns per operation of the whole).
func BenchmarkPaired(b *testing.B) {
	for _, p := range pairs {
		for _, par := range []int{1, goroutines} {
			name := p.name
			if par > 1 {
				name += "-8g"
			}
			b.Run(name, func(b *testing.B) {
				ours, theirs := p.ours(), p.theirs()
				timed := func(f func(int)) float64 {
					start := time.Now()
					run(f, par)
					return float64(time.Since(start).Nanoseconds()) / block
				}
				var ratios, o, t []float64
				i := 0
				for b.Loop() {
					var on, tn float64
					if i%2 == 0 {
						on, tn = timed(ours), timed(theirs)
					} else {
						tn, on = timed(theirs), timed(ours)
					}
					i++
					ratios = append(ratios, on/tn)
					o = append(o, on)
					t = append(t, tn)
				}
				b.ReportMetric(median(ratios), "x-client_golang")
				b.ReportMetric(median(o), "velocy-ns/op")
				b.ReportMetric(median(t), "client_golang-ns/op")
			})
		}
	}
}

// run calls f block times, split among par goroutines.
func run(f func(int), par int) {
	if par == 1 {
		for i := range block {
			f(i)
		}
		return
	}
	var wg sync.WaitGroup
	for g := range par {
		wg.Go(func() {
			for i := g; i < block; i += par {
				f(i)
			}
		})
	}
	wg.Wait()
}

// median is the middle of xs (the mean of the middle two for an even count).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// nopWriter is a ResponseWriter that allocates nothing.
type nopWriter struct{ h http.Header }

func (w *nopWriter) Header() http.Header         { return w.h }
func (w *nopWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *nopWriter) WriteHeader(int)             {}

// BenchmarkMiddleware serves GET requests through velocy's router alone
// and with metrics.Middleware, each request fresh (a copy of a template,
// refilled outside the timer in blocks, as net/http hands every request
// to the handler new), alternating blocks of both. It reports each one's
// ns per request and the difference (the bar: <= 100 ns, 0 allocs).
// B/op and allocs/op count both requests of an op together; on the
// static route the bare router allocates nothing, so 0 means the
// middleware allocated nothing either.
func BenchmarkMiddleware(b *testing.B) {
	for _, tt := range []struct{ name, target string }{{"static", "/users"}, {"param", "/users/42"}} {
		b.Run("route="+tt.name, func(b *testing.B) {
			benchPairedHandlers(b, tt.target, benchRouter(true), "metrics-ns/req")
		})
	}
}

// BenchmarkMiddlewarePromhttp is BenchmarkMiddleware with client_golang's
// promhttp instrumentation (in flight, duration and counter; the route
// curried in as a constant label, since promhttp does not know it) in
// place of ours, for scale. It runs apart: its garbage would make the GC
// run during the other's blocks.
func BenchmarkMiddlewarePromhttp(b *testing.B) {
	b.Run("route=static", func(b *testing.B) {
		benchPairedHandlers(b, "/users", promhttpRouter(), "promhttp-ns/req")
	})
}

// benchPairedHandlers alternates blocks of fresh requests to the bare
// router and to h, and reports h's ns per request as unit, the bare
// router's, and the difference.
func benchPairedHandlers(b *testing.B, target string, h http.Handler, unit string) {
	handlers := [2]http.Handler{benchRouter(false), h}
	w := &nopWriter{h: http.Header{}}
	tmpl := httptest.NewRequest("GET", target, nil)
	h.ServeHTTP(w, tmpl.Clone(tmpl.Context())) // create the series
	reqs := make([]http.Request, 4096)
	var took [2]time.Duration
	b.ReportAllocs()
	b.ResetTimer()
	for done := 0; done < b.N; {
		n := min(len(reqs), b.N-done)
		for k, h := range handlers {
			b.StopTimer()
			for i := range n {
				reqs[i] = *tmpl
			}
			b.StartTimer()
			start := time.Now()
			for i := range n {
				h.ServeHTTP(w, &reqs[i])
			}
			took[k] += time.Since(start)
		}
		done += n
	}
	bare := float64(took[0].Nanoseconds()) / float64(b.N)
	with := float64(took[1].Nanoseconds()) / float64(b.N)
	b.ReportMetric(bare, "bare-ns/req")
	b.ReportMetric(with, unit)
	b.ReportMetric(with-bare, "delta-ns/req")
}

// benchRouter returns a velocy router with a few routes, with
// metrics.Middleware when mw is true.
func benchRouter(mw bool) *velocy.Router {
	r := velocy.New()
	if mw {
		r.Use(metrics.Middleware(metrics.NewRegistry()))
	}
	h := func(w http.ResponseWriter, req *http.Request) { w.WriteHeader(http.StatusOK) }
	for _, p := range []string{"/", "/users", "/users/{id}", "/users/{id}/posts/{post}", "/static/{path...}"} {
		r.Get(p, h)
	}
	return r
}

// promhttpRouter is benchRouter without our middleware, wrapped in
// client_golang's instrumentation of the same three families.
func promhttpRouter() http.Handler {
	reg := prometheus.NewRegistry()
	inFlight := prometheus.NewGauge(prometheus.GaugeOpts{Name: "http_requests_in_flight", Help: "h"})
	requests := prometheus.NewCounterVec(prometheus.CounterOpts{Name: "http_requests_total", Help: "h"}, []string{"method", "route", "code"})
	duration := prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "http_request_duration_seconds", Help: "h"}, []string{"method", "route"})
	reg.MustRegister(inFlight, requests, duration)
	route := prometheus.Labels{"route": "/users"}
	return promhttp.InstrumentHandlerInFlight(inFlight,
		promhttp.InstrumentHandlerDuration(duration.MustCurryWith(route),
			promhttp.InstrumentHandlerCounter(requests.MustCurryWith(route), benchRouter(false))))
}
