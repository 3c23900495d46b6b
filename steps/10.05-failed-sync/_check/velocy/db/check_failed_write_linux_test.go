//go:build linux

package db

import (
	"os/signal"
	"syscall"
	"testing"
)

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
