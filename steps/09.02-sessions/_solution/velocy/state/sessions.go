package state

import (
	"context"
	"strings"
	"time"
)

// SessionStore keeps velocy/middleware's sessions in a [Store]: it has the
// Load, Save and Delete methods of middleware.Store, so it can be the
// Store of middleware.SessionOptions. With the Redis store underneath, two
// servers see the same sessions.
type SessionStore struct {
	store  Store
	prefix string
}

// Sessions returns a SessionStore that keeps each session in s under
// prefix+id (a prefix such as "session:" keeps them apart from the
// limiter's and the cache's keys in a shared store).
func Sessions(s Store, prefix string) *SessionStore {
	return &SessionStore{store: s, prefix: prefix}
}

// Load returns the data saved under id.
func (s *SessionStore) Load(ctx context.Context, id string) ([]byte, bool, error) {
	data, found, err := s.store.Get(ctx, s.prefix+id)
	return data, found, hideID(err, id)
}

// Save stores data under id until expires, as a time to live in the store.
// A session that has already expired is deleted instead; a zero expires
// means no expiry.
func (s *SessionStore) Save(ctx context.Context, id string, data []byte, expires time.Time) error {
	var ttl time.Duration
	if !expires.IsZero() {
		ttl = time.Until(expires)
		if ttl <= 0 {
			return hideID(s.store.Delete(ctx, s.prefix+id), id)
		}
	}
	return hideID(s.store.Set(ctx, s.prefix+id, data, ttl), id)
}

// Delete removes id.
func (s *SessionStore) Delete(ctx context.Context, id string) error {
	return hideID(s.store.Delete(ctx, s.prefix+id), id)
}

// hideID returns err with the session id taken out of its message. A
// session id is a credential, and a Store's errors may name the key (the
// Redis store's do), so an error logged as it comes would put it in the
// logs. The error still unwraps to err, for errors.Is and errors.As.
func hideID(err error, id string) error {
	if err == nil || id == "" {
		return err
	}
	return &sessionError{msg: strings.ReplaceAll(err.Error(), id, "[session id]"), err: err}
}

// sessionError is an error of the Store underneath with the session id
// taken out of its message.
type sessionError struct {
	msg string
	err error
}

func (e *sessionError) Error() string { return e.msg }
func (e *sessionError) Unwrap() error { return e.err }
