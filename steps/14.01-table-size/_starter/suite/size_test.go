package suite

import "testing"

// TestParseSize is yours to write (lesson 14.1): the check runs it against the code as handed out,
// where it must pass, and against copies with one bug each, where it must fail.
func TestParseSize(t *testing.T) {
	// TODO(14.01): a table of cases, one subtest per case.
}
