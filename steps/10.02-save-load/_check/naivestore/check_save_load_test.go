package naivestore

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// saveLoadValue returns a random value, with characters JSON escapes.
func saveLoadValue() string {
	const chars = "abcxyz019 \"\\/\n\té€😀<>&"
	rs := []rune(chars)
	b := make([]rune, rand.IntN(20))
	for i := range b {
		b[i] = rs[rand.IntN(len(rs))]
	}
	return string(b)
}

func TestSaveLoad(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, fmt.Sprintf("store-%d.json", rand.IntN(1e6)))
	s, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%q) of a file that does not exist yet: %v, want an empty store", path, err)
	}
	want := map[string]string{}
	for i := range 10 + rand.IntN(20) {
		k, v := fmt.Sprintf("k%d-%s", i, saveLoadValue()), saveLoadValue()
		if err := s.Put(k, v); err != nil {
			t.Fatalf("Put(%q, %q) = %v", k, v, err)
		}
		want[k] = v
	}
	for k := range want {
		if rand.IntN(3) == 0 {
			if err := s.Delete(k); err != nil {
				t.Fatalf("Delete(%q) = %v", k, err)
			}
			delete(want, k)
		}
	}

	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("after %d Puts the store's file cannot be read: %v; save must write s.data to s.path", len(want), err)
	}
	var onDisk map[string]string
	if err := json.Unmarshal(b, &onDisk); err != nil {
		t.Fatalf("the store's file is not a JSON object of strings (%v): %.80q", err, b)
	}
	if !maps.Equal(onDisk, want) {
		t.Fatalf("the file holds %d keys, want %d: every save writes the whole map", len(onDisk), len(want))
	}

	again, err := Open(path)
	if err != nil {
		t.Fatalf("Open(%q) again = %v", path, err)
	}
	for k, v := range want {
		if got, ok := again.Get(k); !ok || got != v {
			t.Fatalf("reopened: Get(%q) = %q, %v, want %q, true: load must read the file back", k, got, ok, v)
		}
	}
	if len(again.data) != len(want) {
		t.Fatalf("reopened, the store holds %d keys, want %d", len(again.data), len(want))
	}

	// A save that fails: the directory is gone.
	k := fmt.Sprintf("k%d", rand.IntN(1e6))
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	if err := again.Put(k, "lost"); err == nil {
		t.Fatalf("Put(%q) with the store's directory removed = nil, want the error of the save", k)
	}
	if _, ok := again.Get(k); ok {
		t.Fatalf("Put(%q) failed, and Get(%q) still finds the value", k, k)
	}
}
