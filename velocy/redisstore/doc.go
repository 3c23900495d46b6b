// Package redisstore puts velocy's shared state on Redis, so that several
// instances of an application behind a load balancer agree on it: a
// client's rate limit, a user's session, a key's value.
//
// It is a nested module, so that the velocy module itself stays on the
// standard library; an application that wants Redis imports this one. It
// has three types, one per interface of velocy:
//
//   - [Store] is a [state.Store]: Get and Set with a TTL, Delete, Incr and
//     CompareAndSwap, the last two as Lua scripts so they are atomic.
//   - [Limiter] is a [ratelimit.Backend]: one GCRA decision is one Lua
//     script, run with EVALSHA, so one round trip whatever the load, and
//     exact however many instances ask at once. The clock is the Redis
//     server's, so instances whose clocks disagree still agree on a limit.
//   - [Sessions] is a [middleware.Store]: a session's data under its ID,
//     with the session's expiry as the key's TTL.
//
// All three take a [redis.UniversalClient] (a single server, Sentinel or
// Cluster) and a key prefix, which keeps them apart from each other and
// from other users of the same database.
//
// # When Redis is down
//
// Every method returns an error that says what failed, wrapping the
// client's error (errors.Is works with context.DeadlineExceeded, and
// errors.As with *net.OpError). How long it takes to get one is the
// client's configuration, not this package's: a DialTimeout and a
// ReadTimeout of the order of the request budget (tens of milliseconds
// to a second), ContextTimeoutEnabled so a request's deadline is honoured
// while waiting for the server, and few retries. With go-redis's defaults
// (5 s timeouts, 3 retries, 5 dial attempts) a request can wait for
// seconds before it learns that Redis is gone. What to do with the error
// is the caller's choice: the rate limiter middleware fails open or
// closed.
//
// A retry can apply a command twice: when a reply is lost after the
// server ran it, go-redis (MaxRetries > 0) sends it again. For a rate
// limit decision that costs one request of the client's quota; for Incr
// it adds delta twice. Set MaxRetries to -1 where that matters.
package redisstore
