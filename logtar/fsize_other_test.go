//go:build !unix

package logtar

import "testing"

// withFileSizeLimit needs RLIMIT_FSIZE, which only Unix systems have.
func withFileSizeLimit(t *testing.T, limit uint64, f func()) {
	t.Skip("no RLIMIT_FSIZE on this system")
}
