package suite

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
)

// Store is a tiny key-value store kept in one file, in the spirit of velocy/db: every Put
// appends a line "key<TAB>value", and Open replays the file, the last value of a key winning.
type Store struct {
	mu sync.Mutex
	f  *os.File
	w  *bufio.Writer
	m  map[string]string
}

// OpenStore opens (or creates) the store in the file at path and replays it.
func OpenStore(path string) (*Store, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		k, v, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			f.Close()
			return nil, fmt.Errorf("store %s: line %d has no tab", path, line)
		}
		m[k] = v
	}
	if err := sc.Err(); err != nil {
		f.Close()
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return &Store{f: f, w: bufio.NewWriter(f), m: m}, nil
}

// Put stores value under key. Neither may hold a tab or a newline.
func (s *Store) Put(key, value string) error {
	if strings.ContainsAny(key, "\t\n") || strings.ContainsAny(value, "\t\n") {
		return errors.New("store: keys and values may not hold tabs or newlines")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := fmt.Fprintf(s.w, "%s\t%s\n", key, value); err != nil {
		return err
	}
	s.m[key] = value
	return nil
}

// Get returns the value under key.
func (s *Store) Get(key string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.m[key]
	return v, ok
}

// Close writes what is buffered, syncs the file and closes it.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.w.Flush()
	if serr := s.f.Sync(); err == nil {
		err = serr
	}
	if cerr := s.f.Close(); err == nil {
		err = cerr
	}
	return err
}
