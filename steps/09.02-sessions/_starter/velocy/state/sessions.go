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
	// TODO(09.02-sessions): Get prefix+id.
	return nil, false, nil
}

// Save stores data under id until expires, as a time to live in the store.
// A session that has already expired is deleted instead; a zero expires
// means no expiry.
func (s *SessionStore) Save(ctx context.Context, id string, data []byte, expires time.Time) error {
	// TODO(09.02-sessions): Set prefix+id with the time left until
	// expires; delete it if none is left; no expiry for a zero expires.
	return nil
}

// Delete removes id.
func (s *SessionStore) Delete(ctx context.Context, id string) error {
	// TODO(09.02-sessions): Delete prefix+id.
	return nil
}

// hideID returns err with the session id taken out of its message. A
// session id is a credential, and a Store's errors may name the key (the
// Redis store's do), so an error logged as it comes would put it in the
// logs. The error still unwraps to err, for errors.Is and errors.As.
func hideID(err error, id string) error {
	// TODO(09.02-sessions): nil stays nil; otherwise an error whose
	// message is err's with id replaced by "[session id]" and whose
	// Unwrap returns err. Pass every Store error through it.
	return err
}
