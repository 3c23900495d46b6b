// Command loopback is lesson 0.4's load test as a program: it starts a tiny
// HTTP server on a loopback port, drives it with fast.Load from a fixed
// number of workers until a deadline, and prints the requests per second,
// the latency percentiles and the connections the server accepted.
//
//	go run ./chapters/ch00/cmd/loopback -workers 16 -duration 2s
//	go run ./chapters/ch00/cmd/loopback -workers 16 -default-client
//
// -default-client uses http.DefaultTransport as it is (two idle connections
// per host) instead of a pool as big as the workers: compare the
// connection counts.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync/atomic"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch00/fast"
)

func main() {
	workers := flag.Int("workers", 8, "requests in flight at once")
	duration := flag.Duration("duration", 2*time.Second, "how long to send requests")
	defaultClient := flag.Bool("default-client", false, "use http.DefaultTransport's pool of 2 idle connections")
	flag.Parse()
	if err := run(os.Stdout, *workers, *duration, *defaultClient); err != nil {
		fmt.Fprintln(os.Stderr, "loopback:", err)
		os.Exit(1)
	}
}

// run serves, loads and reports to out.
func run(out io.Writer, workers int, d time.Duration, defaultClient bool) error {
	if d <= 0 {
		return fmt.Errorf("-duration %v: want a positive duration", d)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	var conns atomic.Int64
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			io.WriteString(w, "hello\n")
		}),
		ReadHeaderTimeout: 5 * time.Second,
		ConnState: func(_ net.Conn, s http.ConnState) {
			if s == http.StateNew {
				conns.Add(1)
			}
		},
	}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/"

	t := http.DefaultTransport.(*http.Transport).Clone()
	if !defaultClient {
		t.MaxIdleConnsPerHost, t.MaxIdleConns = max(workers, 2), max(workers, 2)
	}
	client := &http.Client{Transport: t}
	defer client.CloseIdleConnections()

	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	r, err := fast.Load(ctx, workers, func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		// Read to the end and close, or the connection cannot be reused.
		_, err = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err == nil && resp.StatusCode != http.StatusOK {
			err = fmt.Errorf("status %d", resp.StatusCode)
		}
		return err
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "%d workers for %v: %d OK, %d failed, %d cut short by the deadline\n",
		workers, d, r.OK, r.Failed, r.Cancelled)
	fmt.Fprintf(out, "%.0f requests/s on %d connections\n", r.Rate(), conns.Load())
	us := make([]float64, len(r.Latencies))
	for i, l := range r.Latencies {
		us[i] = float64(l.Microseconds())
	}
	for _, p := range []float64{50, 90, 99, 99.9} {
		v, err := fast.Percentile(us, p)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "p%-4v %8.0f µs\n", p, v)
	}
	return nil
}
