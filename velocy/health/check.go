package health

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// errPanic is the error of a check that panicked.
var errPanic = errors.New("check panicked")

// result returns c's cached result when it is younger than cacheFor, else
// runs c.
func (c *check) result(ctx context.Context, cacheFor time.Duration) Result {
	if cacheFor > 0 {
		c.mu.Lock()
		at, last := c.at, c.last
		c.mu.Unlock()
		if !at.IsZero() && time.Since(at) < cacheFor {
			return last
		}
	}
	r := c.runOnce(ctx)
	if cacheFor > 0 && ctx.Err() == nil { // a probe that gave up says nothing of the dependency
		c.mu.Lock()
		c.at, c.last = time.Now(), r
		c.mu.Unlock()
	}
	return r
}

// runOnce runs c under its timeout and ctx, and returns without waiting
// for a check that ignores its context.
func (c *check) runOnce(ctx context.Context) Result {
	if c.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.timeout)
		defer cancel()
	}
	done := make(chan error, 1) // buffered: a check that returns late does not block
	go func() {
		defer func() {
			if v := recover(); v != nil {
				done <- fmt.Errorf("%w: %v", errPanic, v)
			}
		}()
		done <- c.run(ctx)
	}()
	var err error
	select {
	case err = <-done:
	case <-ctx.Done():
		err = ctx.Err()
	}
	switch {
	case err == nil:
		return Result{Status: StatusOK}
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil:
		return Result{Status: StatusFail, Error: "timeout", err: err}
	default:
		return Result{Status: StatusFail, Error: "failed", err: err}
	}
}
