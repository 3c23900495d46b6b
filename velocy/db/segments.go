package db

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// compactState is what compaction and snapshots add to a [DB] (embedded
// in it): a lock for changes to the segment list, and the compaction in
// progress.
type compactState struct {
	// segMu serializes changes to DB.segs (a new segment, a compaction's
	// switch) and guards every segment's segRef.
	segMu sync.Mutex
	// compacting is held by Compact from start to end, so that two never
	// run at once; Close takes it too, to wait for the one running.
	compacting sync.Mutex
	// leftover holds the old segment files a Compact switched away from
	// but could not remove yet, in log order. Guarded by compacting.
	leftover []string
	// testCompactStep, if set, is called between the steps of Compact
	// with the step's name; an error stops Compact there, like a crash.
	testCompactStep func(step string) error
}

// segRef is what a segment keeps for its readers (embedded in it).
// Guarded by DB.segMu.
type segRef struct {
	refs    int  // snapshots and Ranges that hold the segment
	dropped bool // no longer in DB.segs; closed when refs reaches 0
}

// acquireSegments returns the current segment list with each segment
// held, so that none is closed until releaseSegments. A caller that also
// holds every shard lock gets a list covering every location in the
// index: a segment enters the list before any location points into it,
// and leaves only after none does.
func (db *DB) acquireSegments() []*segment {
	db.segMu.Lock()
	defer db.segMu.Unlock()
	segs := db.segments()
	for _, s := range segs {
		s.refs++
	}
	return segs
}

// releaseSegments lets go of segments taken by acquireSegments, closing
// those that were dropped meanwhile and are held by no one else.
func (db *DB) releaseSegments(segs []*segment) error {
	db.segMu.Lock()
	defer db.segMu.Unlock()
	var errs []error
	for _, s := range segs {
		s.refs--
		if s.refs == 0 && s.dropped {
			errs = append(errs, s.closeFile())
		}
	}
	return errors.Join(errs...)
}

// dropSegment marks s as no longer in the list and closes it unless a
// reader holds it (then the last releaseSegments does). The caller has
// taken s out of DB.segs already, or is closing the database.
func (db *DB) dropSegment(s *segment) error {
	db.segMu.Lock()
	defer db.segMu.Unlock()
	s.dropped = true
	if s.refs > 0 {
		return nil
	}
	return s.closeFile()
}

// closeFile unmaps and closes the segment's file. No reader is inside it.
func (s *segment) closeFile() error {
	var errs []error
	if err := unmapFile(s.mm); err != nil {
		errs = append(errs, fmt.Errorf("db: unmap %s: %w", s.path, err))
	}
	s.mm = nil
	if err := s.f.Close(); err != nil {
		errs = append(errs, fmt.Errorf("db: close %s: %w", s.path, err))
	}
	return errors.Join(errs...)
}

// compactSuffix ends the name of a compacted segment while it is being
// written: 00000001.log.compact becomes 00000001.log when it is complete.
const compactSuffix = ".log.compact"

// removeCompactTemps removes what a compaction interrupted by a crash
// left: a compacted segment not yet renamed into place, which may be
// incomplete. The segments it was made from are all still there.
func removeCompactTemps(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("db: list directory: %w", err)
	}
	removed := false
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), compactSuffix) && e.Type().IsRegular() {
			if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
				return fmt.Errorf("db: remove unfinished compaction: %w", err)
			}
			removed = true
		}
	}
	if removed {
		if err := syncDir(dir); err != nil {
			return fmt.Errorf("db: sync directory: %w", err)
		}
	}
	return nil
}

// indexEntry is an id and where its document is, as capture copies them.
type indexEntry struct {
	id string
	l  loc
}

// capture copies the index entries whose id is at least from, at one
// instant (every shard's read lock held at once), and sorts them by id
// after unlocking. It also acquires the segments, so that no compaction
// closes a file the entries point into; the caller releases them.
func (db *DB) capture(from string) ([]indexEntry, []*segment, error) {
	for i := range db.shards {
		db.shards[i].mu.RLock()
	}
	var entries []indexEntry
	var segs []*segment
	closed := db.closed.Load()
	if !closed {
		segs = db.acquireSegments()
		for i := range db.shards {
			for id, l := range db.shards[i].m {
				if id >= from {
					entries = append(entries, indexEntry{id, l})
				}
			}
		}
	}
	for i := range db.shards {
		db.shards[i].mu.RUnlock()
	}
	if closed {
		return nil, nil, ErrClosed
	}
	slices.SortFunc(entries, func(a, b indexEntry) int { return strings.Compare(a.id, b.id) })
	return entries, segs, nil
}
