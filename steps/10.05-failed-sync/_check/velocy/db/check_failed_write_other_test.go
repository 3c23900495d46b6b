//go:build !linux

package db

import "testing"

// TestFailedWriteIsCutOff needs RLIMIT_FSIZE's behaviour on Linux to make
// a write fail halfway, as on a full disk.
func TestFailedWriteIsCutOff(t *testing.T) {
	t.Skip("a full disk is simulated with RLIMIT_FSIZE, on Linux only")
}
