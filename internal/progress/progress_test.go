package progress

import (
	"errors"
	"fmt"
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
	p.Attempt("01.01-echo")
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

var t0 = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// TestSaveMergesWithOtherWriters is the TUI and a learn check in another shell: each loaded the
// file, each records its own steps, and neither save loses the other's.
func TestSaveMergesWithOtherWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.json")
	seed := New()
	seed.Record("a", true, "passed", t0)
	seed.Attempt("a")
	seed.Current = "b"
	if err := seed.Save(path); err != nil {
		t.Fatal(err)
	}
	tui, _ := Load(path)
	cli, _ := Load(path)
	for i, id := range []string{"b", "c", "d"} {
		cli.Record(id, true, "passed", t0.Add(time.Duration(i+1)*time.Minute))
		cli.Attempt(id)
		if err := cli.Save(path); err != nil {
			t.Fatal(err)
		}
	}
	tui.Record("a", true, "passed", t0.Add(time.Hour)) // re-checked along with e
	tui.Record("e", false, "failed: TestE", t0.Add(time.Hour))
	tui.Attempt("e")
	tui.Current = "e"
	if err := tui.Save(path); err != nil {
		t.Fatal(err)
	}
	got, _ := Load(path)
	for _, id := range []string{"a", "b", "c", "d"} {
		if !got.Passed(id) {
			t.Errorf("after both saved, %s = %s, want passed (a pass recorded elsewhere is never lost)", id, got.Status(id))
		}
	}
	if got.Status("e") != Failed || got.Current != "e" {
		t.Errorf("e = %s, current = %q; want the TUI's own verdict and selection kept", got.Status("e"), got.Current)
	}
	if n := got.Step("a").Attempts; n != 1 {
		t.Errorf("attempts of a = %d, want 1: a check run along with another is not an attempt", n)
	}
	// The TUI's memory now holds everything, too.
	if !tui.Passed("d") {
		t.Error("after saving, the TUI's progress does not hold the CLI's pass of d")
	}
}

func TestNewerVerdictElsewhereWins(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.json")
	New().Save(path)
	old, _ := Load(path)
	other, _ := Load(path)
	old.Record("a", false, "failed", t0)
	other.Record("a", true, "passed", t0.Add(time.Minute))
	other.Save(path)
	old.Save(path)
	if got, _ := Load(path); !got.Passed("a") {
		t.Errorf("a = %s, want the newer pass kept over an older failure saved later", got.Status("a"))
	}
}

func TestResetWins(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.json")
	p := New()
	p.Record("a", true, "passed", t0)
	p.Save(path)
	p.Reset("a")
	p.Save(path)
	if got, _ := Load(path); got.Status("a") != Todo {
		t.Errorf("after reset a = %s, want todo", got.Status("a"))
	}
}

func TestRefreshPicksUpOtherWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.json")
	New().Save(path)
	tui, _ := Load(path)
	if changed, err := tui.Refresh(path); changed || err != nil {
		t.Fatalf("Refresh with nothing new = %v, %v; want false, nil", changed, err)
	}
	tui.Step("x").Hints = 2 // not saved yet
	cli, _ := Load(path)
	cli.Record("a", true, "passed", t0)
	cli.Save(path)
	changed, err := tui.Refresh(path)
	if !changed || err != nil || !tui.Passed("a") {
		t.Fatalf("Refresh after another save = %v, %v, a = %s; want the pass picked up", changed, err, tui.Status("a"))
	}
	if tui.Step("x").Hints != 2 {
		t.Error("Refresh dropped a change not saved yet")
	}
	tui.Save(path)
	if got, _ := Load(path); got.Step("x").Hints != 2 || !got.Passed("a") {
		t.Errorf("saved after refresh: %+v", got.Steps)
	}
	// The learner deletes the file: progress starts afresh in every process.
	os.Remove(path)
	if changed, _ := tui.Refresh(path); !changed || tui.Passed("a") {
		t.Errorf("Refresh after the file was deleted = %v, a = %s; want progress gone", changed, tui.Status("a"))
	}
}

func TestConcurrentSavesLoseNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.json")
	New().Save(path)
	const writers, each = 4, 10
	errs := make(chan error, writers)
	for w := range writers {
		go func() {
			p, err := Load(path)
			if err != nil {
				errs <- err
				return
			}
			for i := range each {
				p.Record(fmt.Sprintf("w%d-%d", w, i), true, "passed", t0)
				p.Attempt("shared")
				if err := p.Save(path); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range writers {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	got, _ := Load(path)
	if n := len(got.Steps); n != writers*each+1 {
		t.Errorf("%d steps recorded, want %d", n, writers*each+1)
	}
	if n := got.Step("shared").Attempts; n != writers*each {
		t.Errorf("shared attempts = %d, want %d", n, writers*each)
	}
}

func TestSaveOverCorruptFileKeepsEverything(t *testing.T) {
	path := filepath.Join(t.TempDir(), "progress.json")
	p := New()
	p.Record("a", true, "passed", t0)
	p.Save(path)
	os.WriteFile(path, []byte("{garbage"), 0o644)
	p.Record("b", true, "passed", t0)
	if err := p.Save(path); err != nil {
		t.Fatal(err)
	}
	if got, _ := Load(path); !got.Passed("a") || !got.Passed("b") {
		t.Errorf("after saving over a corrupt file: %+v, want a and b passed", got.Steps)
	}
}
