//go:build linux

package logtar

import (
	"math/rand/v2"
	"os"
	"syscall"
	"testing"
	"time"
)

// batchFilesSizeLimit runs f with the process's file size limit
// (RLIMIT_FSIZE) set to limit: a write past it writes what fits and fails,
// as on a full disk.
func batchFilesSizeLimit(t *testing.T, limit uint64, f func()) {
	t.Helper()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil || old.Cur < limit {
		t.Skipf("cannot lower RLIMIT_FSIZE to %d here (%v)", limit, err)
	}
	lower := old
	lower.Cur = limit
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lower); err != nil {
		t.Skipf("setrlimit: %v", err)
	}
	defer func() {
		if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
			t.Fatalf("restoring RLIMIT_FSIZE: %v", err)
		}
	}()
	f()
}

func TestBatchFilesCutBackOnAFullDisk(t *testing.T) {
	_, f, bo := batchFilesOf(t, NewConfig().WithRollingSize(0).WithRollingInterval(0))
	now := time.Now()
	first := batchFilesRecords(1+rand.IntN(5), 60, now)
	want := string(first.buf)
	if lost, err := bo.writeBatch(first); lost != 0 || err != nil {
		t.Fatalf("writeBatch = %d, %v; want 0, nil", lost, err)
	}
	// The next batch finds room for its first records and part of
	// record j only.
	m := 3 + rand.IntN(10)
	second := batchFilesRecords(m, 40+rand.IntN(80), now)
	j := rand.IntN(m - 1)
	room := second.start(j) + 1 + rand.IntN(second.size(j)-1)
	var lost int
	var err error
	batchFilesSizeLimit(t, uint64(f.size)+uint64(room), func() {
		lost, err = bo.writeBatch(second)
	})
	if lost != m-j || err == nil {
		t.Errorf("a batch of %d records with room for %d whole ones and part of the next = %d lost, %v; want %d and the write's error", m, j, lost, err, m-j)
	}
	want += string(second.buf[:second.start(j)])
	third := batchFilesRecords(2, 50, now)
	if lost, err := bo.writeBatch(third); lost != 0 || err != nil {
		t.Errorf("writeBatch once the disk has room again = %d, %v; want 0, nil", lost, err)
	}
	want += string(third.buf)
	data, rerr := os.ReadFile(f.file.Name())
	if rerr != nil {
		t.Fatal(rerr)
	}
	if string(data) != want {
		t.Errorf("the file holds\n%q\nwant\n%q\n(the whole records before the cut, then the next batch: the half record cut back, by truncating the file to f.size)", data, want)
	}
	if f.size != int64(len(want)) {
		t.Errorf("f.size = %d, want %d, the file's size", f.size, len(want))
	}
}
