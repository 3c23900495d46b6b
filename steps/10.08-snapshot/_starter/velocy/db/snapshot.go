package db

import (
	"iter"
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

// Snapshot takes a snapshot of the database: close it when done.
func (db *DB) Snapshot() (*Snapshot, error) {
	// TODO(10.08-snapshot): db.capture("") gives the sorted entries and
	// the segments they need.
	return &Snapshot{db: db}, nil
}

// Len returns the number of documents in the snapshot.
func (s *Snapshot) Len() int { return len(s.entries) }

// Get returns a copy of the document id had when the snapshot was taken,
// or [ErrNotFound].
func (s *Snapshot) Get(id string) ([]byte, error) {
	// TODO(10.08-snapshot): binary search s.entries by id, then
	// db.readDoc.
	return nil, ErrNotFound
}

// Range calls fn for every document of the snapshot whose id is at least
// from, in id order, until fn returns false. doc is valid only during
// the call to fn.
func (s *Snapshot) Range(from string, fn func(id string, doc []byte) bool) error {
	// TODO(10.08-snapshot): start at the first id >= from.
	return nil
}

// All returns an iterator over the documents of the snapshot whose id is
// at least from, in id order. A read that fails ends the loop early:
// check [Snapshot.Err] after it.
func (s *Snapshot) All(from string) iter.Seq2[string, []byte] {
	// TODO(10.08-snapshot): Range with yield as fn; keep its error.
	return func(yield func(string, []byte) bool) {}
}

// Err returns the error that ended a loop over [Snapshot.All] early, or
// nil.
func (s *Snapshot) Err() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// Close lets go of the snapshot's segments. Close is idempotent.
func (s *Snapshot) Close() error {
	// TODO(10.08-snapshot): release s.segs, once.
	return nil
}
