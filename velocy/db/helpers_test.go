package db

import (
	"os"
	"path/filepath"
	"testing"
)

// openT opens the database in dir and closes it when the test ends.
func openT(t testing.TB, dir string, opts Options) *DB {
	t.Helper()
	db, err := Open(dir, opts)
	if err != nil {
		t.Fatalf("Open(%s) = %v", dir, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// mustPut stores doc under id or fails the test.
func mustPut(t testing.TB, db *DB, id, doc string) {
	t.Helper()
	if err := db.Put(id, []byte(doc)); err != nil {
		t.Fatalf("Put(%q) = %v", id, err)
	}
}

// wantDoc checks that id holds doc.
func wantDoc(t testing.TB, db *DB, id, doc string) {
	t.Helper()
	got, err := db.Get(id)
	if err != nil {
		t.Fatalf("Get(%q) = %v, want %s", id, err, doc)
	}
	if string(got) != doc {
		t.Fatalf("Get(%q) = %s, want %s", id, got, doc)
	}
}

// segmentPaths returns the paths of dir's segments, in order.
func segmentPaths(t testing.TB, dir string) []string {
	t.Helper()
	names, err := listSegments(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range names {
		names[i] = filepath.Join(dir, n)
	}
	return names
}

// copyDir copies the regular files of src (a database that is closed)
// into a new directory and returns it.
func copyDir(t testing.TB, src string) string {
	t.Helper()
	dst := t.TempDir()
	entries, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dst, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}
