package db

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

// compactCheckWrite makes n random puts and deletes on ids c00..c29 and
// records them in want.
func compactCheckWrite(t *testing.T, db *DB, n int, want map[string]string) {
	t.Helper()
	for range n {
		id := fmt.Sprintf("c%02d", rand.IntN(30))
		if rand.IntN(7) == 0 {
			if err := db.Delete(id); err != nil {
				t.Fatalf("Delete(%q): %v", id, err)
			}
			delete(want, id)
			continue
		}
		doc := fmt.Sprintf(`{"r":%d,"pad":%q}`, rand.Uint32(), strings.Repeat("x", rand.IntN(120)))
		if err := db.Put(id, []byte(doc)); err != nil {
			t.Fatalf("Put(%q): %v", id, err)
		}
		want[id] = doc
	}
}

// compactCheckHolds checks that db holds exactly want.
func compactCheckHolds(t *testing.T, db *DB, want map[string]string, when string) {
	t.Helper()
	for id, doc := range want {
		got, err := db.Get(id)
		if err != nil || string(got) != doc {
			t.Fatalf("%s: Get(%q) = %s, %v; want %s", when, id, got, err, doc)
		}
	}
	if n := db.Len(); n != len(want) {
		t.Fatalf("%s: Len() = %d, want %d", when, n, len(want))
	}
}

// compactCheckLogSize is the total size of the segment files in dir.
func compactCheckLogSize(t *testing.T, dir string) int64 {
	t.Helper()
	names, err := listSegments(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, name := range names {
		info, err := os.Stat(dir + "/" + name)
		if err != nil {
			t.Fatal(err)
		}
		n += info.Size()
	}
	return n
}

func TestCompactShrinksAndKeepsEverything(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{NoSync: true, SegmentSize: 4 << 10})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	want := map[string]string{}
	compactCheckWrite(t, db, 800, want)
	before := compactCheckLogSize(t, dir)
	st, err := db.Compact(context.Background())
	if err != nil {
		t.Fatalf("Compact() = %v", err)
	}
	after := compactCheckLogSize(t, dir)
	if after >= before || st.Segments < 2 || st.BytesAfter >= st.BytesBefore {
		t.Fatalf("Compact() = %+v, and the log went from %d to %d bytes: want it smaller", st, before, after)
	}
	names, _ := listSegments(dir)
	if len(names) != 2 {
		t.Fatalf("after Compact the directory holds segments %v, want two: the compacted one and the active one", names)
	}
	compactCheckHolds(t, db, want, "after Compact")
	compactCheckWrite(t, db, 200, want)
	compactCheckHolds(t, db, want, "after writes that follow Compact")
	if _, err := db.Compact(context.Background()); err != nil {
		t.Fatalf("a second Compact() = %v", err)
	}
	compactCheckHolds(t, db, want, "after a second Compact")
	db.Close()
	db, err = Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatalf("Open after Compact = %v", err)
	}
	defer db.Close()
	compactCheckHolds(t, db, want, "after reopening")
}

func TestCompactRacingWriteWins(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir, Options{NoSync: true, SegmentSize: 4 << 10})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	want := map[string]string{}
	compactCheckWrite(t, db, 600, want)
	hooked := false
	db.testCompactStep = func(step string) error {
		if step == "written" {
			hooked = true
			compactCheckWrite(t, db, 100, want) // while the copy waits to be switched in
		}
		return nil
	}
	if _, err := db.Compact(context.Background()); err != nil {
		t.Fatalf("Compact() = %v", err)
	}
	if !hooked {
		t.Fatalf("Compact never called db.compactStep(\"written\")")
	}
	compactCheckHolds(t, db, want, "after Compact with writes racing the copy (move an id only if the index still points to the record copied)")
	db.Close()
	db, err = Open(dir, Options{NoSync: true})
	if err != nil {
		t.Fatalf("Open after Compact = %v", err)
	}
	defer db.Close()
	compactCheckHolds(t, db, want, "after reopening")
}
