package db

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// replayRecord is one record written by replayWriteLog.
type replayRecord struct {
	seg    int // index of its segment
	off, n int64
	kind   byte
	id     string
}

// replayWriteLog writes random puts and deletes into 1 to 3 segments of a
// new directory and returns it, the records, and the index a replay must
// build (id to record).
func replayWriteLog(t *testing.T) (string, []replayRecord, map[string]replayRecord) {
	t.Helper()
	dir := t.TempDir()
	var recs []replayRecord
	want := map[string]replayRecord{}
	nsegs := 1 + rand.IntN(3)
	for s := range nsegs {
		var data []byte
		for range 5 + rand.IntN(30) {
			id := fmt.Sprintf("user:%d", rand.IntN(15))
			kind, doc := kindPut, fmt.Appendf(nil, `{"seg":%d,"r":%d}`, s, rand.Uint32())
			if rand.IntN(4) == 0 {
				kind, doc = kindDelete, nil
			}
			off := len(data)
			data = appendRecord(data, kind, id, doc)
			r := replayRecord{seg: s, off: int64(off), n: int64(len(data) - off), kind: kind, id: id}
			recs = append(recs, r)
			if kind == kindPut {
				want[id] = r
			} else {
				delete(want, id)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, segmentName(s+1)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, recs, want
}

// replaySegmentNum returns the number of the segment that index entry l
// points into. It reads loc's seg field by reflection because a later
// lesson changes its type: now it is the segment's position in db.segs,
// later the segment itself.
func replaySegmentNum(db *DB, l loc) int {
	v := reflect.ValueOf(l).FieldByName("seg")
	if v.Kind() == reflect.Pointer {
		return (*segment)(v.UnsafePointer()).num
	}
	if i := v.Uint(); i < uint64(len(db.segments())) {
		return db.segments()[i].num
	}
	return -1
}

// replayIndex returns every entry of db's index.
func replayIndex(db *DB) map[string]loc {
	m := map[string]loc{}
	for i := range db.shards {
		for id, l := range db.shards[i].m {
			m[id] = l
		}
	}
	return m
}

func TestReplayBuildsIndex(t *testing.T) {
	for range 5 {
		dir, recs, want := replayWriteLog(t)
		d, err := Open(dir, Options{})
		if err != nil {
			t.Fatalf("Open(a log of %d valid records) = %v", len(recs), err)
		}
		got := replayIndex(d)
		rec := d.Recovery()
		segs := d.segments()
		if len(got) != len(want) {
			t.Fatalf("after Open, the index holds %d ids, want %d (the latest record of an id wins; a delete removes it)", len(got), len(want))
		}
		for id, r := range want {
			l, ok := got[id]
			if !ok {
				t.Fatalf("after Open, %q is not in the index; its latest record is a put at offset %d of segment %d", id, r.off, r.seg+1)
			}
			if num := replaySegmentNum(d, l); num != r.seg+1 || l.off != r.off || l.n != uint32(r.n) {
				t.Fatalf("index entry of %q points to segment %d, offset %d, %d bytes; want segment %d, offset %d, %d bytes: where its latest put starts, and its encoded length", id, num, l.off, l.n, r.seg+1, r.off, r.n)
			}
		}
		d.Close()
		if rec.Records != len(recs) {
			t.Fatalf("Recovery().Records = %d, want %d (every record replayed, deletes too)", rec.Records, len(recs))
		}
		last := recs[len(recs)-1]
		if seg := segs[last.seg]; seg.size != last.off+last.n {
			t.Fatalf("the last segment's size = %d, want %d (the end of its last record)", seg.size, last.off+last.n)
		}
	}
}

func TestReplayReportsDamage(t *testing.T) {
	dir, recs, _ := replayWriteLog(t)
	// Damage the id or document of a record that valid records follow.
	r := recs[rand.IntN(len(recs)-1)]
	path := filepath.Join(dir, segmentName(r.seg+1))
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[r.off+headerSize+rand.Int64N(r.n-headerSize)] ^= 0x20
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := Open(dir, Options{})
	if err == nil {
		d.Close()
		t.Fatalf("Open(a log with a damaged record at offset %d of %s) = no error, want a *CorruptError", r.off, path)
	}
	var ce *CorruptError
	if !errors.As(err, &ce) {
		t.Fatalf("Open(a log with a damaged record) = %v, want a *CorruptError", err)
	}
	if ce.Segment != path || ce.Offset != r.off || !errors.Is(err, errChecksum) {
		t.Fatalf("Open = %v, want a *CorruptError for %s at offset %d wrapping errChecksum", err, path, r.off)
	}
}
