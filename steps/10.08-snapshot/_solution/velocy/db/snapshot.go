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
	db   *DB
	ids  []string // sorted
	locs []loc    // locs[i] is where ids[i]'s document is
	segs []*segment

	mu     sync.Mutex
	err    error // the error that ended an All
	closed bool
}

// Snapshot takes a snapshot of the database. It costs a copy of the
// index (about 40 bytes per document) and a sort, and it keeps the
// segments it needs on disk and mapped until it is closed, even those a
// compaction has replaced: close it when done.
func (db *DB) Snapshot() (*Snapshot, error) {
	for i := range db.shards { // all at once: one instant's view
		db.shards[i].mu.RLock()
	}
	s := &Snapshot{db: db}
	closed := db.closed.Load()
	if !closed {
		s.segs = db.acquireSegments()
		type entry struct {
			id string
			l  loc
		}
		var entries []entry
		for i := range db.shards {
			for id, l := range db.shards[i].m {
				entries = append(entries, entry{id, l})
			}
		}
		for i := range db.shards {
			db.shards[i].mu.RUnlock()
		}
		slices.SortFunc(entries, func(a, b entry) int { return strings.Compare(a.id, b.id) })
		s.ids = make([]string, len(entries))
		s.locs = make([]loc, len(entries))
		for i, e := range entries {
			s.ids[i], s.locs[i] = e.id, e.l
		}
		return s, nil
	}
	for i := range db.shards {
		db.shards[i].mu.RUnlock()
	}
	return nil, ErrClosed
}

// Len returns the number of documents in the snapshot.
func (s *Snapshot) Len() int { return len(s.ids) }

// Get returns a copy of the document id had when the snapshot was taken,
// or [ErrNotFound].
func (s *Snapshot) Get(id string) ([]byte, error) {
	if err := s.check(); err != nil {
		return nil, err
	}
	i, ok := slices.BinarySearch(s.ids, id)
	if !ok {
		return nil, ErrNotFound
	}
	return s.db.readDoc(nil, id, s.locs[i])
}

// Range calls fn for every document of the snapshot whose id is at least
// from, in id order, until fn returns false. doc is valid only during
// the call to fn.
func (s *Snapshot) Range(from string, fn func(id string, doc []byte) bool) error {
	if err := s.check(); err != nil {
		return err
	}
	i, _ := slices.BinarySearch(s.ids, from)
	var buf []byte
	for ; i < len(s.ids); i++ {
		var err error
		if buf, err = s.db.readDoc(buf[:0], s.ids[i], s.locs[i]); err != nil {
			return err
		}
		if !fn(s.ids[i], buf) {
			return nil
		}
	}
	return nil
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
