package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
)

// TestListMarksOptionalChapter: chapter 0 comes first, marked optional, and the current step
// of a new learner is chapter 1's first.
func TestListMarksOptionalChapter(t *testing.T) {
	_, lessons := fixture.WithOptional()
	var out, errb bytes.Buffer
	a := &app{book: fixture.OptionalBook(), lessons: lessons, stdout: &out, stderr: &errb}
	if code := a.run([]string{"--dir", filepath.Join(t.TempDir(), "ws"), "list"}); code != exitOK {
		t.Fatalf("learn list: exit %d, %s", code, errb.String())
	}
	s := out.String()
	ch0 := strings.Index(s, "0. Warming up (optional)")
	ch1 := strings.Index(s, "1. Calculating")
	if ch0 < 0 || ch1 < ch0 {
		t.Fatalf("learn list does not show chapter 0 first, marked optional:\n%s", s)
	}
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "← current") && !strings.Contains(l, "01.01-add") {
			t.Errorf("current marker on %q, want 01.01-add", l)
		}
	}
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, "0. Warming up") && !strings.HasSuffix(l, "0/1 steps done") {
			t.Errorf("chapter 0's heading %q, want its count of steps at the end (0/1 steps done)", l)
		}
	}
	if !strings.Contains(s, "00.01-warm") {
		t.Errorf("learn list does not list 00.01-warm:\n%s", s)
	}
}
