package suite

import "testing"

// TestTTLCache is yours to write (lesson 14.5): the check runs it against the code as handed out,
// where it must pass, and against copies with one bug each, where it must fail.
func TestTTLCache(t *testing.T) {
	// TODO(14.05): inside synctest.Test, set, sleep to just before and exactly at the ttl, get.
}
