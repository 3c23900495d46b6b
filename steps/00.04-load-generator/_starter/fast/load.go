package fast

import (
	"context"
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
	// TODO(00.04-load-generator): check workers; start them (Spawn) each
	// with a Result of its own; in each, loop until ctx.Err() != nil: time
	// one call, sort it into OK, Failed or Cancelled. Then add the workers'
	// Results together.
	return Result{}, nil
}
