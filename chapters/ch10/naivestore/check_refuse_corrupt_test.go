package naivestore

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// refuseCorruptDamage returns b damaged one of several ways, and says how.
func refuseCorruptDamage(b []byte) ([]byte, string) {
	switch rand.IntN(5) {
	case 0:
		return nil, "an empty file (a crash right after the truncate)"
	case 1:
		n := 1 + rand.IntN(len(b)-1)
		return b[:n], fmt.Sprintf("the file cut after %d of %d bytes", n, len(b))
	case 2:
		return []byte("null"), "a file that says null"
	case 3:
		return []byte(`{"n":` + fmt.Sprint(rand.IntN(100)) + `}`), "an object whose value is a number"
	default:
		g := make([]byte, 1+rand.IntN(64))
		for i := range g {
			g[i] = byte(rand.IntN(256))
		}
		g[0] = '#'
		return g, fmt.Sprintf("%d bytes of garbage", len(g))
	}
}

func TestRefuseCorrupt(t *testing.T) {
	for round := range 10 {
		dir := t.TempDir()
		path := filepath.Join(dir, fmt.Sprintf("store-%d.json", rand.IntN(1e6)))
		s, err := Open(path)
		if err != nil {
			t.Fatal(err)
		}
		for i := range 3 + rand.IntN(5) {
			if err := s.Put(fmt.Sprintf("k%d", i), strings.Repeat("v", rand.IntN(30))); err != nil {
				t.Fatal(err)
			}
		}
		good, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		bad, how := refuseCorruptDamage(good)
		if err := os.WriteFile(path, bad, 0o644); err != nil {
			t.Fatal(err)
		}

		got, err := Open(path)
		if err == nil {
			t.Fatalf("round %d: Open of %s = a store with %d keys and no error: its next save "+
				"overwrites the file with that, and what a person could have recovered is gone. "+
				"Return an error that wraps ErrCorrupt", round, how, len(got.data))
		}
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("round %d: Open of %s = %v, want an error that wraps ErrCorrupt (%%w)", round, how, err)
		}
		if !strings.Contains(err.Error(), path) {
			t.Fatalf("round %d: Open of %s = %q: say which file (%s)", round, how, err, path)
		}
		if after, _ := os.ReadFile(path); !bytes.Equal(after, bad) {
			t.Fatalf("round %d: Open of %s changed the file: leave it as it is, for a person to look at", round, how)
		}
	}

	// A missing file is still the first run.
	path := filepath.Join(t.TempDir(), fmt.Sprintf("new-%d.json", rand.IntN(1e6)))
	if _, err := Open(path); err != nil {
		t.Fatalf("Open(%q) of a file that does not exist = %v, want an empty store", path, err)
	}
}
