package db

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// segmentName is the file name of segment number n: eight digits, so the
// names sort in the order the segments were written.
func segmentName(n int) string {
	return fmt.Sprintf("%08d.log", n)
}

// listSegments returns the segment file names in dir, in order.
func listSegments(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("db: list segments: %w", err)
	}
	var names []string
	for _, e := range entries {
		name := e.Name()
		num, ok := strings.CutSuffix(name, ".log")
		if !ok || len(num) != 8 || !e.Type().IsRegular() {
			continue
		}
		if n, err := strconv.Atoi(num); err != nil || n <= 0 {
			continue
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return names, nil
}

// recover reads every segment, replays its records into the index and
// cuts a torn tail off the last one. With no segment yet it creates the
// first.
func (db *DB) recover() error {
	names, err := listSegments(db.dir)
	if err != nil {
		return err
	}
	for i, name := range names {
		last := i == len(names)-1
		path := filepath.Join(db.dir, name)
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return fmt.Errorf("db: open segment: %w", err)
		}
		num, _ := strconv.Atoi(strings.TrimSuffix(name, ".log"))
		seg := &segment{num: num, path: path, f: f}
		db.segs = append(db.segs, seg)
		// A segment is read whole: simple, sequential, and bounded by
		// SegmentSize (plus one oversized record).
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("db: read segment: %w", err)
		}
		size, err := db.replay(uint32(i), path, data, last)
		if err != nil {
			return err
		}
		seg.size = size
		if cut := int64(len(data)) - size; cut > 0 {
			if err := f.Truncate(size); err != nil {
				return fmt.Errorf("db: cut torn tail of %s: %w", path, err)
			}
			if err := datasync(f); err != nil {
				return fmt.Errorf("db: cut torn tail of %s: %w", path, err)
			}
			db.rec.Truncated, db.rec.Segment = cut, path
		}
	}
	db.rec.Segments = len(names)
	if len(db.segs) == 0 {
		return db.addSegment(1)
	}
	return nil
}

// replay applies the records of one segment to the index and returns the
// length of its valid prefix. An invalid record is a torn tail (and ends
// the valid prefix) only in the last segment and only if nothing valid
// follows it; otherwise it is a *CorruptError.
func (db *DB) replay(seg uint32, path string, data []byte, last bool) (int64, error) {
	off := 0
	for off < len(data) {
		r, n, err := decodeRecord(data[off:])
		if err != nil {
			if last && !validRecordAfter(data, off) {
				return int64(off), nil
			}
			return 0, &CorruptError{Segment: path, Offset: int64(off), Err: err}
		}
		db.apply(r.kind, string(r.id), loc{seg: seg, off: int64(off), n: uint32(n)})
		db.rec.Records++
		off += n
	}
	return int64(off), nil
}

// validRecordAfter reports whether a valid record starts anywhere in data
// after offset off. It is how recovery tells a damaged record in the
// middle of the log (valid data follows) from a torn write at its end.
func validRecordAfter(data []byte, off int) bool {
	for p := off + 1; p+headerSize <= len(data); p++ {
		if _, _, err := decodeRecord(data[p:]); err == nil {
			return true
		}
	}
	return false
}

// apply records in the index that the latest record for id is at l.
// The caller holds db.mu (or is Open, before anyone else can see db).
func (db *DB) apply(kind byte, id string, l loc) {
	if kind == kindDelete {
		delete(db.index, id)
		return
	}
	db.index[id] = l
}

// addSegment creates segment number num, makes its directory entry
// durable and makes it the active segment. The caller holds db.mu (or is
// Open).
func (db *DB) addSegment(num int) error {
	path := filepath.Join(db.dir, segmentName(num))
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("db: create segment: %w", err)
	}
	if err := syncDir(db.dir); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("db: sync directory after creating %s: %w", path, err)
	}
	db.segs = append(db.segs, &segment{num: num, path: path, f: f})
	return nil
}
