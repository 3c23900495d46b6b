package state

import (
	"context"
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
	return s.store.Get(ctx, s.prefix+id)
}

// Save stores data under id until expires, as a time to live in the store.
// A session that has already expired is deleted instead; a zero expires
// means no expiry.
func (s *SessionStore) Save(ctx context.Context, id string, data []byte, expires time.Time) error {
	var ttl time.Duration
	if !expires.IsZero() {
		ttl = time.Until(expires)
		if ttl <= 0 {
			return s.store.Delete(ctx, s.prefix+id)
		}
	}
	return s.store.Set(ctx, s.prefix+id, data, ttl)
}

// Delete removes id.
func (s *SessionStore) Delete(ctx context.Context, id string) error {
	return s.store.Delete(ctx, s.prefix+id)
}
