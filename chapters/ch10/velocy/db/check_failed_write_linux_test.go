//go:build linux

package db

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"testing"
)

func TestFailedWriteIsCutOff(t *testing.T) {
	dir := t.TempDir()
	d, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open = %v", err)
	}
	defer d.Close()
	for i := range 2 + rand.IntN(4) {
		if err := d.Put(fmt.Sprint("kept", i), []byte(`{"ok":true}`)); err != nil {
			t.Fatalf("Put = %v", err)
		}
	}
	path := d.segments()[len(d.segments())-1].path
	size := func() int64 {
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		return info.Size()
	}
	before := size()
	big := fmt.Appendf(nil, `{"pad":%q}`, strings.Repeat("x", 2000+rand.IntN(2000)))
	limit := before + 100 + rand.Int64N(1000) // room for part of the record
	err = failedSyncFileLimit(t, limit, func() error { return d.Put("big", big) })
	if err == nil {
		t.Fatalf("Put of a %d-byte document with %d bytes left on the disk = no error, want the write's error", len(big), limit-before)
	}
	if got := size(); got != before {
		t.Fatalf("after a Put whose write failed halfway (a full disk), the segment has %d bytes, want %d: cut the partial record off again (Truncate to where the batch began, then sync), so that a write its writer was told failed cannot come back", got, before)
	}
	if _, err := d.Get("big"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get(\"big\") after its write failed = %v, want ErrNotFound", err)
	}
	if err := d.Put("after", []byte(`1`)); err != nil {
		t.Fatalf("Put after a failed write (not a failed sync) = %v, want it accepted: the failed write was taken back, and nothing was promised", err)
	}
	if err := d.Close(); err != nil {
		t.Fatalf("Close = %v", err)
	}
	d, err = Open(dir, Options{})
	if err != nil {
		t.Fatalf("reopen after a failed write = %v", err)
	}
	defer d.Close()
	if rec := d.Recovery(); rec.Truncated != 0 {
		t.Fatalf("reopen after a failed write: Recovery() = %+v, want nothing to cut", rec)
	}
	if got, err := d.Get("after"); err != nil || string(got) != "1" {
		t.Fatalf("after reopening, Get(\"after\") = %s, %v, want 1", got, err)
	}
}

// failedSyncFileLimit runs f with the process's file size limit
// (RLIMIT_FSIZE) at limit bytes: a write past it writes what fits and
// fails with EFBIG, as a write to a full disk writes what fits and fails
// with ENOSPC. SIGXFSZ, which the kernel sends as well, is ignored.
func failedSyncFileLimit(t *testing.T, limit int64, f func() error) error {
	t.Helper()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Skipf("getrlimit: %v", err)
	}
	if old.Cur < uint64(limit) {
		t.Skipf("the file size limit is already %d bytes", old.Cur)
	}
	signal.Ignore(syscall.SIGXFSZ)
	defer signal.Reset(syscall.SIGXFSZ)
	lim := syscall.Rlimit{Cur: uint64(limit), Max: old.Max}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Skipf("setrlimit: %v", err)
	}
	defer syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old)
	return f()
}
