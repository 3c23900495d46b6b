// Package metrics measures a service and exposes the numbers in the
// Prometheus text exposition format (version 0.0.4), for a Prometheus
// server to scrape.
//
// A [Registry] holds metric families: counters (only go up), gauges (go
// up and down) and histograms (count observations in fixed buckets, with
// their count and sum), each either alone or as a vec told apart by
// labels. Register them once at start-up; registration panics on a
// programming error (an invalid or duplicate name), as http.ServeMux does
// for a duplicate pattern. Updating them is lock-free and allocates
// nothing, so that measuring a request costs nanoseconds:
//
//	reg := metrics.NewRegistry()
//	jobs := reg.CounterVec("jobs_total", "Jobs run, by queue and result.", "queue", "result")
//	took := reg.Histogram("job_duration_seconds", "Time to run a job.", nil)
//	jobs.With("email", "ok").Inc()
//	took.Observe(0.042)
//	reg.RegisterRuntime()              // go_goroutines, heap, GC pauses, ...
//	router.Use(metrics.Middleware(reg)) // requests by method, route, status class
//	adminMux.Handle("/metrics", reg)    // the scrape endpoint, on the admin listener
//
// Labels multiply series: each combination of values is a series that
// Prometheus stores. Vecs guard against a label fed with unbounded values
// (a user id, a raw path): beyond DefaultMaxSeries combinations (see
// [CounterVec.SetMaxSeries]), new ones share an overflow series whose
// labels read "_overflow", and velocy_metrics_overflow_total counts them.
//
// [Middleware] measures HTTP requests the RED way (rate, errors,
// duration) by method, route template and status class.
//
// Chapter 12 of learn-go-hard-way builds this package. The nested module
// velocy/metrics/interop checks the output against Prometheus's own
// parser (expfmt), client_golang's output for the same observations, and
// promtool, and compares the speed with client_golang.
package metrics
