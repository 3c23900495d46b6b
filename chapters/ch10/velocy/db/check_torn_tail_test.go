package db

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// tornTailLog returns a segment's bytes holding n puts of distinct ids,
// and the offset where its last record starts.
func tornTailLog(n int) ([]byte, int64) {
	var data []byte
	var last int
	for i := range n {
		last = len(data)
		data = appendRecord(data, kindPut, fmt.Sprintf("doc%d", i), fmt.Appendf(nil, `{"i":%d,"pad":"%*s"}`, i, rand.IntN(40), ""))
	}
	return data, int64(last)
}

// tornTailIDs counts the ids in db's index.
func tornTailIDs(db *DB) int {
	n := 0
	for i := range db.shards {
		n += len(db.shards[i].m)
	}
	return n
}

func TestTornTailIsCut(t *testing.T) {
	n := 3 + rand.IntN(5)
	data, lastStart := tornTailLog(n)
	for cut := lastStart; cut < int64(len(data)); cut++ {
		dir := t.TempDir()
		path := filepath.Join(dir, segmentName(1))
		if err := os.WriteFile(path, data[:cut], 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := Open(dir, Options{})
		if err != nil {
			t.Fatalf("Open(a log whose last record is cut after %d of its %d bytes) = %v, want no error: the crash tore that write, which nobody was told had succeeded; cut it off", cut-lastStart, int64(len(data))-lastStart, err)
		}
		rec, ids := d.Recovery(), tornTailIDs(d)
		d.Close()
		if rec.Truncated != cut-lastStart || (cut > lastStart && rec.Segment != path) {
			t.Fatalf("last record cut after %d bytes: Recovery() = %+v, want Truncated %d and Segment %s", cut-lastStart, rec, cut-lastStart, path)
		}
		if ids != n-1 || rec.Records != n-1 {
			t.Fatalf("last record cut after %d bytes: %d ids in the index, %d records replayed, want %d and %d", cut-lastStart, ids, rec.Records, n-1, n-1)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Size() != lastStart {
			t.Fatalf("last record cut after %d bytes: the segment has %d bytes after Open, want %d: truncate the torn tail off the file (and sync), so the next record follows the last valid one", cut-lastStart, info.Size(), lastStart)
		}
		d, err = Open(dir, Options{})
		if err != nil {
			t.Fatalf("second Open after cutting a torn tail = %v", err)
		}
		rec = d.Recovery()
		d.Close()
		if rec.Truncated != 0 || rec.Records != n-1 {
			t.Fatalf("second Open after cutting a torn tail: Recovery() = %+v, want %d records and nothing cut", rec, n-1)
		}
	}
}

func TestTornTailOnlyInLastSegment(t *testing.T) {
	// A record cut short in an older segment is no crash's doing: a
	// newer segment was started after it.
	dir := t.TempDir()
	data, lastStart := tornTailLog(3)
	cut := lastStart + 1 + rand.Int64N(int64(len(data))-lastStart-1)
	path := filepath.Join(dir, segmentName(1))
	if err := os.WriteFile(path, data[:cut], 0o644); err != nil {
		t.Fatal(err)
	}
	// The last segment is torn as well, and that part may be cut.
	seg2 := appendRecord(appendRecord(nil, kindPut, "x", []byte("1")), kindPut, "y", []byte("2"))
	if err := os.WriteFile(filepath.Join(dir, segmentName(2)), seg2[:len(seg2)-1], 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Open(dir, Options{})
	if err == nil {
		d.Close()
		t.Fatalf("Open(segment 1 cut short, segment 2 after it) = no error, want a *CorruptError for %s at offset %d", path, lastStart)
	}
	var ce *CorruptError
	if !errors.As(err, &ce) || ce.Segment != path || ce.Offset != lastStart {
		t.Fatalf("Open(segment 1 cut short, segment 2 after it) = %v, want a *CorruptError for %s at offset %d", err, path, lastStart)
	}
}
