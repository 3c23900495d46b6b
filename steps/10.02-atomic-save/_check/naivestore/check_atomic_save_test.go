package naivestore

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

func TestAtomicSave(t *testing.T) {
	dir := t.TempDir()
	elsewhere := t.TempDir()
	t.Setenv("TMPDIR", elsewhere) // os.CreateTemp("", ...) would write here
	name := fmt.Sprintf("store-%d.json", rand.IntN(1e6))
	path := filepath.Join(dir, name)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	var before os.FileInfo
	for i := range 3 + rand.IntN(5) {
		k, v := fmt.Sprintf("k%d", rand.IntN(100)), fmt.Sprintf("v%d-%d", i, rand.IntN(1e9))
		if err := s.Put(k, v); err != nil {
			t.Fatalf("Put(%q, %q) = %v", k, v, err)
		}
		want[k] = v
		after, err := os.Stat(path)
		if err != nil {
			t.Fatalf("after Put, the store's file: %v", err)
		}
		if before != nil && os.SameFile(before, after) {
			t.Fatalf("Put rewrote the store's file in place (it is still the same file, inode and all): " +
				"a crash in the middle of the write leaves it empty or cut short. Write a new file " +
				"next to it and rename that over it")
		}
		before = after
	}

	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != name {
			t.Fatalf("after the saves the directory holds %q besides %q: remove nothing but rename "+
				"the temporary file, and remove it when a save fails", e.Name(), name)
		}
	}
	if entries, _ := os.ReadDir(elsewhere); len(entries) > 0 {
		t.Fatalf("a save wrote %q in the system's temporary directory: make the temporary file in the "+
			"store's own directory, or the rename may cross file systems (and is not atomic there)", entries[0].Name())
	}

	again, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range want {
		if got, ok := again.Get(k); !ok || got != v {
			t.Fatalf("reopened: Get(%q) = %q, %v, want %q, true", k, got, ok, v)
		}
	}

	// A bare file name: the temporary file goes in the working directory.
	t.Chdir(dir)
	bare, err := Open(name)
	if err != nil {
		t.Fatal(err)
	}
	k := fmt.Sprintf("bare%d", rand.IntN(1e6))
	if err := bare.Put(k, "v"); err != nil {
		t.Fatalf("Open(%q) (a name without a directory), Put = %v: filepath.Split gives the directory \"\"; use \".\"", name, err)
	}
}
