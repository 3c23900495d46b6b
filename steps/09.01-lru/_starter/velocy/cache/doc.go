// Package cache keeps recently used values in memory, so that a handler
// does not pay for the same database query or remote call on every
// request.
//
// A [Cache] is bounded twice: by a number of entries and by bytes (with a
// size function). When it is full it evicts the least recently used entry.
// Every entry may carry a time to live, after which it is never returned.
// The cache is split into shards, each with its own lock, so that
// goroutines on different cores rarely wait for one another.
//
// [Cache.GetOrLoad] is the way to fill it: concurrent misses for one key
// share one call of the loader (so a popular key that expires does not
// send a hundred identical queries to the database at once), and an error
// the loader marks with [Negative] is remembered for a short time (so a
// key that does not exist is not looked up on every request).
package cache
