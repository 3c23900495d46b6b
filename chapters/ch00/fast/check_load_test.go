package fast

import (
	"context"
	"errors"
	"math/rand/v2"
	"sync/atomic"
	"testing"
	"time"
)

// loadRun runs Load in a goroutine and fails the test, instead of hanging,
// when it has not returned within 10 s of being started.
func loadRun(t *testing.T, ctx context.Context, workers int, do func(context.Context) error) (Result, error) {
	t.Helper()
	type out struct {
		r   Result
		err error
	}
	done := make(chan out, 1)
	go func() {
		r, err := Load(ctx, workers, do)
		done <- out{r, err}
	}()
	select {
	case o := <-done:
		return o.r, o.err
	case <-time.After(10 * time.Second):
		t.Fatalf("Load(ctx, %d, do) did not return within 10s of its context ending: loop only while ctx.Err() == nil, and wait for the workers", workers)
		return Result{}, nil
	}
}

func TestLoadCountsEveryCall(t *testing.T) {
	for range 10 {
		workers := 1 + rand.IntN(8)
		stopAt := int64(50 + rand.IntN(500))
		ctx, cancel := context.WithCancel(context.Background())
		var calls, ok, failed, cancelled atomic.Int64
		// atCancel is the count just after cancel returned: on a busy
		// machine the goroutine that cancels can be paused between its
		// Add and its cancel while other workers rightly go on calling.
		var atCancel atomic.Int64
		errBoom := errors.New("boom")
		do := func(ctx context.Context) error {
			n := calls.Add(1)
			if n == stopAt {
				cancel()
				atCancel.Store(calls.Load())
			}
			if ctx.Err() != nil {
				cancelled.Add(1)
				return ctx.Err()
			}
			if rand.IntN(3) == 0 {
				failed.Add(1)
				return errBoom
			}
			ok.Add(1)
			return nil
		}
		r, err := loadRun(t, ctx, workers, do)
		cancel()
		if err != nil {
			t.Fatalf("Load(ctx, %d, do) error = %v, want nil", workers, err)
		}
		after := calls.Load()
		if after < stopAt {
			t.Fatalf("Load(ctx, %d, do) returned after %d calls, before its context ended (at call %d): keep calling until ctx.Err() != nil, and wait for the workers", workers, after, stopAt)
		}
		if r.OK != int(ok.Load()) || r.Failed != int(failed.Load()) || r.Cancelled != int(cancelled.Load()) {
			t.Fatalf("Load with %d workers: OK=%d Failed=%d Cancelled=%d, want %d, %d, %d (a nil error is OK; an error wrapping ctx.Err() once ctx is done is Cancelled; any other is Failed)",
				workers, r.OK, r.Failed, r.Cancelled, ok.Load(), failed.Load(), cancelled.Load())
		}
		if len(r.Latencies) != r.OK+r.Failed {
			t.Fatalf("Load with %d workers: %d latencies for %d OK and %d failed calls, want one per OK or failed call (none for cancelled ones)", workers, len(r.Latencies), r.OK, r.Failed)
		}
		for _, l := range r.Latencies {
			if l < 0 {
				t.Fatalf("Load: a latency of %v: measure with time.Since from just before the call", l)
			}
		}
		if end := atCancel.Load(); after > end+int64(workers) {
			t.Fatalf("Load with %d workers made %d calls after its context ended at call %d, want at most one per worker: check ctx.Err() before every call", workers, after-end, end)
		}
	}
}

func TestLoadRunsWorkersAtOnce(t *testing.T) {
	workers := 2 + rand.IntN(7)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var inFlight, most, started atomic.Int64
	all := make(chan struct{})
	giveUp := time.After(5 * time.Second)
	var stuck atomic.Bool
	do := func(ctx context.Context) error {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		// The first round of calls waits until all workers are in one.
		if s := started.Add(1); s == int64(workers) {
			close(all)
		} else if s < int64(workers) {
			select {
			case <-all:
			case <-giveUp:
				stuck.Store(true)
				cancel()
			}
		} else if s > 200 {
			cancel()
		}
		return nil
	}
	r, err := loadRun(t, ctx, workers, do)
	if err != nil {
		t.Fatalf("Load(ctx, %d, do) error = %v, want nil", workers, err)
	}
	if stuck.Load() {
		t.Fatalf("Load(ctx, %d, do): only %d calls were in flight at once, want %d: run each worker in its own goroutine", workers, most.Load(), workers)
	}
	if m := most.Load(); m > int64(workers) {
		t.Fatalf("Load(ctx, %d, do) had %d calls in flight at once, want at most %d: one call at a time per worker", workers, m, workers)
	}
	if r.OK == 0 {
		t.Fatalf("Load(ctx, %d, do) counted no OK calls, but every call of do returned nil: count them (r.OK++)", workers)
	}
}

func TestLoadRejectsNoWorkers(t *testing.T) {
	for _, w := range []int{0, -1 - rand.IntN(5)} {
		called := false
		_, err := Load(context.Background(), w, func(context.Context) error { called = true; return nil })
		if err == nil || called {
			t.Fatalf("Load(ctx, %d, do) error = %v (do called: %v), want an error and no call: a load needs a worker", w, err, called)
		}
	}
}

func TestLoadDoneContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var calls atomic.Int64
	r, err := loadRun(t, ctx, 1+rand.IntN(4), func(context.Context) error { calls.Add(1); return nil })
	if err != nil || calls.Load() != 0 || r.OK != 0 {
		t.Fatalf("Load on a context already done: %d calls, OK=%d, err=%v; want no call and no error: check ctx.Err() before each call", calls.Load(), r.OK, err)
	}
}
