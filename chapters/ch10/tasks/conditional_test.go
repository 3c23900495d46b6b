package main

import "testing"

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
