package tui

import (
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// TestNewLearnerSkipsOptionalChapter: with an optional chapter 0 in front, a new learner still
// starts at the top of chapter 1 with its first step selected, and chapter 0 is listed first,
// marked optional, and reachable.
func TestNewLearnerSkipsOptionalChapter(t *testing.T) {
	t.Chdir(t.TempDir())
	stepsFS, lessons := fixture.WithOptional()
	book, err := steps.Load(stepsFS)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := workbook.Open("workspace", book)
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvOn(t, wb, func(o *Options, _ *deps, _ *workbook.Workbook) { o.Lessons = lessons })
	if got := e.m.step.ID; got != "01.01-add" {
		t.Fatalf("a new learner's step = %s, want 01.01-add", got)
	}
	e.wantView("1.1 A calculator", "Numbers in, numbers out", "0. Warming up (optional)")
	if r := e.m.tree.rows[0]; r.kind != rowChapter || r.path != "ch00/README.md" {
		t.Errorf("first row = %+v, want chapter 0's README", r)
	}
	if got := e.m.currentStep().ID; got != "01.01-add" {
		t.Errorf("currentStep = %s, want 01.01-add", got)
	}
	e.key("p") // previous step: chapter 0's is reachable
	if got := e.m.step.ID; got != "00.01-warm" {
		t.Errorf("after p the step = %s, want 00.01-warm", got)
	}
	e.wantView("Warming up")
}
