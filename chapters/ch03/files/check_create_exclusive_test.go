package files

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// createRandomData returns a few random bytes, a newline among them.
func createRandomData() []byte {
	return fmt.Appendf(nil, "node-%d\n%x", rand.IntN(1000), rand.Uint64())
}

func TestCreateExclusiveNewFile(t *testing.T) {
	// Two files with two different permissions, with only the owner's bits
	// set, which no usual umask changes: perm must come from the argument.
	perms := []fs.FileMode{0o600, 0o400, 0o700, 0o500}
	for _, i := range rand.Perm(len(perms))[:2] {
		perm := perms[i]
		path := filepath.Join(t.TempDir(), "id.txt")
		data := createRandomData()
		if err := CreateExclusive(path, data, perm); err != nil {
			t.Fatalf("CreateExclusive(%q, %q, %#o) on a new path = %v, want nil", path, data, perm, err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("CreateExclusive returned nil, but reading the file back failed: %v", err)
		}
		if string(got) != string(data) {
			t.Errorf("CreateExclusive(path, %q, %#o) wrote %q, want %q", data, perm, got, data)
		}
		if runtime.GOOS == "windows" {
			continue
		}
		info, _ := os.Stat(path)
		if got := info.Mode().Perm(); got != perm {
			t.Errorf("CreateExclusive(path, data, %#o) created a file with permissions %v (%#o), want %v (%#o): "+
				"pass perm to os.OpenFile", perm, got, got, perm, perm)
		}
	}
}

func TestCreateExclusiveExistingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "id.txt")
	if err := os.WriteFile(path, []byte("original\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := CreateExclusive(path, createRandomData(), 0o644)
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("CreateExclusive on a path that already holds a file = %v, want an error wrapping fs.ErrExist "+
			"(os.O_EXCL makes os.OpenFile fail with it)", err)
	} else if !strings.Contains(err.Error(), path) {
		t.Errorf("CreateExclusive on an existing file returned %q, want the message to name the path %q", err, path)
	}
	if data, _ := os.ReadFile(path); string(data) != "original\n" {
		t.Errorf("CreateExclusive on an existing file changed it to %q, want it untouched: \"original\\n\"", data)
	}
}

func TestCreateExclusiveDanglingSymlink(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need extra rights on Windows")
	}
	dir := t.TempDir()
	target := filepath.Join(dir, "elsewhere.txt")
	path := filepath.Join(dir, "id.txt")
	if err := os.Symlink(target, path); err != nil {
		t.Skip("cannot create a symbolic link here:", err)
	}
	err := CreateExclusive(path, []byte("secret\n"), 0o600)
	if !errors.Is(err, fs.ErrExist) {
		t.Errorf("CreateExclusive on a path holding a symbolic link to a missing file = %v, want an error wrapping fs.ErrExist", err)
	}
	if _, statErr := os.Stat(target); statErr == nil {
		t.Errorf("CreateExclusive followed a symbolic link and created %s: checking first (os.Stat) and creating "+
			"afterwards is two steps; let os.OpenFile check and create in one, with os.O_CREATE|os.O_EXCL", target)
	}
}

func TestCreateExclusiveMissingFolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "id.txt")
	err := CreateExclusive(path, []byte("x"), 0o644)
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("CreateExclusive(%q, ...) in a folder that does not exist = %v, want an error wrapping fs.ErrNotExist", path, err)
	}
}
