package suite

import "testing"

// TestLimiter is yours to write (lesson 14.5): the check runs it against the code as handed out,
// where it must pass, and against copies with one bug each, where it must fail.
func TestLimiter(t *testing.T) {
	// TODO(14.05): inside synctest.Test, spend the burst, sleep, count what Allow lets through.
}
