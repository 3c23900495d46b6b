package httpcache_test

import (
	"context"
	"sync"
	"time"
)

// exampleStore is the smallest Store: a map without expiry. A program
// passes a velocy/state.Store.
type exampleStore struct {
	mu sync.Mutex
	m  map[string][]byte
}

func newExampleStore() *exampleStore { return &exampleStore{m: map[string][]byte{}} }

func (s *exampleStore) Get(_ context.Context, k string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[k]
	return v, ok, nil
}

func (s *exampleStore) Set(_ context.Context, k string, v []byte, _ time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = append([]byte(nil), v...)
	return nil
}

func (s *exampleStore) Delete(_ context.Context, k string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, k)
	return nil
}
