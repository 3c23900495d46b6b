package cache

import (
	"context"
	"fmt"
)

// call is one load in flight, shared by every GetOrLoad that missed the
// same key meanwhile.
type call[V any] struct {
	done  chan struct{} // closed when value and err are set
	value V
	err   error
	// waiters counts the callers still waiting; the last one to give up
	// cancels the load. Guarded by the shard's mutex.
	waiters int
	cancel  context.CancelFunc
}

// GetOrLoad returns the value under key, calling load to produce it on a
// miss and storing the result for the cache's TTL.
//
// Concurrent misses for one key share one call of load: the first starts
// it, the others wait for its result, and all of them get the same value
// or the same error. Each caller waits only as long as its own ctx lets
// it. The load runs in a goroutine of its own, with a context that keeps
// the first caller's values but not its cancellation, and that is
// cancelled when every caller has given up.
//
// An error is returned to every waiter and not stored: the next caller
// tries again. A panic in load is recovered and returned to every waiter
// as a [*PanicError].
func (c *Cache[K, V]) GetOrLoad(ctx context.Context, key K, load func(ctx context.Context, key K) (V, error)) (V, error) {
	// TODO(09.02-get-or-load): under the shard's lock, return a live
	// entry; else join the call in flight for key (s.calls), or start one
	// (c.run in a goroutine). Then wait for it to finish, or for ctx.
	var zero V
	return zero, nil
}

// run calls load for cl, stores what is worth storing, and wakes the
// waiters.
func (c *Cache[K, V]) run(ctx context.Context, s *shard[K, V], key K, cl *call[V], load func(context.Context, K) (V, error)) {
	// TODO(09.02-get-or-load): call load through protect, store a value
	// (not an error) if cl is still the call for key, set cl.value and
	// cl.err, and close cl.done.
}

// protect calls load, turning a panic into a *PanicError.
func protect[K comparable, V any](ctx context.Context, key K, load func(context.Context, K) (V, error)) (v V, err error) {
	// TODO(09.02-get-or-load): recover a panic into a *PanicError with
	// the stack (runtime/debug.Stack).
	return load(ctx, key)
}

// PanicError is what GetOrLoad returns when load panics: the panic is
// recovered in the loading goroutine, where nobody could catch it, and
// handed to every waiter.
type PanicError struct {
	Value any    // what load panicked with
	Stack []byte // the loading goroutine's stack at the panic
}

func (e *PanicError) Error() string {
	return fmt.Sprintf("cache: load panicked: %v", e.Value)
}

// Unwrap returns the panic value if it is an error.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}
