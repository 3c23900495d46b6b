package files

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestCreateExclusiveNewFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "id.txt")
	if err := CreateExclusive(path, []byte("node-7\n"), 0o600); err != nil {
		t.Fatalf("CreateExclusive(%q, \"node-7\\n\", 0o600) on a new path = %v, want nil", path, err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("CreateExclusive returned nil, but reading the file back failed: %v", err)
	}
	if string(data) != "node-7\n" {
		t.Errorf("CreateExclusive(path, \"node-7\\n\", 0o600) wrote %q, want \"node-7\\n\"", data)
	}
	if runtime.GOOS == "windows" {
		return
	}
	info, _ := os.Stat(path)
	if perm := info.Mode().Perm(); perm != 0o600 {
		t.Errorf("CreateExclusive(path, data, 0o600) created a file with permissions %v (%#o), want -rw------- (0o600): "+
			"pass perm to os.OpenFile", perm, perm)
	}
}

func TestCreateExclusiveExistingFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "id.txt")
	if err := os.WriteFile(path, []byte("original\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := CreateExclusive(path, []byte("intruder\n"), 0o644)
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
