package metrics_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/metrics"
)

func Example() {
	reg := metrics.NewRegistry()
	jobs := reg.CounterVec("jobs_total", "Jobs run, by queue and result.", "queue", "result")
	queued := reg.Gauge("jobs_queued", "Jobs waiting.")
	took := reg.Histogram("job_duration_seconds", "Time to run a job.", []float64{0.1, 1})

	jobs.With("email", "ok").Inc()
	jobs.With("email", "ok").Inc()
	jobs.With("email", "failed").Inc()
	queued.Set(7)
	took.Observe(0.05)
	took.Observe(0.4)

	reg.WriteText(os.Stdout)
	// Output:
	// # HELP job_duration_seconds Time to run a job.
	// # TYPE job_duration_seconds histogram
	// job_duration_seconds_bucket{le="0.1"} 1
	// job_duration_seconds_bucket{le="1"} 2
	// job_duration_seconds_bucket{le="+Inf"} 2
	// job_duration_seconds_sum 0.45
	// job_duration_seconds_count 2
	// # HELP jobs_queued Jobs waiting.
	// # TYPE jobs_queued gauge
	// jobs_queued 7
	// # HELP jobs_total Jobs run, by queue and result.
	// # TYPE jobs_total counter
	// jobs_total{queue="email",result="failed"} 1
	// jobs_total{queue="email",result="ok"} 2
}

func ExampleMiddleware() {
	reg := metrics.NewRegistry()
	r := velocy.New()
	r.Use(metrics.Middleware(reg))
	r.Get("/users/{id}", func(w http.ResponseWriter, req *http.Request) { fmt.Fprint(w, "hello") })

	for _, path := range []string{"/users/1", "/users/2", "/nowhere"} {
		r.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
	}

	var page strings.Builder
	reg.WriteText(&page)
	for line := range strings.Lines(page.String()) {
		if strings.HasPrefix(line, "http_requests_total") || strings.HasPrefix(line, "http_requests_in_flight") {
			fmt.Print(line)
		}
	}
	// Output:
	// http_requests_in_flight 0
	// http_requests_total{method="GET",route="/users/{id}",code="2xx"} 2
	// http_requests_total{method="GET",route="unmatched",code="4xx"} 1
}

func ExampleRegistry_ServeHTTP() {
	reg := metrics.NewRegistry()
	reg.GaugeVec("temperature_celsius", "Room temperature.", "room").With(`the "blue" room`).Set(21.5)

	w := httptest.NewRecorder()
	reg.ServeHTTP(w, httptest.NewRequest("GET", "/metrics", nil))
	fmt.Println(w.Header().Get("Content-Type"))
	fmt.Print(w.Body.String())
	// Output:
	// text/plain; version=0.0.4; charset=utf-8
	// # HELP temperature_celsius Room temperature.
	// # TYPE temperature_celsius gauge
	// temperature_celsius{room="the \"blue\" room"} 21.5
}

func ExampleCounterVec_With() {
	reg := metrics.NewRegistry()
	hits := reg.CounterVec("hits_total", "Hits by user (a bad label: unbounded).", "user")
	hits.SetMaxSeries(2)
	for _, u := range []string{"ann", "bob", "cid", "dan"} {
		hits.With(u).Inc()
	}
	reg.WriteText(os.Stdout)
	// Output:
	// # HELP hits_total Hits by user (a bad label: unbounded).
	// # TYPE hits_total counter
	// hits_total{user="_overflow"} 2
	// hits_total{user="ann"} 1
	// hits_total{user="bob"} 1
	// # HELP velocy_metrics_overflow_total Label combinations refused by a vec's cardinality guard and counted in its _overflow series.
	// # TYPE velocy_metrics_overflow_total counter
	// velocy_metrics_overflow_total{family="hits_total"} 2
}
