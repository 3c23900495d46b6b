package main

import (
	"testing"
	"time"
)

// TestIDsGrow makes ids while the clock stands still, steps back and
// jumps forward: each id must sort after the one before and be valid.
func TestIDsGrow(t *testing.T) {
	clock := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	s := &idSource{now: func() time.Time { return clock }}
	last := ""
	for i := range 1000 {
		switch i % 10 {
		case 3:
			clock = clock.Add(-time.Second) // an NTP correction
		case 7:
			clock = clock.Add(2 * time.Millisecond)
		}
		id := s.next()
		if !validID(id) {
			t.Fatalf("id %q is not valid", id)
		}
		if id <= last {
			t.Fatalf("id %d: %s does not sort after %s", i, id, last)
		}
		last = id
	}
}

func TestValidID(t *testing.T) {
	for id, want := range map[string]bool{
		"01a23790ad052eec92ed26":  true,
		"01A23790AD052EEC92ED26":  false, // upper case: not ours
		"01a23790ad052eec92ed2":   false,
		"01a23790ad052eec92ed26a": false,
		"01a23790ad052eec92ed2g":  false,
		"":                        false,
	} {
		if validID(id) != want {
			t.Errorf("validID(%q) = %v", id, !want)
		}
	}
}

func TestMatchList(t *testing.T) {
	tests := []struct {
		header string
		weak   bool
		want   bool
	}{
		{`"3"`, false, true},
		{`"2", "3"`, false, true},
		{`"2","3"`, false, true},
		{`W/"3"`, false, false},
		{`W/"3"`, true, true},
		{`*`, false, true},
		{`"33"`, false, false},
		{`3`, false, false},
	}
	for _, tt := range tests {
		if got := matchList([]string{tt.header}, `"3"`, tt.weak); got != tt.want {
			t.Errorf("matchList(%s, weak %v) = %v", tt.header, tt.weak, got)
		}
	}
}
