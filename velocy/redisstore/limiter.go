package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/ratelimit"
	"github.com/redis/go-redis/v9"
)

// gcraScript makes one GCRA decision, with the arithmetic of velocy's
// in-memory limiter, in microseconds.
//
// KEYS[1] holds the key's TAT (theoretical arrival time) as an integer
// number of microseconds since the Unix epoch. ARGV[1] is the emission
// interval T, ARGV[2] the period P, both in microseconds; ARGV[3] is the
// time to decide at, or empty for the server's clock (TIME), which is what
// makes instances with skewed clocks agree. Numbers in Lua are doubles:
// exact for integers up to 2^53, and microseconds since 1970 are about
// 2^51.
//
// It answers {allowed, remaining, resetAfter, retryAfter}, durations in
// microseconds. An allowed request moves the TAT on by T and keeps it
// until it passes (PX: the milliseconds until then, rounded up); a refused
// one leaves it as it was.
var gcraScript = redis.NewScript(`
local T = tonumber(ARGV[1])
local P = tonumber(ARGV[2])
local now
if ARGV[3] == '' then
	local t = redis.call('TIME')
	now = tonumber(t[1]) * 1000000 + tonumber(t[2])
else
	now = tonumber(ARGV[3])
end
local tat = now
local stored = redis.call('GET', KEYS[1])
if stored then
	tat = tonumber(stored)
	if not tat then
		return redis.error_reply('TAT is not a number')
	end
	if tat < now then
		tat = now
	end
end
local nxt = tat + T
if nxt - now > P then
	return {0, 0, tat - now, nxt - P - now}
end
local ttl = math.ceil((nxt - now) / 1000)
redis.call('SET', KEYS[1], string.format('%.0f', nxt), 'PX', ttl)
return {1, math.floor((P - (nxt - now)) / T), nxt - now, 0}
`)

// Limiter is a [ratelimit.Backend] on Redis: the GCRA of velocy's
// in-memory limiter, made by one Lua script on the server, so that every
// instance of an application sharing the server shares each key's limit.
//
// One decision is one EVALSHA, one round trip. The script reads the key's
// state, decides and writes it back with nothing in between, so n requests
// at once, from any number of instances, against a fresh key allow exactly
// min(n, Limit). The time is the Redis server's (TIME in the script), not
// the instances'.
//
// Durations are kept in microseconds: the emission interval is
// Period/Limit rounded down to a microsecond, and the in-memory limiter,
// which counts in nanoseconds, can decide differently only for requests
// less than a microsecond from the boundary.
//
// A Limiter is safe for concurrent use.
type Limiter struct {
	client redis.UniversalClient
	prefix string
	// now, when set, is the time to decide at instead of the server's
	// clock: for tests that need a decision to depend on chosen times.
	now func() time.Time
}

var _ ratelimit.Backend = (*Limiter)(nil)

// NewLimiter returns a Limiter that keeps each key's state in client under
// prefix, for example "myapp:ratelimit:".
func NewLimiter(client redis.UniversalClient, prefix string) *Limiter {
	return &Limiter{client: client, prefix: prefix}
}

// errPolicy is returned for a Policy the limiter cannot apply.
var errPolicy = errors.New("policy needs a Limit of at least 1 and a Period of at least Limit microseconds")

// Allow decides whether one more request for key fits p. An error means
// Redis could not answer (the Decision is then the zero value), or that p
// has a Limit below 1 or a Period shorter than Limit microseconds.
func (l *Limiter) Allow(ctx context.Context, key string, p ratelimit.Policy) (ratelimit.Decision, error) {
	period := p.Period.Microseconds()
	if p.Limit < 1 || period < int64(p.Limit) {
		return ratelimit.Decision{}, fmt.Errorf("redisstore: limiter: limit %d per %v: %w", p.Limit, p.Period, errPolicy)
	}
	if err := ctx.Err(); err != nil {
		return ratelimit.Decision{}, fmt.Errorf("redisstore: limiter: %w", err)
	}
	var at string
	if l.now != nil {
		at = strconv.FormatInt(l.now().UnixMicro(), 10)
	}
	interval := period / int64(p.Limit)
	res, err := gcraScript.Run(ctx, l.client, []string{l.prefix + key}, interval, period, at).Int64Slice()
	if err != nil {
		return ratelimit.Decision{}, fmt.Errorf("redisstore: limiter: %w", err)
	}
	if len(res) != 4 {
		return ratelimit.Decision{}, fmt.Errorf("redisstore: limiter: script answered %d values, want 4", len(res))
	}
	return ratelimit.Decision{
		Allowed:    res[0] == 1,
		Limit:      p.Limit,
		Remaining:  int(res[1]),
		ResetAfter: time.Duration(res[2]) * time.Microsecond,
		RetryAfter: time.Duration(res[3]) * time.Microsecond,
	}, nil
}
