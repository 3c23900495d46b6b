//go:build unix

package logtar

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// The file test needs RLIMIT_FSIZE to make a real file write stop
// part-way, as a full disk does, so it runs on Unix systems only.

// shortWritesFileLimit runs f with the size of any file this process
// writes capped at limit bytes (RLIMIT_FSIZE): a write that would pass it
// writes what fits and fails, as on a full disk.
func shortWritesFileLimit(t *testing.T, limit uint64, f func()) {
	t.Helper()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil || old.Cur < limit {
		t.Skipf("cannot lower RLIMIT_FSIZE (%v, now %d)", err, old.Cur)
	}
	lower := old
	lower.Cur = limit
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lower); err != nil {
		t.Skipf("setrlimit: %v", err)
	}
	defer syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old)
	f()
}

func TestShortWritesFileCutsBack(t *testing.T) {
	dir := t.TempDir()
	l, err := New(NewConfig().WithDir(dir).WithRollingSize(0).WithRollingInterval(0))
	if err != nil {
		t.Fatal(err)
	}
	before, full, after := 1+rand.IntN(5), 2+rand.IntN(4), 1+rand.IntN(5)
	for i := range before {
		l.Info(fmt.Sprintf("before %d", i))
	}
	if err := l.Sync(); err != nil {
		t.Fatal(err)
	}
	names := logFilesStepList(t, dir)
	info, err := os.Stat(filepath.Join(dir, names[0]))
	if err != nil {
		t.Fatal(err)
	}
	room := 10 + rand.IntN(40)
	shortWritesFileLimit(t, uint64(info.Size())+uint64(room), func() {
		for i := range full {
			l.Info(fmt.Sprintf("while full %d", i))
		}
	})
	for i := range after {
		l.Info(fmt.Sprintf("after %d", i))
	}
	err = l.Close()
	data, _ := os.ReadFile(filepath.Join(dir, names[0]))
	msgs, broken := shortWritesLines(string(data))
	if len(broken) > 0 {
		t.Errorf("with room for %d more bytes, %d records while the disk was full, then %d after: the file holds the broken lines %q: when a write stops part-way, truncate the file back to f.size (where the record began)",
			room, full, after, broken)
	}
	if len(msgs) != before+after {
		t.Errorf("the file holds %q, want the %d records before and the %d after the disk was full", msgs, before, after)
	}
	if want := syncCloseRecords(full) + " met write errors"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("Close() = %v, want the records written while the disk was full reported (%q)", err, want)
	}
}
