package db

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// DB is an open database. Its methods are safe for concurrent use.
type DB struct {
	dir  string
	opts Options
	lock *os.File
	rec  Recovery

	// The index is split into shards by a hash of the id, each with its
	// own lock, so that readers on different cores do not bounce one
	// lock's cache line between them. A reader holds its shard's lock
	// shared while it looks the id up and reads the record; the
	// committing leader holds it exclusively while it publishes a write; Close
	// takes every shard's before it unmaps the segments.
	shards [indexShards]indexShard
	seed   maphash.Seed
	closed atomic.Bool

	// segs is the segment list. Only the committing leader (and Open)
	// changes it, by storing a new slice, before publishing any write
	// that points into the new segment.
	segs atomic.Pointer[[]*segment]

	// The write path: see commit.go. qmu guards these fields.
	qmu        sync.Mutex
	qdone      sync.Cond // on qmu; broadcast when a commit ends
	cur        *batch    // the batch writers are appending to
	committing bool      // a leader is committing a batch
	closing    bool      // Close has begun; no new writes
	writeErr   error     // set after a failed sync; every later write fails
	spareBuf   []byte    // the last batch's buffers, for the next one
	spareOps   []op

	// testBeforeSync, if set, is called by the committing leader with the
	// number of writes in a batch, after writing it and before syncing.
	testBeforeSync func(writes int)
	// testSync, if set, replaces datasync for batches (a failing disk).
	testSync func(*os.File) error

	// sec is the secondary indexes (index.go), never nil.
	sec *indexSet
}

// indexShards is the number of index shards: more than cores, a power
// of two.
const indexShards = 32

// indexShard is one part of the index; the padding keeps two shards' locks
// off one cache line.
type indexShard struct {
	mu sync.RWMutex
	m  map[string]loc
	_  [32]byte
}

// shard returns the index shard of id. Hashing a string allocates nothing.
func (db *DB) shard(id string) *indexShard {
	return &db.shards[maphash.String(db.seed, id)%indexShards]
}

// segments returns the current segment list; the slice is never changed
// in place.
func (db *DB) segments() []*segment { return *db.segs.Load() }

// loc is where an id's latest record is: the index of its segment in
// DB.segs, its offset there and its encoded length.
type loc struct {
	seg uint32
	n   uint32
	off int64
}

// segment is one log file. size is the length of its valid records; only
// the committing leader changes it, and only for the last segment. mm maps
// the file read-only, sized for the segment to grow into, or is nil (see
// mapFile); a record outside it is read with ReadAt.
type segment struct {
	num  int
	path string
	f    *os.File
	size int64
	mm   []byte
}

// Recovery reports what Open found.
type Recovery struct {
	Segments  int    // segment files read
	Records   int    // records replayed
	Truncated int64  // bytes of a torn tail cut off the last segment
	Segment   string // the segment that was cut, if Truncated > 0
}

// Open opens the database in directory dir, creating it if needed, and
// recovers it: see the package documentation. It fails with an error
// wrapping [ErrLocked] if the database is open elsewhere, and with a
// [*CorruptError] if a record in the middle of the log is damaged.
func Open(dir string, opts Options) (*DB, error) {
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("db: create directory: %w", err)
		}
		// The new directory's own entry must survive a crash too.
		if err := syncDir(filepath.Dir(filepath.Clean(dir))); err != nil {
			return nil, fmt.Errorf("db: sync parent of new directory: %w", err)
		}
	}
	sec, err := newIndexSet(opts.Indexes) // secondary indexes (index.go)
	if err != nil {
		return nil, err
	}
	lock, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	db := &DB{
		dir:  dir,
		opts: opts,
		lock: lock,
		seed: maphash.MakeSeed(),
		cur:  &batch{},
	}
	db.qdone.L = &db.qmu
	for i := range db.shards {
		db.shards[i].m = make(map[string]loc)
	}
	db.segs.Store(&[]*segment{})
	db.sec = sec // secondary indexes (index.go): built by recover
	if err := db.recover(); err != nil {
		db.closeFiles()
		unlockDir(lock)
		return nil, err
	}
	if err := db.finishIndexes(); err != nil { // secondary indexes (index.go)
		db.closeFiles()
		unlockDir(lock)
		return nil, err
	}
	return db, nil
}

// Recovery reports what Open found and repaired.
func (db *DB) Recovery() Recovery { return db.rec }

// Close waits for the writes already queued to be committed, then closes
// the files and releases the lock. Writes that arrive during or after
// Close fail with [ErrClosed]. Close is idempotent.
func (db *DB) Close() error {
	db.qmu.Lock()
	db.closing = true
	for db.committing || len(db.cur.ops) > 0 { // queued writes still commit
		db.qdone.Wait()
	}
	db.qmu.Unlock()
	if !db.closed.CompareAndSwap(false, true) {
		return nil
	}
	// A reader that saw closed false holds a shard lock until it is out of
	// the segments; one that comes later sees closed true.
	for i := range db.shards {
		db.shards[i].mu.Lock()
	}
	err := db.closeFiles()
	for i := range db.shards {
		db.shards[i].mu.Unlock()
	}
	if uerr := unlockDir(db.lock); err == nil && uerr != nil {
		err = fmt.Errorf("db: release lock: %w", uerr)
	}
	return err
}

// closeFiles unmaps and closes every segment file. The caller holds
// every shard lock (or is Open), so no reader is inside a mapping.
func (db *DB) closeFiles() error {
	var errs []error
	for _, s := range db.segments() {
		if err := unmapFile(s.mm); err != nil {
			errs = append(errs, fmt.Errorf("db: unmap %s: %w", s.path, err))
		}
		s.mm = nil
		if err := s.f.Close(); err != nil {
			errs = append(errs, fmt.Errorf("db: close %s: %w", s.path, err))
		}
	}
	return errors.Join(errs...)
}
