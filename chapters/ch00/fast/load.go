package fast

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// A Result is what Load saw.
type Result struct {
	OK        int             // calls that returned nil
	Failed    int             // calls that returned an error while the context was live
	Cancelled int             // calls cut short by the end of the context (their error wraps ctx.Err())
	Latencies []time.Duration // how long each OK and Failed call took, in no particular order
	Elapsed   time.Duration   // from the start of Load to the end of its last call
}

// Rate returns the OK calls per second of r.
func (r Result) Rate() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.OK) / r.Elapsed.Seconds()
}

// Load calls do from workers goroutines at once, each calling it again as
// soon as it returns, until ctx is done. Then it waits for the calls in
// flight, and returns what every call did and how long it took. A call whose
// error wraps ctx.Err() after ctx is done counts as Cancelled, not Failed,
// and its latency is not kept: the deadline cut it short. Fewer than one
// worker is an error.
func Load(ctx context.Context, workers int, do func(ctx context.Context) error) (Result, error) {
	if workers < 1 {
		return Result{}, fmt.Errorf("fast: %d workers: a load needs at least one", workers)
	}
	// Each worker writes only its own Result: no lock, no shared counter on
	// the hot path to slow down what is being measured.
	parts := make([]Result, workers)
	start := time.Now()
	Spawn(workers, func(i int) {
		r := &parts[i]
		for ctx.Err() == nil {
			t0 := time.Now()
			err := do(ctx)
			took := time.Since(t0)
			switch {
			case err == nil:
				r.OK++
			case ctx.Err() != nil && errors.Is(err, ctx.Err()):
				r.Cancelled++
				continue
			default:
				r.Failed++
			}
			r.Latencies = append(r.Latencies, took)
		}
	})
	var total Result
	for _, p := range parts {
		total.OK += p.OK
		total.Failed += p.Failed
		total.Cancelled += p.Cancelled
		total.Latencies = append(total.Latencies, p.Latencies...)
	}
	total.Elapsed = time.Since(start)
	return total, nil
}
