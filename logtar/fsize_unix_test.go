//go:build unix

package logtar

import (
	"syscall"
	"testing"
)

// withFileSizeLimit runs f with the size of files this process writes
// limited to limit bytes (RLIMIT_FSIZE): a write that would pass it writes
// what fits and fails with EFBIG, the way a full disk writes what fits and
// fails with ENOSPC. The limit is the whole process's, so f must not write
// anything else to a file meanwhile (t.Log is fine: it is buffered).
func withFileSizeLimit(t *testing.T, limit uint64, f func()) {
	t.Helper()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Skipf("getrlimit: %v", err)
	}
	if old.Cur < limit {
		t.Skipf("RLIMIT_FSIZE is already %d", old.Cur)
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
