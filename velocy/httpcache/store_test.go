package httpcache

import (
	"context"
	"errors"
	"sync"
	"time"
)

// memStore is a Store in a map, with expiry by time.Now (so synctest's
// clock moves it), for the tests: the package must not depend on
// velocy/state's own memory store.
type memStore struct {
	mu   sync.Mutex
	m    map[string]memItem
	sets int
	fail bool // every call fails
}

type memItem struct {
	v   []byte
	exp time.Time
}

func newMemStore() *memStore { return &memStore{m: map[string]memItem{}} }

var errStoreDown = errors.New("store down")

func (s *memStore) Get(_ context.Context, key string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail {
		return nil, false, errStoreDown
	}
	it, ok := s.m[key]
	if !ok || !it.exp.IsZero() && !time.Now().Before(it.exp) {
		return nil, false, nil
	}
	return append([]byte(nil), it.v...), true, nil
}

func (s *memStore) Set(_ context.Context, key string, v []byte, ttl time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail {
		return errStoreDown
	}
	it := memItem{v: append([]byte(nil), v...)}
	if ttl > 0 {
		it.exp = time.Now().Add(ttl)
	}
	s.m[key] = it
	s.sets++
	return nil
}

func (s *memStore) Delete(_ context.Context, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.fail {
		return errStoreDown
	}
	delete(s.m, key)
	return nil
}

// ttl returns how long key has left, or -1 if it is missing.
func (s *memStore) ttl(key string) time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	it, ok := s.m[key]
	if !ok {
		return -1
	}
	return time.Until(it.exp)
}

func (s *memStore) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}
