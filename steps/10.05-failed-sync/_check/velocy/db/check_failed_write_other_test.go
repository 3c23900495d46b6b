//go:build !linux

package db

import "testing"

// failedSyncFileLimit needs RLIMIT_FSIZE's behaviour on Linux to make a
// write fail halfway, as on a full disk.
func failedSyncFileLimit(t *testing.T, limit int64, f func() error) error {
	t.Skip("a full disk is simulated with RLIMIT_FSIZE, on Linux only")
	return nil
}
