package db

import (
	"bufio"
	"fmt"
	"io"
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
	// One read buffer and one record buffer serve every segment.
	r := bufio.NewReaderSize(nil, 256<<10)
	buf := make([]byte, 4096)
	for i, name := range names {
		last := i == len(names)-1
		path := filepath.Join(db.dir, name)
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return fmt.Errorf("db: open segment: %w", err)
		}
		num, _ := strconv.Atoi(strings.TrimSuffix(name, ".log"))
		seg := &segment{num: num, path: path, f: f}
		segs := append(db.segments(), seg)
		db.segs.Store(&segs)
		size, fileSize, err := db.replay(uint32(i), seg, last, r, &buf)
		if err != nil {
			return err
		}
		seg.size = size
		if cut := fileSize - size; cut > 0 {
			if err := f.Truncate(size); err != nil {
				return fmt.Errorf("db: cut torn tail of %s: %w", path, err)
			}
			if err := datasync(f); err != nil {
				return fmt.Errorf("db: cut torn tail of %s: %w", path, err)
			}
			db.rec.Truncated, db.rec.Segment = cut, path
		}
		seg.mm = mapFile(f, max(size, db.opts.segmentSize()))
	}
	db.rec.Segments = len(names)
	if len(db.segments()) == 0 {
		return db.addSegment(1)
	}
	return nil
}

// replay applies the records of one segment to the index and returns the
// length of its valid prefix and of the file. It reads the segment
// sequentially, one record at a time, so memory is bounded by the largest
// record. An invalid record is a torn tail (and ends the valid prefix)
// only in the last segment and only if nothing valid follows it;
// otherwise it is a *CorruptError.
func (db *DB) replay(segIdx uint32, seg *segment, last bool, r *bufio.Reader, bufp *[]byte) (size, fileSize int64, err error) {
	info, err := seg.f.Stat()
	if err != nil {
		return 0, 0, fmt.Errorf("db: read segment: %w", err)
	}
	fileSize = info.Size()
	r.Reset(io.NewSectionReader(seg.f, 0, fileSize))
	buf := *bufp
	defer func() { *bufp = buf }()
	var off int64
	for off < fileSize {
		head := int(min(headerSize, fileSize-off))
		if _, err := io.ReadFull(r, buf[:head]); err != nil {
			return 0, 0, fmt.Errorf("db: read segment %s: %w", seg.path, err)
		}
		rec, n, derr := decodeRecord(buf[:head])
		if derr == errShort && n > 0 && int64(n) <= fileSize-off {
			if n > len(buf) {
				buf = append(buf[:head], make([]byte, n-head)...)
			}
			if _, err := io.ReadFull(r, buf[head:n]); err != nil {
				return 0, 0, fmt.Errorf("db: read segment %s: %w", seg.path, err)
			}
			rec, n, derr = decodeRecord(buf[:n])
		}
		if derr != nil {
			// The slow path, once per open at most: is anything valid
			// after this record?
			tail := make([]byte, fileSize-off)
			if _, err := seg.f.ReadAt(tail, off); err != nil {
				return 0, 0, fmt.Errorf("db: read segment %s: %w", seg.path, err)
			}
			if last && !validRecordAfter(tail, 0) {
				return off, fileSize, nil
			}
			return 0, 0, &CorruptError{Segment: seg.path, Offset: off, Err: derr}
		}
		id := string(rec.id)
		apply(db.shard(id), rec.kind, id, loc{seg: segIdx, off: off, n: uint32(n)})
		db.indexRecord(rec.kind, id, rec.doc) // secondary indexes (index.go)
		db.rec.Records++
		off += int64(n)
	}
	return off, fileSize, nil
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

// apply records in shard sh of the index that the latest record for id is
// at l. The caller holds sh.mu (or is Open, before anyone else can see db).
func apply(sh *indexShard, kind byte, id string, l loc) {
	if kind == kindDelete {
		delete(sh.m, id)
		return
	}
	sh.m[id] = l
}

// addSegment creates segment number num, makes its directory entry
// durable and makes it the active segment. The caller is the commit
// goroutine (or Open).
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
	seg := &segment{num: num, path: path, f: f, mm: mapFile(f, db.opts.segmentSize())}
	segs := append(slices.Clip(db.segments()), seg) // a new array: readers hold the old one
	db.segs.Store(&segs)
	return nil
}
