package db

import (
	"iter"
	"slices"
	"strings"
	"sync"
)

// Snapshot is a read-only view of the database as it was at one instant.
// Writes made after it was taken are invisible to it, and a compaction
// that runs meanwhile does not take its documents away: the snapshot
// holds the segments its records are in until [Snapshot.Close]. Get,
// Range and All may be called from several goroutines at once; Close
// must come after them.
type Snapshot struct {
	db      *DB
	entries []indexEntry // sorted by id
	segs    []*segment

	mu     sync.Mutex
	err    error // the error that ended an All
	closed bool
}

// Snapshot takes a snapshot of the database. It costs a copy of the
// index (about 40 bytes per document) and a sort, and it keeps the
// segments it needs on disk and mapped until it is closed, even those a
// compaction has replaced: close it when done.
func (db *DB) Snapshot() (*Snapshot, error) {
	entries, segs, err := db.capture("")
	if err != nil {
		return nil, err
	}
	return &Snapshot{db: db, entries: entries, segs: segs}, nil
}

// Len returns the number of documents in the snapshot.
func (s *Snapshot) Len() int { return len(s.entries) }

// Get returns a copy of the document id had when the snapshot was taken,
// or [ErrNotFound].
func (s *Snapshot) Get(id string) ([]byte, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	i, ok := s.search(id)
	if !ok {
		return nil, ErrNotFound
	}
	return s.db.readDoc(nil, id, s.entries[i].l)
}

// Range calls fn for every document of the snapshot whose id is at least
// from, in id order, until fn returns false. doc is valid only during
// the call to fn.
func (s *Snapshot) Range(from string, fn func(id string, doc []byte) bool) error {
	if err := s.check(); err != nil {
		return err
	}
	i, _ := s.search(from)
	var buf []byte
	for _, e := range s.entries[i:] {
		var err error
		if buf, err = s.db.readDoc(buf[:0], e.id, e.l); err != nil {
			return err
		}
		if !fn(e.id, buf) {
			return nil
		}
	}
	return nil
}

// search finds the position of id in the snapshot's sorted entries, or
// where it would be.
func (s *Snapshot) search(id string) (int, bool) {
	return slices.BinarySearchFunc(s.entries, id, func(e indexEntry, id string) int {
		return strings.Compare(e.id, id)
	})
}

// All returns an iterator over the documents of the snapshot whose id is
// at least from, in id order, for a range-over-func loop. doc is valid
// only until the next iteration. A read that fails ends the loop early:
// check [Snapshot.Err] after it.
func (s *Snapshot) All(from string) iter.Seq2[string, []byte] {
	return func(yield func(id string, doc []byte) bool) {
		if err := s.Range(from, yield); err != nil {
			s.mu.Lock()
			if s.err == nil {
				s.err = err
			}
			s.mu.Unlock()
		}
	}
}

// Err returns the error that ended a loop over [Snapshot.All] early, or
// nil.
func (s *Snapshot) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// check fails after Close, of the snapshot or of the database.
func (s *Snapshot) check() error {
	s.mu.Lock()
	closed := s.closed
	s.mu.Unlock()
	if closed || s.db.closed.Load() {
		return ErrClosed
	}
	return nil
}

// Close lets go of the snapshot's segments; those a compaction replaced
// meanwhile are closed now. Close is idempotent.
func (s *Snapshot) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	return s.db.releaseSegments(s.segs)
}
