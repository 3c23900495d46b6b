package naivestore

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestCleanTemp(t *testing.T) {
	dir := t.TempDir()
	name := fmt.Sprintf("store-%d.json", rand.IntN(1e6))
	path := filepath.Join(dir, name)
	s, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	key, value := fmt.Sprintf("k%d", rand.IntN(1e6)), fmt.Sprintf("v%d", rand.IntN(1e6))
	if err := s.Put(key, value); err != nil {
		t.Fatal(err)
	}
	var leftovers []string
	for range 1 + rand.IntN(4) {
		leftovers = append(leftovers, fmt.Sprintf("%s.tmp-%d", name, rand.IntN(1e9)))
	}
	// Not leftovers of this store: another store's, and look-alikes.
	others := []string{
		"other-" + name + ".tmp-1",
		name + ".tmp",
		name + ".tmpx-2",
		fmt.Sprintf("notes-%d.txt", rand.IntN(1e6)),
	}
	for _, f := range append(slices.Clone(leftovers), others...) {
		if err := os.WriteFile(filepath.Join(dir, f), []byte(`{"half":"writ`), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	again, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%q) with leftovers of crashed saves beside it = %v", path, err)
	}
	for _, f := range leftovers {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Fatalf("after Open(%q), %s is still there: Open must remove the files %q that "+
				"crashed saves left", path, f, name+".tmp-*")
		}
	}
	for _, f := range others {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Fatalf("Open(%q) removed %s, which is not a temporary file of this store: "+
				"remove only names that start with %q", path, f, name+".tmp-")
		}
	}
	if got, _ := again.Get(key); got != value {
		t.Fatalf("Open after removing leftovers: Get(%q) = %q, want %q", key, got, value)
	}

	missing := filepath.Join(dir, fmt.Sprintf("no-such-dir-%d", rand.IntN(1e6)), name)
	if _, err := Open(missing); err != nil {
		t.Fatalf("Open(%q) in a directory that does not exist yet = %v, want an empty store", missing, err)
	}
}
