package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch00/fast"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/chart"
)

// A measurePlan is how much to measure.
type measurePlan struct {
	runs        int           // repetitions of every measurement; charts show their median
	spawnCounts []int         // goroutines started at once
	workers     []int         // loopback concurrency levels
	loadFor     time.Duration // one loopback run
	naiveFor    time.Duration // one run with the default client (it churns connections)
	noiseRuns   int           // runs of one benchmark, for the noise chart
	benchtime   string
}

func plan(quick bool) measurePlan {
	if quick {
		return measurePlan{runs: 1, spawnCounts: []int{1, 100}, workers: []int{1, 4},
			loadFor: 50 * time.Millisecond, naiveFor: 50 * time.Millisecond, noiseRuns: 2, benchtime: "100x"}
	}
	return measurePlan{runs: 5, spawnCounts: []int{1, 10, 100, 1_000, 10_000, 100_000}, workers: []int{1, 4, 16, 64},
		loadFor: 500 * time.Millisecond, naiveFor: 250 * time.Millisecond, noiseRuns: 10, benchtime: "100ms"}
}

// median of runs of f, each returning one number.
func median(runs int, f func() (float64, error)) (float64, error) {
	xs := make([]float64, 0, runs)
	for range runs {
		v, err := f()
		if err != nil {
			return 0, err
		}
		xs = append(xs, v)
	}
	return fast.Median(xs)
}

// spawnChart: nanoseconds per goroutine to start n goroutines that do
// nothing and wait for them all, by n.
func spawnChart(machine string, p measurePlan) (*chart.Chart, error) {
	c := &chart.Chart{Kind: chart.Bars, Title: "Start n goroutines and wait for them: cost per goroutine",
		Subtitle: machine, XLabel: "goroutines started at once (n)", Unit: "ns"}
	s := chart.Series{Name: "fast.Spawn"}
	for _, n := range p.spawnCounts {
		// Each run starts at least 100,000 goroutines in rounds of n, so
		// that a run lasts long enough for the clock to see it.
		rounds := max(1, 100_000/n)
		v, err := median(p.runs, func() (float64, error) {
			t0 := time.Now()
			for range rounds {
				fast.Spawn(n, func(int) {})
			}
			return float64(time.Since(t0).Nanoseconds()) / float64(n*rounds), nil
		})
		if err != nil {
			return nil, err
		}
		c.Labels = append(c.Labels, chart.Format(float64(n)))
		s.Values = append(s.Values, v)
	}
	c.Series = []chart.Series{s}
	return c, nil
}

// hello is the handler under load: the smallest useful response.
var hello = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, "hello\n")
})

// serve starts hello on a loopback port and returns its URL, a counter of
// the connections it accepted, and a stop function.
func serve() (string, *atomic.Int64, func(), error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, nil, err
	}
	conns := new(atomic.Int64)
	srv := &http.Server{Handler: hello, ReadHeaderTimeout: 5 * time.Second,
		ConnState: func(_ net.Conn, s http.ConnState) {
			if s == http.StateNew {
				conns.Add(1)
			}
		}}
	go srv.Serve(ln)
	return "http://" + ln.Addr().String() + "/", conns, func() { srv.Close() }, nil
}

// loadOnce runs one load of workers against url for d with client, and
// returns what fast.Load saw. Every response body is read to its end and
// closed, or the connection could not be reused.
func loadOnce(client *http.Client, url string, workers int, d time.Duration) (fast.Result, error) {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	return fast.Load(ctx, workers, func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
		return err
	})
}

// tunedClient keeps as many idle connections to the server as there are
// workers, so that every request reuses one.
func tunedClient(workers int) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = workers
	t.MaxIdleConns = workers
	return &http.Client{Transport: t}
}

// loopbackCharts: requests per second by concurrency, with a tuned client
// and with the default one, and the tuned client's p50 and p99 latency.
func loopbackCharts(machine string, p measurePlan) (rate, latency *chart.Chart, notes []string, err error) {
	url, conns, stop, err := serve()
	if err != nil {
		return nil, nil, nil, err
	}
	defer stop()
	rate = &chart.Chart{Kind: chart.Bars, Title: "Loopback HTTP: requests per second by concurrency (median of runs)",
		Subtitle: machine, XLabel: "workers (requests in flight)", Unit: "req/s"}
	latency = &chart.Chart{Kind: chart.Lines, Title: "Loopback HTTP: latency by concurrency (tuned client)",
		Subtitle: machine, XLabel: "workers (requests in flight)", Unit: "µs"}
	tuned := chart.Series{Name: "idle pool = workers"}
	naive := chart.Series{Name: "http.DefaultClient"}
	p50 := chart.Series{Name: "p50"}
	p99 := chart.Series{Name: "p99"}
	for _, w := range p.workers {
		client := tunedClient(w)
		var lat []float64
		var reqs int
		conns.Store(0)
		v, err := median(p.runs, func() (float64, error) {
			r, err := loadOnce(client, url, w, p.loadFor)
			reqs += r.OK + r.Failed
			if err == nil && r.Failed > 0 {
				err = fmt.Errorf("%d of %d requests failed", r.Failed, r.OK+r.Failed)
			}
			for _, l := range r.Latencies {
				lat = append(lat, float64(l.Nanoseconds())/1e3)
			}
			return r.Rate(), err
		})
		client.CloseIdleConnections()
		if err != nil {
			return nil, nil, nil, fmt.Errorf("loopback, %d workers: %w", w, err)
		}
		notes = append(notes, fmt.Sprintf("%d workers, idle pool = workers: %d requests on %d connections", w, reqs, conns.Load()))
		tuned.Values = append(tuned.Values, v)
		a, err1 := fast.Percentile(lat, 50)
		b, err2 := fast.Percentile(lat, 99)
		if err := errors.Join(err1, err2); err != nil {
			return nil, nil, nil, err
		}
		p50.Values, p99.Values = append(p50.Values, a), append(p99.Values, b)
		def := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		reqs = 0
		conns.Store(0)
		v, err = median(p.runs, func() (float64, error) {
			r, err := loadOnce(def, url, w, p.naiveFor)
			reqs += r.OK + r.Failed
			return r.Rate(), err
		})
		def.CloseIdleConnections()
		if err != nil {
			return nil, nil, nil, err
		}
		notes = append(notes, fmt.Sprintf("%d workers, http.DefaultClient: %d requests on %d connections", w, reqs, conns.Load()))
		naive.Values = append(naive.Values, v)
		rate.Labels = append(rate.Labels, strconv.Itoa(w))
	}
	latency.Labels = rate.Labels
	rate.Series = []chart.Series{tuned, naive}
	latency.Series = []chart.Series{p50, p99}
	return rate, latency, notes, nil
}

// procsChart: the same loopback load (server and client in this process)
// under GOMAXPROCS 1 and the machine's default.
func procsChart(machine string, p measurePlan) (*chart.Chart, error) {
	url, _, stop, err := serve()
	if err != nil {
		return nil, err
	}
	defer stop()
	def := runtime.GOMAXPROCS(0)
	defer runtime.GOMAXPROCS(def)
	workers := p.workers[len(p.workers)/2]
	c := &chart.Chart{Kind: chart.Bars, Title: fmt.Sprintf("The same loopback load (%d workers) by GOMAXPROCS", workers),
		Subtitle: machine, XLabel: "GOMAXPROCS (server and load generator share it)", Unit: "req/s"}
	s := chart.Series{Name: "requests per second"}
	for _, procs := range []int{1, def} {
		if procs == 1 && def == 1 {
			continue
		}
		runtime.GOMAXPROCS(procs)
		client := tunedClient(workers)
		v, err := median(p.runs, func() (float64, error) {
			r, err := loadOnce(client, url, workers, p.loadFor)
			return r.Rate(), err
		})
		client.CloseIdleConnections()
		if err != nil {
			return nil, err
		}
		c.Labels = append(c.Labels, strconv.Itoa(procs))
		s.Values = append(s.Values, v)
	}
	c.Series = []chart.Series{s}
	return c, nil
}

// noiseChart: ns/op of one benchmark (hello served on a fresh request,
// fast.ServeFresh) in repeated runs, as benchstat would be fed them.
func noiseChart(machine string, p measurePlan) (*chart.Chart, error) {
	testing.Init()
	if err := flag.Set("test.benchtime", p.benchtime); err != nil {
		return nil, err
	}
	c := &chart.Chart{Kind: chart.Bars, Title: "One benchmark, run again and again: ns/op of each run",
		Subtitle: machine, XLabel: "run (benchtime " + p.benchtime + " each)", Unit: "ns/op"}
	s := chart.Series{Name: "fast.ServeFresh(hello)"}
	for i := range p.noiseRuns {
		r := testing.Benchmark(func(b *testing.B) { fast.ServeFresh(b, hello, http.MethodGet, "/") })
		if r.N == 0 {
			return nil, errors.New("the noise benchmark did not run")
		}
		c.Labels = append(c.Labels, strconv.Itoa(i+1))
		s.Values = append(s.Values, float64(r.NsPerOp()))
	}
	c.Series = []chart.Series{s}
	return c, nil
}

// stackPerGoroutine returns the stack memory that n goroutines parked on a
// channel hold, per goroutine.
func stackPerGoroutine(n int) float64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	release := make(chan struct{})
	parked := make(chan struct{}, n)
	for range n {
		go func() { parked <- struct{}{}; <-release }()
	}
	for range n {
		<-parked
	}
	runtime.ReadMemStats(&after)
	close(release)
	return float64(after.StackInuse-before.StackInuse) / float64(n)
}
