package steps_test

import (
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
)

func TestOptionalChapterZero(t *testing.T) {
	b := fixture.OptionalBook()
	if b.Steps[0].ID != "00.01-warm" || !b.Steps[0].Optional || b.Steps[0].Chapter != "ch00" || b.Steps[0].Section != "00.01" {
		t.Fatalf("first step = %+v, want 00.01-warm, optional, chapter ch00, section 00.01", b.Steps[0])
	}
	for _, s := range b.Steps[1:] {
		if s.Optional {
			t.Errorf("%s is marked optional", s.ID)
		}
	}
	if s, err := b.Find("00.01"); err != nil || s.ID != "00.01-warm" {
		t.Errorf(`Find("00.01") = %v, %v; want 00.01-warm`, s, err)
	}
	if s, err := b.Find("00.1-warm"); err != nil || s.ID != "00.01-warm" {
		t.Errorf(`Find("00.1-warm") (the one-digit numbering) = %v, %v; want 00.01-warm`, s, err)
	}
}

func TestFirstUnfinished(t *testing.T) {
	b := fixture.OptionalBook()
	tests := []struct {
		passed []string
		want   string
	}{
		{nil, "01.01-add"}, // a new learner starts at chapter 1
		{[]string{"00.01-warm"}, "01.01-add"},
		{[]string{"01.01-add"}, "01.02-sub"},
		{[]string{"01.01-add", "01.02-sub", "02.01-greet"}, "00.01-warm"}, // then the optional chapter
		{[]string{"00.01-warm", "01.01-add", "01.02-sub", "02.01-greet"}, "02.01-greet"},
	}
	for _, tt := range tests {
		passed := map[string]bool{}
		for _, id := range tt.passed {
			passed[id] = true
		}
		got := b.FirstUnfinished(func(id string) bool { return passed[id] })
		if got == nil || got.ID != tt.want {
			t.Errorf("FirstUnfinished with %v passed = %v, want %s", tt.passed, got, tt.want)
		}
	}
	empty := fixture.Book()
	empty.Steps = nil
	if got := empty.FirstUnfinished(func(string) bool { return false }); got != nil {
		t.Errorf("FirstUnfinished of no steps = %v, want nil", got)
	}
}
