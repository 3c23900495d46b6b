package ratelimit

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// Store is the part of velocy/state's Store that [StoreBackend] needs:
// every state.Store is one. A store that can make the whole decision
// itself, in one round trip (Redis, with a script), should implement
// [Backend] instead.
type Store interface {
	Get(ctx context.Context, key string) (value []byte, found bool, err error)
	CompareAndSwap(ctx context.Context, key string, old, new []byte, ttl time.Duration) (swapped bool, err error)
}

// ErrContention is returned by [StoreBackend] when other requests for
// the same key changed it under every one of its attempts.
var ErrContention = errors.New("ratelimit: too many concurrent updates")

// StoreBackend is a [Backend] that keeps each key's TAT in a Store, as a
// decimal count of microseconds since 1970, with a time to live that ends
// when the TAT passes. It works with any Store, and several instances of a
// service sharing one Store share their limits.
//
// A decision is a read-modify-write: Get the TAT, decide, and write the
// new TAT with CompareAndSwap, which fails if another request wrote first;
// then it starts again from Get. Without the compare, two requests that
// read the same TAT would both be allowed, and a burst of n parallel
// requests would let through up to n, whatever the limit. A refusal
// writes nothing.
//
// Each retry means another request was allowed, so a key with Limit L
// retries at most about L times in a burst; after MaxRetries, Allow gives
// up with [ErrContention], which the middleware treats like any other
// Backend error.
//
// The time is this machine's clock (time.Now): instances whose clocks
// disagree by a second disagree on the limits by about as much. A Redis
// backend that runs the decision on the server reads the server's clock
// instead, and needs one round trip instead of two.
type StoreBackend struct {
	// Store holds the TATs.
	Store Store
	// Prefix is put before every key, to keep the limiter's keys apart
	// from other users of the Store. "" means "ratelimit:".
	Prefix string
	// MaxRetries is how many times a decision may start again after a
	// conflict. 0 means 16.
	MaxRetries int
}

// Allow decides one request for key under p. Its errors are the Store's,
// [ErrInvalidPolicy] and [ErrContention].
func (s *StoreBackend) Allow(ctx context.Context, key string, p Policy) (Decision, error) {
	period, t, ok := emission(p, time.Microsecond)
	if !ok {
		return Decision{}, invalid(p)
	}
	prefix := s.Prefix
	if prefix == "" {
		prefix = "ratelimit:"
	}
	key = prefix + key
	retries := s.MaxRetries
	if retries <= 0 {
		retries = 16
	}
	for range retries + 1 {
		old, found, err := s.Store.Get(ctx, key)
		if err != nil {
			return Decision{}, fmt.Errorf("ratelimit: reading %q: %w", key, err)
		}
		now := time.Now().UnixMicro()
		tat := now
		switch {
		case !found:
			old = nil // to CompareAndSwap: "only if still missing"
		case old == nil:
			old = []byte{} // found, and empty: not "missing"
		}
		// A value that is not a number is no state: the swap replaces it.
		if v, err := strconv.ParseInt(string(old), 10, 64); found && err == nil {
			tat = v
		}
		next, d := decide(tat, now, period, t, time.Microsecond)
		d.Limit = p.Limit
		if !d.Allowed {
			return d, nil
		}
		ttl := time.Duration(next-now) * time.Microsecond
		swapped, err := s.Store.CompareAndSwap(ctx, key, old, strconv.AppendInt(nil, next, 10), ttl)
		if err != nil {
			return Decision{}, fmt.Errorf("ratelimit: writing %q: %w", key, err)
		}
		if swapped {
			return d, nil
		}
	}
	return Decision{}, fmt.Errorf("%w: %q, %d attempts", ErrContention, key, retries+1)
}
