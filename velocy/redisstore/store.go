package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/state"
	"github.com/redis/go-redis/v9"
)

// Store is a [state.Store] on Redis. Every key is stored under the
// prefix given to [NewStore] followed by the key.
//
// A TTL is kept in milliseconds, the unit of PX: a TTL that is not a whole
// number of milliseconds is rounded up, so a key never expires early.
//
// Incr and CompareAndSwap are Lua scripts, run with EVALSHA (one round
// trip; the first call after the server lost its script cache costs one
// more, an EVAL that loads it again). A script runs on the server with
// nothing else in between, which is what makes them atomic across all the
// clients of the server.
//
// A Store is safe for concurrent use.
type Store struct {
	client redis.UniversalClient
	prefix string
}

var _ state.Store = (*Store)(nil)

// NewStore returns a Store that keeps its keys in client under prefix, for
// example "myapp:state:".
func NewStore(client redis.UniversalClient, prefix string) *Store {
	return &Store{client: client, prefix: prefix}
}

// Get returns the value under key, or found=false if there is none.
func (s *Store) Get(ctx context.Context, key string) ([]byte, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, fmt.Errorf("redisstore: get %q: %w", key, err)
	}
	v, err := s.client.Get(ctx, s.prefix+key).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("redisstore: get %q: %w", key, err)
	}
	return v, true, nil
}

// Set stores value under key, with SET and PX for a ttl; a ttl of 0 means
// no expiry (and removes one the key had).
func (s *Store) Set(ctx context.Context, key string, value []byte, ttl time.Duration) error {
	if ttl < 0 {
		return fmt.Errorf("redisstore: set %q: %w", key, state.ErrNegativeTTL)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("redisstore: set %q: %w", key, err)
	}
	args := []any{"set", s.prefix + key, value}
	if ttl > 0 {
		args = append(args, "px", millis(ttl))
	}
	if err := s.client.Do(ctx, args...).Err(); err != nil {
		return fmt.Errorf("redisstore: set %q: %w", key, err)
	}
	return nil
}

// Delete removes key with DEL.
func (s *Store) Delete(ctx context.Context, key string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("redisstore: delete %q: %w", key, err)
	}
	if err := s.client.Del(ctx, s.prefix+key).Err(); err != nil {
		return fmt.Errorf("redisstore: delete %q: %w", key, err)
	}
	return nil
}

// incrScript adds ARGV[1] to KEYS[1] and, only if the key did not exist,
// gives it a TTL of ARGV[2] milliseconds (0: none). INCRBY alone would
// keep a missing key forever; INCRBY then PEXPIRE from the client would
// reset an existing key's expiry on every call, and PEXPIRE ... NX would
// give one to a key created without any. The script knows whether the key
// existed because nothing runs between its EXISTS and its INCRBY.
var incrScript = redis.NewScript(`
local existed = redis.call('EXISTS', KEYS[1])
local n = redis.call('INCRBY', KEYS[1], ARGV[1])
if existed == 0 and ARGV[2] ~= '0' then
	redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return n
`)

// Incr adds delta to the integer under key, creating the key with ttl if it
// is missing. It is one atomic script rather than a MULTI transaction: a
// transaction cannot branch on what EXISTS answers inside it, so the "only
// when created" rule would need WATCH and a retry loop, two round trips or
// more where the script takes one.
func (s *Store) Incr(ctx context.Context, key string, delta int64, ttl time.Duration) (int64, error) {
	if ttl < 0 {
		return 0, fmt.Errorf("redisstore: incr %q: %w", key, state.ErrNegativeTTL)
	}
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("redisstore: incr %q: %w", key, err)
	}
	n, err := incrScript.Run(ctx, s.client, []string{s.prefix + key}, delta, millis(ttl)).Int64()
	if err != nil {
		if redis.HasErrorPrefix(err, "value is not an integer") {
			err = state.ErrNotInteger
		}
		return 0, fmt.Errorf("redisstore: incr %q: %w", key, err)
	}
	return n, nil
}

// casScript sets KEYS[1] to ARGV[2] if its value is ARGV[1], with a TTL of
// ARGV[3] milliseconds (0: none), and returns 1 if it did. GET answers
// false for a missing key, which equals no string.
var casScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then
	return 0
end
if ARGV[3] == '0' then
	redis.call('SET', KEYS[1], ARGV[2])
else
	redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
end
return 1
`)

// CompareAndSwap sets key to new if its value is old. With a nil old it is
// SET NX, which needs no script; otherwise it is a script that compares
// and sets with nothing in between.
func (s *Store) CompareAndSwap(ctx context.Context, key string, old, new []byte, ttl time.Duration) (bool, error) {
	if ttl < 0 {
		return false, fmt.Errorf("redisstore: compare and swap %q: %w", key, state.ErrNegativeTTL)
	}
	if err := ctx.Err(); err != nil {
		return false, fmt.Errorf("redisstore: compare and swap %q: %w", key, err)
	}
	k := s.prefix + key
	if old == nil {
		args := []any{"set", k, new, "nx"}
		if ttl > 0 {
			args = append(args, "px", millis(ttl))
		}
		// SET NX answers OK when it set the key and nil when it did not.
		err := s.client.Do(ctx, args...).Err()
		if errors.Is(err, redis.Nil) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("redisstore: compare and swap %q: %w", key, err)
		}
		return true, nil
	}
	n, err := casScript.Run(ctx, s.client, []string{k}, old, new, millis(ttl)).Int64()
	if err != nil {
		return false, fmt.Errorf("redisstore: compare and swap %q: %w", key, err)
	}
	return n == 1, nil
}

// millis returns d in whole milliseconds, rounded up, as the decimal
// string PX takes; 0 stays 0.
func millis(d time.Duration) string {
	ms := (d + time.Millisecond - 1) / time.Millisecond
	return strconv.FormatInt(int64(ms), 10)
}
