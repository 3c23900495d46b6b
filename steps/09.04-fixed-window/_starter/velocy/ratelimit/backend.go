// Package ratelimit decides whether a request may go on, per key (a client
// IP, a user, a route), with GCRA, and tells the client where it stands
// with the standard headers.
package ratelimit

import (
	"context"
	"time"
)

// Policy is a limit: at most Limit requests per Period for one key, and a
// burst of at most Limit at once. With GCRA, requests are allowed one per
// Period/Limit on average (the emission interval), and a key that has been
// quiet may spend up to Limit of them at once.
type Policy struct {
	Limit  int
	Period time.Duration
}

// Decision is what a Backend answers for one request.
type Decision struct {
	// Allowed reports whether the request may go on.
	Allowed bool
	// Limit is the Policy's Limit, for the RateLimit headers.
	Limit int
	// Remaining is how many more requests the key could make right now.
	Remaining int
	// ResetAfter is how long until the key is back to its full burst.
	ResetAfter time.Duration
	// RetryAfter is, for a refused request, how long until one request
	// would be allowed; 0 when Allowed.
	RetryAfter time.Duration
}

// Backend makes the decision for a key: in this process (the sharded
// table of this package), or in a store shared by many instances, such
// as Redis, where one atomic script makes the decision in one round trip.
// An implementation must be safe for concurrent use, and exact under
// parallel requests: of n requests at once against a fresh key, exactly
// min(n, Limit) are allowed.
type Backend interface {
	Allow(ctx context.Context, key string, p Policy) (Decision, error)
}
