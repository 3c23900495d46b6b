package suite

import "testing"

// TestHitsConcurrent is yours to write (lesson 14.6): the check runs it against the code as handed out,
// where it must pass, and against copies with one bug each, where it must fail.
func TestHitsConcurrent(t *testing.T) {
	// TODO(14.06): Add, Count and Snapshot from many goroutines at once; run it with -race.
}
