package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
)

func TestOpensAtFirstUnfinishedStep(t *testing.T) {
	e := newEnv(t)
	if got := e.m.step.ID; got != "01.01-add" {
		t.Fatalf("step = %s, want 01.01-add", got)
	}
	if !e.m.firstScreenRendered() {
		t.Errorf("first screen not rendered after the commands settled")
	}
	// Scrolled to the step's section.
	e.wantView("## Adding", "Step 01.01-add: add two numbers")
	e.dontWantView("Numbers in, numbers out")
}

// TestNewLearnerStartsAtTheTop: on a fresh workspace the first screen is the top of the book's
// first lesson, with the first step selected, and nothing is written into the workspace until
// the learner starts a step.
func TestNewLearnerStartsAtTheTop(t *testing.T) {
	t.Chdir(t.TempDir())
	wb, err := workbook.Open("workspace", fixtureBook(t))
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvOn(t, wb)
	if got := e.m.step.ID; got != "01.01-add" {
		t.Fatalf("step = %s, want 01.01-add", got)
	}
	e.wantView("1.1 A calculator", "Numbers in, numbers out")
	if _, err := os.Stat(e.wb.Path("calc")); err == nil {
		t.Error("opening the book wrote into the workspace")
	}
	e.key("n")
	e.key("p")
	if _, err := os.Stat(e.wb.Path("calc")); err == nil {
		t.Error("browsing with n and p wrote into the workspace")
	}
	e.key("o")
	e.wantView("added workspace/calc/add.go")
	if _, err := os.Stat(e.wb.Path("calc/add.go")); err != nil {
		t.Errorf("o did not start the step: %v", err)
	}
}

func TestResumes(t *testing.T) {
	tests := []struct {
		name    string
		passed  []string
		current string
		stepID  string
		want    string
	}{
		{"first unfinished", []string{"01.01-add"}, "", "", "01.02-sub"},
		{"last open, not done", nil, "02.01-greet", "", "02.01-greet"},
		{"last open but done", []string{"01.01-add"}, "01.01-add", "", "01.02-sub"},
		{"asked for", nil, "", "02.01", "02.01-greet"},
		{"all done", []string{"01.01-add", "01.02-sub", "02.01-greet"}, "", "", "02.01-greet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wb, err := workbook.Open(filepath.Join(t.TempDir(), "workspace"), fixtureBook(t))
			if err != nil {
				t.Fatal(err)
			}
			for _, id := range tt.passed {
				wb.Progress.Record(id, true, "passed", time.Now())
			}
			wb.Progress.Current = tt.current
			var opts []envOption
			if tt.stepID != "" {
				opts = append(opts, withStep(tt.stepID))
			}
			e := newEnvOn(t, wb, opts...)
			if got := e.m.step.ID; got != tt.want {
				t.Errorf("opened at %s, want %s", got, tt.want)
			}
		})
	}
}

func TestUnknownStepID(t *testing.T) {
	wb, err := workbook.Open(filepath.Join(t.TempDir(), "workspace"), fixtureBook(t))
	if err != nil {
		t.Fatal(err)
	}
	_, err = newModel(wb, Options{Lessons: fixture.Lessons(), StepID: "09.9"}, deps{getenv: os.Getenv})
	if err == nil || !strings.Contains(err.Error(), "09.9") {
		t.Errorf("newModel with an unknown step = %v, want an error naming it", err)
	}
}

func TestRawTextBeforeRendering(t *testing.T) {
	wb, err := workbook.Open(filepath.Join(t.TempDir(), "workspace"), fixtureBook(t))
	if err != nil {
		t.Fatal(err)
	}
	m, err := newModel(wb, Options{Lessons: fixture.Lessons()}, deps{getenv: func(string) string { return "" }, style: "notty"})
	if err != nil {
		t.Fatal(err)
	}
	m.applySize(100, 30)
	if m.firstScreenRendered() {
		t.Fatal("rendered before any command ran")
	}
	v := m.View()
	if !strings.Contains(v, "Adding two numbers is") {
		t.Errorf("before rendering the pane does not show the raw text:\n%s", v)
	}
}

func TestTreeNavigation(t *testing.T) {
	e := newEnv(t)
	e.key("left")
	if e.m.focus != focusTree {
		t.Fatalf("focus = %v after ←, want the tree", e.m.focus)
	}
	e.key("down") // Subtract
	if e.m.step.ID != "01.02-sub" {
		t.Errorf("step = %s after ↓, want 01.02-sub", e.m.step.ID)
	}
	e.wantView("## Subtracting", "Step 01.02-sub")
	if got := e.wb.Progress.Current; got != "01.02-sub" {
		t.Errorf("progress.Current = %q, want 01.02-sub (saved on navigation)", got)
	}
	e.key("down") // 1.2 Reading: a lesson with no step
	e.wantView("1.2 Reading", "A lesson with no step")
	if e.m.step.ID != "01.02-sub" {
		t.Errorf("step = %s on a lesson without steps, want it to stay 01.02-sub", e.m.step.ID)
	}
	e.key("down") // 2. More: a chapter README
	e.wantView("2. Greeting", "Words this time.")
	e.key("g")
	e.wantView("1. Calculating", "This chapter builds a calculator")
	e.key("G")
	if e.m.step.ID != "02.01-greet" {
		t.Errorf("step = %s after G, want the last step 02.01-greet", e.m.step.ID)
	}
	e.key("enter")
	if e.m.focus != focusLesson {
		t.Errorf("focus = %v after enter, want the lesson", e.m.focus)
	}
}

func TestNextPreviousStep(t *testing.T) {
	e := newEnv(t)
	e.key("n")
	if e.m.step.ID != "01.02-sub" {
		t.Fatalf("step = %s after n, want 01.02-sub", e.m.step.ID)
	}
	if _, err := os.Stat(e.wb.Path("calc/sub.go")); err == nil {
		t.Error("n wrote the next step's starter: browsing must write nothing")
	}
	e.key("n")
	e.key("n")
	e.wantView("this is the last step")
	if e.m.step.ID != "02.01-greet" {
		t.Errorf("step = %s, want 02.01-greet", e.m.step.ID)
	}
	if got := e.m.tree.rows[e.m.tree.cursor]; got.step == nil || got.step.ID != "02.01-greet" {
		t.Errorf("tree cursor not on the step")
	}
	e.key("p")
	e.key("p")
	e.key("p")
	e.wantView("this is the first step")
	if e.wb.Progress.Current != "01.01-add" {
		t.Errorf("progress.Current = %q, want 01.01-add", e.wb.Progress.Current)
	}
}

func TestScrollingAndHeadings(t *testing.T) {
	e := newEnv(t, withStep("01.01-add"))
	e.key("g")
	if top := e.m.les.viewTop(e.m.bodyHeight()); top != 0 {
		t.Errorf("top = %d after g, want 0", top)
	}
	e.key("j")
	e.key("j")
	if top := e.m.les.viewTop(e.m.bodyHeight()); top != 2 {
		t.Errorf("top = %d after j j, want 2", top)
	}
	e.key("k")
	if top := e.m.les.viewTop(e.m.bodyHeight()); top != 1 {
		t.Errorf("top = %d after k, want 1", top)
	}
	var seen []string
	for range 4 {
		e.key("]")
		seen = append(seen, e.m.les.headingAt(e.m.les.topLine()))
	}
	// Subtracting is as far down as the view goes; Pitfalls is on screen below it.
	want := "Adding,A diagram,Subtracting,Subtracting"
	if got := strings.Join(seen, ","); got != want {
		t.Errorf("] visits %s, want %s", got, want)
	}
	e.wantView("no more headings below")
	e.key("[")
	if got := e.m.les.headingAt(e.m.les.viewTop(e.m.bodyHeight())); got != "Subtracting" && got != "A diagram" {
		t.Errorf("[ went to %q", got)
	}
	e.key("G")
	h := e.m.bodyHeight()
	if top := e.m.les.viewTop(h); top != e.m.les.maxTop(h) {
		t.Errorf("top = %d after G, want the bottom %d", top, e.m.les.maxTop(h))
	}
	e.wantView("100%")
}

func TestSearch(t *testing.T) {
	e := newEnv(t)
	e.key("g")
	e.key("/")
	e.typeText("needle")
	e.wantView("/needle")
	e.key("enter")
	e.wantView("match 1/2", "n/N match")
	e.key("n")
	e.wantView("match 2/2")
	if e.m.step.ID != "01.01-add" {
		t.Errorf("n during a search moved to step %s", e.m.step.ID)
	}
	e.key("n")
	e.wantView("match 1/2")
	e.key("N")
	e.wantView("match 2/2", "«needle»")
	e.key("esc")
	e.wantView("search ended")
	e.key("n")
	if e.m.step.ID != "01.02-sub" {
		t.Errorf("n after the search ended: step %s, want 01.02-sub", e.m.step.ID)
	}
}

func TestSearchSmartCaseAndCancel(t *testing.T) {
	e := newEnv(t)
	before := e.m.les.topLine()
	e.key("/")
	e.typeText("Overflow")
	if n := len(e.m.search.matches); n != 1 {
		t.Errorf("%d matches for Overflow, want 1", n)
	}
	e.key("backspace")
	e.key("backspace")
	e.typeText("XX")
	if n := len(e.m.search.matches); n != 0 {
		t.Errorf("%d matches for OverflXX, want 0", n)
	}
	e.key("esc")
	if e.m.search.query != "" || e.m.les.topLine() != before {
		t.Errorf("esc while typing: query %q, top %d; want no search, top back at %d", e.m.search.query, e.m.les.topLine(), before)
	}
	e.key("/")
	e.typeText("NUMBERS")
	if n := len(e.m.search.matches); n != 0 {
		t.Errorf("%d matches for NUMBERS, want 0 (an upper-case query is exact)", n)
	}
	e.key("esc")
	e.key("/")
	e.typeText("numbers")
	if n := len(e.m.search.matches); n < 2 {
		t.Errorf("%d matches for numbers, want at least 2 (lower case matches any case)", n)
	}
}
