package db

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"testing"
)

// snapshotContents reads every document of s, by All and by Get.
func snapshotContents(t *testing.T, s *Snapshot) map[string]string {
	t.Helper()
	got := map[string]string{}
	for id, doc := range s.All("") {
		got[id] = string(doc)
		d, err := s.Get(id)
		if err != nil || string(d) != string(doc) {
			t.Fatalf("snapshot Get(%s) = %s, %v; All gave %s", id, d, err, doc)
		}
	}
	if err := s.Err(); err != nil {
		t.Fatalf("snapshot All: %v", err)
	}
	return got
}

// A snapshot sees neither the writes made after it nor loses documents
// to a compaction that runs while it is open, even one that removes the
// files its records were in.
func TestSnapshotIsolatedFromWritesAndCompaction(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), 5))
	dir := t.TempDir()
	db := openT(t, dir, Options{NoSync: true, SegmentSize: 4 << 10})
	want := map[string]string{}
	compactModel(t, db, rng, 1000, 50, want)
	s, err := db.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	then := maps.Clone(want)
	for range 3 {
		compactModel(t, db, rng, 500, 50, want) // overwrites and deletes
		if _, err := db.Compact(context.Background()); err != nil {
			t.Fatalf("Compact = %v", err)
		}
	}
	if got := snapshotContents(t, s); !maps.Equal(got, then) {
		t.Fatalf("snapshot holds %d documents, differing from the %d at the time it was taken", len(got), len(then))
	}
	if _, err := s.Get("no-such-id"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("snapshot Get(missing) = %v, want ErrNotFound", err)
	}
	wantAll(t, db, want)
	if err := s.Close(); err != nil {
		t.Fatalf("snapshot Close = %v", err)
	}
	if _, err := s.Get("id-001"); !errors.Is(err, ErrClosed) {
		t.Fatalf("Get after Close = %v, want ErrClosed", err)
	}
	// Every segment the snapshot held is closed now: only the live ones
	// remain referenced.
	for _, seg := range db.segments() {
		if seg.refs != 0 {
			t.Fatalf("segment %s still has %d references", seg.path, seg.refs)
		}
	}
}

func TestSnapshotRangeFrom(t *testing.T) {
	dir := t.TempDir()
	db := openT(t, dir, Options{NoSync: true})
	for i := range 10 {
		mustPut(t, db, fmt.Sprintf("k%d", i), fmt.Sprint(i))
	}
	s, err := db.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var ids []string
	s.Range("k5", func(id string, _ []byte) bool {
		ids = append(ids, id)
		return len(ids) < 3
	})
	if fmt.Sprint(ids) != "[k5 k6 k7]" {
		t.Fatalf("Range(k5) stopped after 3 = %v, want [k5 k6 k7]", ids)
	}
	db.Close()
	if _, err := s.Get("k1"); !errors.Is(err, ErrClosed) {
		t.Fatalf("snapshot Get after DB.Close = %v, want ErrClosed", err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("snapshot Close after DB.Close = %v", err)
	}
}
