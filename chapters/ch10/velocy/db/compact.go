package db

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// CompactStats reports what one [DB.Compact] did.
type CompactStats struct {
	Segments    int   // sealed segments replaced
	Records     int   // live records copied
	BytesBefore int64 // the size of the segments replaced
	BytesAfter  int64 // the size of the compacted segment
}

// live is one record compaction copies: its id, where it was, and where
// it is in the compacted segment.
type live struct {
	id  string
	old loc
	off int64
}

// Compact reclaims the space of records that are no longer the latest of
// their id. It rewrites the live records of every sealed segment (all but
// the active one) into one new segment, switches to it, and removes the
// old files; writes and reads go on meanwhile, and a write that races the
// copy wins. A crash at any point leaves a database that opens with every
// acknowledged write: see the package documentation. Compact returns
// early, undoing its work, when ctx is done or the database is closed.
func (db *DB) Compact(ctx context.Context) (CompactStats, error) {
	db.compacting.Lock()
	defer db.compacting.Unlock()
	if db.closed.Load() {
		return CompactStats{}, ErrClosed
	}
	if err := db.removeLeftovers(); err != nil {
		return CompactStats{}, err
	}
	all := db.segments()
	sealed := all[:len(all)-1] // only Compact removes them, and Close waits
	if len(sealed) == 0 {
		return CompactStats{}, nil
	}
	st := CompactStats{Segments: len(sealed)}
	for _, s := range sealed {
		st.BytesBefore += s.size
	}
	recs := db.liveRecords(sealed)
	st.Records = len(recs)

	// 1. Copy the live records into a file recovery ignores, and sync it.
	path := filepath.Join(db.dir, segmentName(sealed[0].num))
	tmp := path[:len(path)-len(".log")] + compactSuffix
	f, size, err := db.writeCompacted(ctx, tmp, recs)
	if err == nil {
		err = db.compactStep("synced")
	}
	// 2. Rename it over the first old segment, and make that durable.
	if err == nil {
		err = os.Rename(tmp, path)
		if err == nil {
			err = db.compactStep("renamed")
		}
		if err == nil {
			err = syncDir(db.dir)
		}
	}
	if err != nil {
		f.Close()
		os.Remove(tmp) // fails harmlessly after the rename
		return CompactStats{}, fmt.Errorf("db: compact: %w", err)
	}
	st.BytesAfter = size

	// 3. Switch in memory: the new segment joins the list, the index
	// moves to it, and the old segments leave the list.
	seg := &segment{num: sealed[0].num, path: path, f: f, size: size, mm: mapFile(f, size)}
	db.publishCompacted(seg, sealed, recs)

	// 4. Remove the other old files, oldest first: a crash between two
	// removals leaves the compacted segment and a suffix of the old
	// ones, which replay to the same index.
	for _, s := range sealed[1:] {
		db.leftover = append(db.leftover, s.path)
	}
	if err := db.removeLeftovers(); err != nil {
		return st, err
	}
	return st, nil
}

// liveRecords returns the records of the sealed segments that the index
// points to, in log order, so that the copy reads each segment
// sequentially.
func (db *DB) liveRecords(sealed []*segment) []live {
	order := make(map[*segment]int, len(sealed))
	for i, s := range sealed {
		order[s] = i
	}
	var recs []live
	for i := range db.shards {
		sh := &db.shards[i]
		sh.mu.RLock()
		for id, l := range sh.m {
			if _, ok := order[l.seg]; ok {
				recs = append(recs, live{id: id, old: l})
			}
		}
		sh.mu.RUnlock()
	}
	slices.SortFunc(recs, func(a, b live) int {
		if c := cmp.Compare(order[a.old.seg], order[b.old.seg]); c != 0 {
			return c
		}
		return cmp.Compare(a.old.off, b.old.off)
	})
	return recs
}

// writeCompacted writes recs to a new file at path, records their new
// offsets, and syncs the file. On error it returns the file (if it was
// created) for the caller to close and remove.
func (db *DB) writeCompacted(ctx context.Context, path string, recs []live) (*os.File, int64, error) {
	os.Remove(path) // an attempt of this process that failed before
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var off int64
	var buf []byte
	for i := range recs {
		r := &recs[i]
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return f, 0, err
			}
			if db.closed.Load() {
				return f, 0, ErrClosed
			}
		}
		if buf, err = readRecord(buf[:0], r.id, r.old); err != nil {
			return f, 0, err
		}
		if _, err := w.Write(buf); err != nil {
			return f, 0, err
		}
		r.off = off
		off += int64(len(buf))
	}
	if err := w.Flush(); err != nil {
		return f, 0, err
	}
	if err := db.compactStep("written"); err != nil {
		return f, 0, err
	}
	if err := f.Sync(); err != nil {
		return f, 0, err
	}
	return f, off, nil
}

// readRecord appends the whole record at l (header, id and document) to
// dst, after checking it is an intact put of id.
func readRecord(dst []byte, id string, l loc) ([]byte, error) {
	start := len(dst)
	dst = slices.Grow(dst, int(l.n))[:start+int(l.n)]
	if end := l.off + int64(l.n); end <= int64(len(l.seg.mm)) {
		copy(dst[start:], l.seg.mm[l.off:end])
	} else if _, err := l.seg.f.ReadAt(dst[start:], l.off); err != nil {
		return dst[:start], fmt.Errorf("read %q from %s at offset %d: %w", id, l.seg.path, l.off, err)
	}
	if _, err := checkRecord(l.seg, id, l, dst[start:]); err != nil {
		return dst[:start], err
	}
	return dst, nil
}

// publishCompacted switches the database to seg, which holds recs, in
// place of the sealed segments. An id moves to seg only if the index
// still points to the record that was copied: if a write raced the copy,
// its newer record stays.
func (db *DB) publishCompacted(seg *segment, sealed []*segment, recs []live) {
	db.segMu.Lock()
	segs := append([]*segment{seg}, db.segments()...) // seg first: it is the oldest
	db.segs.Store(&segs)
	db.segMu.Unlock()

	for _, r := range recs {
		sh := db.shard(r.id)
		sh.mu.Lock()
		if sh.m[r.id] == r.old {
			sh.m[r.id] = loc{seg: seg, off: r.off, n: r.old.n}
		}
		sh.mu.Unlock()
	}
	// No location points into the sealed segments now. A Get that read
	// one before holds its shard's lock until it is out: wait for them.
	for i := range db.shards {
		db.shards[i].mu.Lock()
		db.shards[i].mu.Unlock()
	}

	old := make(map[*segment]bool, len(sealed))
	for _, s := range sealed {
		old[s] = true
	}
	db.segMu.Lock()
	rest := slices.DeleteFunc(slices.Clone(db.segments()), func(s *segment) bool { return old[s] })
	db.segs.Store(&rest) // a new variable: readers may still hold &segs
	db.segMu.Unlock()
	for _, s := range sealed {
		db.dropSegment(s) // closed now, or when the last snapshot lets go
	}
}

// removeLeftovers removes the old segment files a compaction switched
// away from, oldest first, syncing the directory after each: the files
// that remain after a crash must be a suffix of the old log, never an
// older segment without a newer one.
func (db *DB) removeLeftovers() error {
	for len(db.leftover) > 0 {
		if err := db.compactStep("remove"); err != nil {
			return fmt.Errorf("db: compact: %w", err)
		}
		if err := os.Remove(db.leftover[0]); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("db: compact: remove old segment: %w", err)
		}
		if err := syncDir(db.dir); err != nil {
			return fmt.Errorf("db: compact: sync directory: %w", err)
		}
		db.leftover = db.leftover[1:]
	}
	return nil
}

// compactStep runs the test hook for a step of Compact, if there is one.
func (db *DB) compactStep(step string) error {
	if db.testCompactStep == nil {
		return nil
	}
	return db.testCompactStep(step)
}
