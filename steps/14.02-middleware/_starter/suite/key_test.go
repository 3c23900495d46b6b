package suite

import "testing"

// TestRequireKey is yours to write (lesson 14.2): the check runs it against the code as handed out,
// where it must pass, and against copies with one bug each, where it must fail.
func TestRequireKey(t *testing.T) {
	// TODO(14.02): an httptest.NewServer with RequireKey in front of a handler, and a real client.
}
