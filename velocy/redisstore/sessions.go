package redisstore

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/redis/go-redis/v9"
)

// Sessions is a [middleware.Store] on Redis: each session's data is one
// key, the prefix given to [NewSessions] followed by the session ID, and
// the session's expiry is the key's TTL, so Redis drops a session when it
// ends and nothing has to sweep. Two instances of an application that
// share the server share their users' sessions.
//
// The TTL is the time until the expiry on the instance's clock, rounded
// down to a millisecond, so a session never outlives its expiry; the
// [middleware.Sessions] middleware checks the deadlines it keeps in the
// data itself too, so a server clock that runs slow cannot extend one.
//
// Its errors never contain the session ID: the ID is the user's
// credential, and errors end up in logs. velocy/state's Sessions over this
// package's Store does the same work (it takes the ID out of the Store's
// errors too); this type saves the Store's layer and its ctx checks, and
// keeps the expiry in whole milliseconds as Redis's PX wants.
//
// A Sessions is safe for concurrent use.
type Sessions struct {
	client redis.UniversalClient
	prefix string
}

var _ middleware.Store = (*Sessions)(nil)

// NewSessions returns a Sessions that keeps sessions in client under
// prefix, for example "myapp:session:".
func NewSessions(client redis.UniversalClient, prefix string) *Sessions {
	return &Sessions{client: client, prefix: prefix}
}

// Load returns the data saved under id, or found=false if there is none.
func (s *Sessions) Load(ctx context.Context, id string) ([]byte, bool, error) {
	if err := ctx.Err(); err != nil {
		return nil, false, fmt.Errorf("redisstore: load session: %w", err)
	}
	data, err := s.client.Get(ctx, s.prefix+id).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("redisstore: load session: %w", err)
	}
	return data, true, nil
}

// Save stores data under id until expires, with SET and PX. An expires
// less than a millisecond away deletes id instead.
func (s *Sessions) Save(ctx context.Context, id string, data []byte, expires time.Time) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("redisstore: save session: %w", err)
	}
	ms := time.Until(expires).Milliseconds()
	var err error
	if ms < 1 {
		err = s.client.Del(ctx, s.prefix+id).Err()
	} else {
		err = s.client.Do(ctx, "set", s.prefix+id, data, "px", strconv.FormatInt(ms, 10)).Err()
	}
	if err != nil {
		return fmt.Errorf("redisstore: save session: %w", err)
	}
	return nil
}

// Delete removes id.
func (s *Sessions) Delete(ctx context.Context, id string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("redisstore: delete session: %w", err)
	}
	if err := s.client.Del(ctx, s.prefix+id).Err(); err != nil {
		return fmt.Errorf("redisstore: delete session: %w", err)
	}
	return nil
}
