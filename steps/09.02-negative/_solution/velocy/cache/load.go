package cache

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
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
// cancelled when every caller has given up. A Set or Delete of key while
// the load runs wins: the load's result still goes to its waiters, but is
// not stored over the change.
//
// An error is returned to every waiter and not stored, unless load marks
// it with [Negative]: then it is stored for the time given there, and
// returned without calling load until it expires. A panic in load is
// recovered and returned to every waiter as a [*PanicError].
func (c *Cache[K, V]) GetOrLoad(ctx context.Context, key K, load func(ctx context.Context, key K) (V, error)) (V, error) {
	s := c.shardFor(key)
	var zero V
	s.mu.Lock()
	if e := s.live(key); e != nil {
		s.hits++
		s.toFront(e)
		v, err := e.value, e.err
		s.mu.Unlock()
		return v, err
	}
	s.misses++
	cl, ok := s.calls[key]
	if !ok {
		if err := ctx.Err(); err != nil {
			s.mu.Unlock()
			return zero, err
		}
		lctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
		cl = &call[V]{done: make(chan struct{}), cancel: cancel}
		if s.calls == nil {
			s.calls = make(map[K]*call[V])
		}
		s.calls[key] = cl
		go c.run(lctx, s, key, cl, load)
	}
	cl.waiters++
	s.mu.Unlock()

	select {
	case <-cl.done:
		return cl.value, cl.err
	case <-ctx.Done():
		s.mu.Lock()
		cl.waiters--
		if cl.waiters == 0 && s.calls[key] == cl {
			// Nobody wants this load any more: stop it, and let the
			// next caller start a fresh one.
			delete(s.calls, key)
			cl.cancel()
		}
		s.mu.Unlock()
		return zero, ctx.Err()
	}
}

// run calls load for cl, stores what is worth storing, and wakes the
// waiters.
func (c *Cache[K, V]) run(ctx context.Context, s *shard[K, V], key K, cl *call[V], load func(context.Context, K) (V, error)) {
	defer cl.cancel()
	v, err := protect(ctx, key, load)
	var negative *negativeError
	if errors.As(err, &negative) {
		err = negative.err
	}
	if err != nil {
		var zero V
		v = zero
	}
	s.mu.Lock()
	if s.calls[key] == cl {
		delete(s.calls, key)
		switch {
		case err == nil:
			s.put(key, v, nil, s.deadline(c.ttl))
		case negative != nil:
			s.put(key, v, err, s.deadline(negative.ttl))
		}
	}
	cl.value, cl.err = v, err
	s.mu.Unlock()
	close(cl.done)
}

// protect calls load, turning a panic into a *PanicError.
func protect[K comparable, V any](ctx context.Context, key K, load func(context.Context, K) (V, error)) (v V, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = &PanicError{Value: p, Stack: debug.Stack()}
		}
	}()
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
