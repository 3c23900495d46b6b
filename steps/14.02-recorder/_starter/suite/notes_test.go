package suite

import "testing"

// TestNotesHandler is yours to write (lesson 14.2): the check runs it against the code as handed out,
// where it must pass, and against copies with one bug each, where it must fail.
func TestNotesHandler(t *testing.T) {
	// TODO(14.02): requests through httptest.NewRecorder, checking status, headers and body.
}
