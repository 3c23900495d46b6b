// Package state is what a velocy application keeps between requests, and
// shares between instances: a [Store] of keys with a time to live, small
// enough that a map in memory and a Redis server both implement it.
//
// Sessions (velocy/middleware), the rate limiter (velocy/ratelimit) and
// the HTTP response cache (velocy/httpcache) keep their data in a Store.
// With the in-memory default they work in one process; with the Redis
// store (the nested module velocy/redisstore) two servers behind a load
// balancer share one client's limit and one user's session.
package state

import (
	"context"
	"errors"
	"time"
)

// Store holds byte values under string keys, each with an optional time to
// live. Every method takes a context because a store may be across the
// network; an implementation must honour its cancellation, and must be
// safe for concurrent use.
//
// An error from a method means the store could not answer (the network,
// the server), never that a key is missing: a missing key is found=false,
// or swapped=false, with a nil error. Callers decide what an error means
// for them: the rate limiter, for one, can fail open or closed.
//
// A ttl of 0 means no expiry. A negative ttl is an error.
type Store interface {
	// Get returns the value under key and found=true, or found=false if
	// there is none or it has expired. The caller may keep and modify
	// the returned slice.
	Get(ctx context.Context, key string) (value []byte, found bool, err error)
	// Set stores value under key, replacing what was there, for ttl. The
	// store keeps no reference to value after Set returns.
	Set(ctx context.Context, key string, value []byte, ttl time.Duration) error
	// Delete removes key. Deleting a key that does not exist is not an
	// error.
	Delete(ctx context.Context, key string) error
	// Incr adds delta to the decimal integer stored under key and returns
	// the sum. A missing key counts as 0 and is created with ttl; an
	// existing key keeps the expiry it had. A value that is not a decimal
	// integer is ErrNotInteger.
	Incr(ctx context.Context, key string, delta int64, ttl time.Duration) (int64, error)
	// CompareAndSwap sets key to new, with ttl, if its current value is
	// old, and reports whether it did. A nil old means "only if key is
	// missing (or expired)". It is the one primitive a read-modify-write
	// needs: read with Get, compute, CompareAndSwap, retry on false.
	CompareAndSwap(ctx context.Context, key string, old, new []byte, ttl time.Duration) (swapped bool, err error)
}

// ErrNotInteger is returned by Incr when the value under the key is not a
// decimal integer.
var ErrNotInteger = errors.New("state: value is not an integer")

// ErrNegativeTTL is returned when a method is given a negative ttl.
var ErrNegativeTTL = errors.New("state: negative ttl")
