package logtar

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// fileModeUmask returns the permission bits the process's umask lets
// through: a file created with 0777 gets exactly those.
func fileModeUmask(t *testing.T) fs.FileMode {
	t.Helper()
	probe := filepath.Join(t.TempDir(), "probe")
	f, err := os.OpenFile(probe, os.O_CREATE|os.O_WRONLY, 0o777)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	info, err := os.Stat(probe)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

func TestFileModeOfEveryFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows files have no Unix permission bits")
	}
	allowed := fileModeUmask(t)
	modes := []fs.FileMode{0o600, 0o640, 0o660, 0o604, 0o620}
	for _, active := range []string{"", "app.log"} {
		mode := modes[rand.IntN(len(modes))]
		want := mode & allowed
		dir := t.TempDir()
		l, err := New(NewConfig().WithDir(dir).WithFileMode(mode).WithActiveFile(active).WithRollingSize(1))
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			l.Info("r") // every record after the first rolls
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		names := logFilesStepList(t, dir)
		if len(names) != 3 {
			t.Fatalf("3 records with a rolling size of 1 made %q, want 3 files", names)
		}
		for _, name := range names {
			info, err := os.Stat(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			if got := info.Mode().Perm(); got != want {
				t.Errorf("active file %q, WithFileMode(%#o), with a umask that lets %#o through: %s has mode %#o, want %#o: create every file with f.mode",
					active, uint32(mode), uint32(allowed), name, uint32(got), uint32(want))
			}
		}
	}
}
