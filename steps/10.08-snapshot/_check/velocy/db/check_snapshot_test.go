package db

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"testing"
)

// snapshotCheckWrite makes n random puts and deletes on ids k00..k39
// and records them in want.
func snapshotCheckWrite(t *testing.T, db *DB, n int, want map[string]string) {
	t.Helper()
	for range n {
		id := fmt.Sprintf("k%02d", rand.IntN(40))
		if rand.IntN(6) == 0 {
			if err := db.Delete(id); err != nil {
				t.Fatalf("Delete(%q): %v", id, err)
			}
			delete(want, id)
			continue
		}
		doc := fmt.Sprintf(`{"r":%d}`, rand.Uint32())
		if err := db.Put(id, []byte(doc)); err != nil {
			t.Fatalf("Put(%q): %v", id, err)
		}
		want[id] = doc
	}
}

func TestSnapshotSeesNoLaterWrites(t *testing.T) {
	db, err := Open(t.TempDir(), Options{NoSync: true, SegmentSize: 2 << 10})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	want := map[string]string{}
	snapshotCheckWrite(t, db, 300, want)
	s, err := db.Snapshot()
	if err != nil {
		t.Fatalf("Snapshot() = %v", err)
	}
	then := maps.Clone(want)
	snapshotCheckWrite(t, db, 300, want)

	got := map[string]string{}
	prev := ""
	for id, doc := range s.All("") {
		if id <= prev {
			t.Fatalf("All gave %q after %q: want id order", id, prev)
		}
		prev = id
		got[id] = string(doc)
	}
	if s.Err() != nil {
		t.Fatalf("All ended with %v", s.Err())
	}
	if !maps.Equal(got, then) {
		t.Fatalf("the snapshot's All gave %d documents; want the %d the database held when it was taken, as they were then", len(got), len(then))
	}
	for id := range 40 {
		id := fmt.Sprintf("k%02d", id)
		doc, err := s.Get(id)
		if w, ok := then[id]; ok != (err == nil) || string(doc) != w {
			t.Fatalf("snapshot Get(%q) = %s, %v; want %q (present %v)", id, doc, err, w, ok)
		} else if !ok && !errors.Is(err, ErrNotFound) {
			t.Fatalf("snapshot Get(%q) = %v, want ErrNotFound", id, err)
		}
	}
	from := fmt.Sprintf("k%02d", rand.IntN(40))
	n := 0
	s.Range(from, func(id string, _ []byte) bool {
		if id < from {
			t.Fatalf("Range(%q) visited %q", from, id)
		}
		n++
		return true
	})
	wantN := 0
	for id := range then {
		if id >= from {
			wantN++
		}
	}
	if n != wantN {
		t.Fatalf("Range(%q) visited %d documents, want %d", from, n, wantN)
	}
}

// The snapshot holds its segments: one dropped from the list (as a
// compaction drops the segments it replaced) stays readable, and is
// closed by the snapshot's Close.
func TestSnapshotHoldsItsSegments(t *testing.T) {
	db, err := Open(t.TempDir(), Options{NoSync: true, SegmentSize: 2 << 10})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	want := map[string]string{}
	snapshotCheckWrite(t, db, 200, want)
	s, err := db.Snapshot()
	if err != nil {
		t.Fatalf("Snapshot() = %v", err)
	}
	segs := db.segments()
	first := segs[0]
	rest := append([]*segment(nil), segs[1:]...)
	db.segs.Store(&rest)
	db.dropSegment(first)
	if first.refs != 1 {
		t.Fatalf("a segment under a snapshot has %d references, want 1: Snapshot must acquireSegments", first.refs)
	}
	if s.Len() != len(want) {
		t.Fatalf("snapshot Len() = %d, want %d", s.Len(), len(want))
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close() = %v", err)
	}
	if first.refs != 0 || first.mm != nil {
		t.Fatalf("after the snapshot's Close, the dropped segment has %d references (mapped %v): Close must releaseSegments", first.refs, first.mm != nil)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("a second Close() = %v, want nil", err)
	}
	for _, seg := range rest {
		if seg.refs != 0 {
			t.Fatalf("segment %s has %d references after Close, want 0 (released twice, or not at all)", seg.path, seg.refs)
		}
	}
	if _, err := s.Get("k00"); !errors.Is(err, ErrClosed) {
		t.Fatalf("Get after Close = %v, want ErrClosed", err)
	}
}
