package progress

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestSaveLoadRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".learn", "progress.json")
	p := New()
	p.Current = "03.02-read-lines"
	p.Record("01.01-echo", true, "passed (2 tests, 1s)", time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC))
	p.Record("03.02-read-lines", false, "failed: TestReadLines", time.Date(2026, 11, 25, 10, 1, 0, 0, time.UTC))
	p.Step("03.02-read-lines").Hints = 2
	if err := p.Save(path); err != nil {
		t.Fatalf("Save: %v", err)
	}
	q, err := Load(path)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if q.Current != p.Current || !q.Passed("01.01-echo") || q.Passed("03.02-read-lines") || q.Step("03.02-read-lines").Hints != 2 {
		t.Errorf("Load after Save = %+v, want what was saved", q)
	}
	if q.Step("01.01-echo").Attempts != 1 {
		t.Errorf("Attempts = %d, want 1", q.Step("01.01-echo").Attempts)
	}
}

func TestLoadMissingIsEmpty(t *testing.T) {
	p, err := Load(filepath.Join(t.TempDir(), "nope", "progress.json"))
	if err != nil || len(p.Steps) != 0 {
		t.Errorf("Load(missing) = %+v, %v; want empty progress and no error", p, err)
	}
}

func TestLoadCorruptIsBackedUp(t *testing.T) {
	for _, content := range []string{"{not json", `{"steps": 3}`, `{"version": 0}`, ""} {
		dir := t.TempDir()
		path := filepath.Join(dir, "progress.json")
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		p, err := Load(path)
		var ce *CorruptError
		if !errors.As(err, &ce) {
			t.Fatalf("Load(%q) error = %v, want a *CorruptError", content, err)
		}
		if p == nil || len(p.Steps) != 0 {
			t.Errorf("Load(%q) progress = %+v, want empty progress to go on with", content, p)
		}
		kept, rerr := os.ReadFile(ce.Backup)
		if rerr != nil || string(kept) != content {
			t.Errorf("backup %s = %q, %v; want the original content kept", ce.Backup, kept, rerr)
		}
		if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("corrupt file still at %s; want it moved aside", path)
		}
		if !strings.Contains(err.Error(), "starts afresh") {
			t.Errorf("error %q does not tell the learner what happens next", err)
		}
	}
}

func TestLoadNewerVersionRefuses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.json")
	os.WriteFile(path, []byte(`{"version": 99, "steps": {}}`), 0o644)
	if _, err := Load(path); err == nil || !strings.Contains(err.Error(), "update learn") {
		t.Errorf("Load(version 99) error = %v, want advice to update", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("a newer file must be left alone, not moved: %v", err)
	}
}

func TestSaveIsAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "progress.json")
	p := New()
	p.Current = "first"
	if err := p.Save(path); err != nil {
		t.Fatal(err)
	}
	p.Current = "second"
	if err := p.Save(path); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("folder holds %v, want only progress.json (no temporary files left behind)", names)
	}
	q, _ := Load(path)
	if q.Current != "second" {
		t.Errorf("Current = %q, want the last save", q.Current)
	}
}

func TestSaveReadOnlyWorkspace(t *testing.T) {
	if runtime.GOOS == "windows" || os.Getuid() == 0 {
		t.Skip("permissions are not enforced for root or on Windows")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	err := New().Save(filepath.Join(dir, ".learn", "progress.json"))
	if err == nil || !errors.Is(err, fs.ErrPermission) {
		t.Errorf("Save(read-only) error = %v, want a permission error", err)
	}
}

func TestSaveUnwritablePath(t *testing.T) {
	// Runs everywhere, even as root: the folder that should hold the file is a regular file.
	dir := t.TempDir()
	blocker := filepath.Join(dir, ".learn")
	if err := os.WriteFile(blocker, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := New().Save(filepath.Join(blocker, "progress.json"))
	if err == nil || !strings.Contains(err.Error(), "progress: save") || !strings.Contains(err.Error(), ".learn") {
		t.Errorf("Save(under a file) error = %v, want an error naming the path", err)
	}
	if data, _ := os.ReadFile(blocker); string(data) != "not a folder" {
		t.Errorf("the file in the way was changed to %q", data)
	}
}
