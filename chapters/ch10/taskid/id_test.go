package taskid

import (
	"testing"
	"time"
)

// TestIDsGrow makes ids while the clock stands still, steps back and
// jumps forward: each id must sort after the one before and be valid.
func TestIDsGrow(t *testing.T) {
	clock := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	s := New(func() time.Time { return clock })
	last := ""
	for i := range 1000 {
		switch i % 10 {
		case 3:
			clock = clock.Add(-time.Second) // an NTP correction
		case 7:
			clock = clock.Add(2 * time.Millisecond)
		}
		id := s.Next()
		if !Valid(id) {
			t.Fatalf("id %q is not valid", id)
		}
		if id <= last {
			t.Fatalf("id %d: %s does not sort after %s", i, id, last)
		}
		last = id
	}
}

func TestValid(t *testing.T) {
	for id, want := range map[string]bool{
		"01a23790ad052eec92ed26":  true,
		"01A23790AD052EEC92ED26":  false, // upper case: not ours
		"01a23790ad052eec92ed2":   false,
		"01a23790ad052eec92ed26a": false,
		"01a23790ad052eec92ed2g":  false,
		"":                        false,
	} {
		if Valid(id) != want {
			t.Errorf("Valid(%q) = %v", id, !want)
		}
	}
}
