package db

import "sync"

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
// held, so that none is closed until releaseSegments.
func (db *DB) acquireSegments() []*segment {
	// TODO(10.08-segment-refs): under segMu, add one reference to every
	// segment of db.segments() and return the list.
	return nil
}

// releaseSegments lets go of segments taken by acquireSegments, closing
// those that were dropped meanwhile and are held by no one else.
func (db *DB) releaseSegments(segs []*segment) error {
	// TODO(10.08-segment-refs): under segMu, take one reference off each;
	// close the ones that reach 0 and are dropped.
	return nil
}

// dropSegment marks s as no longer in the list and closes it unless a
// reader holds it (then the last releaseSegments does).
func (db *DB) dropSegment(s *segment) error {
	// TODO(10.08-segment-refs): mark s dropped; close it now if no one
	// holds it.
	return nil
}

// closeFile unmaps and closes the segment's file. No reader is inside it.
func (s *segment) closeFile() error {
	// TODO(10.08-segment-refs): unmap s.mm (set it to nil) and close s.f.
	return nil
}

// compactSuffix ends the name of a compacted segment while it is being
// written: 00000001.log.compact becomes 00000001.log when it is complete.
const compactSuffix = ".log.compact"

// removeCompactTemps removes what a compaction interrupted by a crash
// left: a compacted segment not yet renamed into place.
func removeCompactTemps(dir string) error {
	// TODO(10.08-segment-refs): remove every regular file of dir whose
	// name ends in compactSuffix, then sync the directory.
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
	// TODO(10.08-segment-refs): Range's copy of the index, moved here:
	// every shard's read lock, acquireSegments, the entries with
	// id >= from, unlock, sort by id; ErrClosed if the database is.
	return nil, nil, nil
}
