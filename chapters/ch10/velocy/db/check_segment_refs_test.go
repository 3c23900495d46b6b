package db

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// segRefsFill opens a database in a new directory with small segments
// and writes random documents until it has at least three segments.
func segRefsFill(t *testing.T) (*DB, map[string]string) {
	t.Helper()
	db, err := Open(t.TempDir(), Options{NoSync: true, SegmentSize: 2 << 10})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	want := map[string]string{}
	for i := 0; len(db.segments()) < 3; i++ {
		id := fmt.Sprintf("doc-%03d", i)
		doc := fmt.Sprintf(`{"i":%d,"r":%d,"pad":%q}`, i, rand.Uint32(), strings.Repeat("p", rand.IntN(100)))
		if err := db.Put(id, []byte(doc)); err != nil {
			t.Fatalf("Put(%q): %v", id, err)
		}
		want[id] = doc
	}
	return db, want
}

func TestSegmentRefsLocIsPointer(t *testing.T) {
	f, ok := reflect.TypeFor[loc]().FieldByName("seg")
	if !ok || f.Type != reflect.TypeFor[*segment]() {
		t.Fatalf("loc.seg is %v, want *segment: a compaction renumbers the segment list, so a location must name its segment itself", f.Type)
	}
}

func TestSegmentRefsDroppedStaysOpenUntilReleased(t *testing.T) {
	db, _ := segRefsFill(t)
	segs := db.acquireSegments()
	if n := len(db.segments()); len(segs) != n {
		t.Fatalf("acquireSegments() returned %d segments, want the %d of db.segments()", len(segs), n)
	}
	first := segs[0]
	rest := append([]*segment(nil), db.segments()[1:]...)
	db.segs.Store(&rest) // as a compaction would: out of the list
	if err := db.dropSegment(first); err != nil {
		t.Fatalf("dropSegment = %v", err)
	}
	if _, err := first.f.Stat(); err != nil {
		t.Fatalf("dropSegment closed a segment that acquireSegments holds (Stat: %v): it must wait for releaseSegments", err)
	}
	if err := db.releaseSegments(segs); err != nil {
		t.Fatalf("releaseSegments = %v", err)
	}
	if _, err := first.f.Stat(); !errors.Is(err, os.ErrClosed) {
		t.Fatalf("after releaseSegments, a dropped segment no one holds is still open (Stat: %v): the last release must close it", err)
	}
	if first.mm != nil {
		t.Fatalf("after releaseSegments, a dropped segment is still mapped: closeFile must unmap it and set mm to nil")
	}
	for _, s := range rest {
		if _, err := s.f.Stat(); err != nil {
			t.Fatalf("releaseSegments closed %s, which is still in the list (Stat: %v)", s.path, err)
		}
	}
}

// Range must hold the segments it reads: a segment dropped while it runs
// (by a compaction) stays readable until Range ends.
func TestSegmentRefsRangeHoldsSegments(t *testing.T) {
	db, want := segRefsFill(t)
	n := 0
	err := db.Range("", func(id string, doc []byte) bool {
		if n == 0 {
			segs := db.segments()
			rest := append([]*segment(nil), segs[1:]...)
			db.segs.Store(&rest)
			db.dropSegment(segs[0])
		}
		n++
		if want[id] != string(doc) {
			t.Errorf("Range: %s = %s, want %s", id, doc, want[id])
		}
		return true
	})
	if err != nil {
		t.Fatalf("Range with its first segment dropped under it = %v: Range must acquireSegments before it lets go of the shard locks, and release them when it ends", err)
	}
	if n != len(want) {
		t.Fatalf("Range visited %d documents, want %d", n, len(want))
	}
}

func TestSegmentRefsOpenRemovesUnfinishedCompaction(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	id, doc := fmt.Sprintf("k%d", rand.IntN(1000)), fmt.Sprintf(`{"r":%d}`, rand.Uint32())
	if err := db.Put(id, []byte(doc)); err != nil {
		t.Fatalf("Put: %v", err)
	}
	db.Close()
	tmp := filepath.Join(dir, "00000001"+compactSuffix)
	if err := os.WriteFile(tmp, []byte("half a compacted segment"), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err = Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatalf("Open with an unfinished compaction left over = %v", err)
	}
	defer db.Close()
	if _, err := os.Stat(tmp); err == nil {
		t.Fatalf("Open left %s behind: recover must call removeCompactTemps before it lists the segments", filepath.Base(tmp))
	}
	if got, err := db.Get(id); err != nil || string(got) != doc {
		t.Fatalf("Get(%q) = %s, %v; want %s", id, got, err, doc)
	}
}
