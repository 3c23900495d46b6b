package tui

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
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
	// Scrolled to the step's section, and the starter is in the workspace.
	e.wantView("## Adding", "Step 01.01-add: add two numbers", "added ")
	e.dontWantView("Numbers in, numbers out")
	if _, err := os.Stat(e.wb.Path("calc/add.go")); err != nil {
		t.Errorf("starter not prepared: %v", err)
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
	if _, err := os.Stat(e.wb.Path("calc/sub.go")); err != nil {
		t.Errorf("n did not prepare the next step: %v", err)
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

func TestCheckPasses(t *testing.T) {
	e := newEnv(t)
	_, cmd := e.m.Update(keyMsg("c"))
	// Said at once, before the check has run.
	e.wantView("checking 01.01-add…")
	e.do(cmd)
	e.wantView(markPassed+" 01.01-add passed (1 test, 1.2s)", "n: next step", "1/3 done", "done")
	if e.m.status["01.01-add"] != statusPassed {
		t.Errorf("status = %q, want passed", e.m.status["01.01-add"])
	}
	if cur := e.m.currentStep(); cur.ID != "01.02-sub" {
		t.Errorf("current step = %s after passing 01.01-add, want 01.02-sub", cur.ID)
	}
}

func TestCheckFails(t *testing.T) {
	e := newEnv(t)
	e.check.verdicts["01.01-add"] = failedAdd()
	e.key("c")
	e.wantView(markFailed+" 01.01-add failed: TestAdd", "Add(2, 3) = 0, want 5")
	e.wantLesson("failing: failed: TestAdd")
	if e.m.status["01.01-add"] != statusFailed {
		t.Errorf("status = %q, want failed", e.m.status["01.01-add"])
	}
	e.key("esc")
	if e.m.panel != nil {
		t.Errorf("esc did not close the result panel")
	}
}

func TestCheckVerdicts(t *testing.T) {
	tests := []struct {
		name string
		res  *checker.Result
		want []string
	}{
		{"compile error", &checker.Result{Status: checker.BuildFailed, Build: []checker.BuildError{
			{File: "calc/add.go", Line: 5, Col: 9, Message: "undefined: b2", Source: "\treturn a + b2"}}},
			[]string{"does not compile: calc/add.go:5:9: undefined: b2", "5 | ", "return a + b2", "^"}},
		{"panic", &checker.Result{Status: checker.Panicked, Panic: &checker.Trace{Test: "TestAdd",
			Message: "runtime error: index out of range [3] with length 3", Frames: []checker.Frame{
				{Func: "workspace/calc.Add", File: "calc/add.go", Line: 7, Learner: true},
				{Func: "workspace/calc.TestAdd", File: "calc/check_add_test.go", Line: 6}}}},
			[]string{"panicked in TestAdd", "at          calc/add.go:7 calc.Add", "called from calc/check_add_test.go:6"}},
		{"timeout", &checker.Result{Status: checker.TimedOut, Timeout: &checker.Trace{Test: "TestAdd", After: 2 * time.Second,
			Message: "blocked in chan receive", Frames: []checker.Frame{{Func: "workspace/calc.Add", File: "calc/add.go", Line: 9, Learner: true}}}},
			[]string{"timed out after 2s in TestAdd", "blocked in chan receive", "calc/add.go:9"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			e.check.verdicts["01.01-add"] = tt.res
			e.key("c")
			e.wantView(tt.want...)
		})
	}
}

func TestCheckEarlierSteps(t *testing.T) {
	e := newEnv(t, withStep("01.02-sub"))
	e.m.deps.check = func(_ ctxT, s *stepT, report func(workbook.StepResult)) error {
		report(workbook.StepResult{Step: s, Result: passed(1)})
		add, _ := e.m.book.ByID("01.01-add")
		report(workbook.StepResult{Step: add, Result: failedAdd()})
		return nil
	}
	e.key("c")
	e.wantView("01.02-sub passes, but 01.01-add broke: failed: TestAdd", "Earlier steps this one builds on:", "Add(2, 3) = 0, want 5")
}

func TestCheckErrorAndBusy(t *testing.T) {
	e := newEnv(t)
	e.check.err = errors.New("checker: go: command not found")
	e.key("c")
	e.wantView("could not run the check: checker: go: command not found")

	// While a check runs, other keys still answer; what needs the workbook says it waits.
	block := make(chan struct{})
	e.m.deps.check = func(_ ctxT, s *stepT, report func(workbook.StepResult)) error {
		<-block
		report(workbook.StepResult{Step: s, Result: passed(1)})
		return nil
	}
	_, cmd := e.m.Update(keyMsg("c"))
	_, hint := e.m.Update(keyMsg("h"))
	e.wantView("the hint waits for the check of 01.01-add to finish")
	e.key("j")
	close(block)
	e.do(tea.Batch(cmd, hint))
	e.wantView("Hint 1/2")
}

func TestCheckAgainDuringCheck(t *testing.T) {
	e := newEnv(t)
	// The first check fails and is slow; the learner fixes the code and presses c during it.
	block := make(chan struct{})
	var calls int
	e.m.deps.check = func(_ ctxT, s *stepT, report func(workbook.StepResult)) error {
		calls++
		if calls == 1 {
			report(workbook.StepResult{Step: s, Result: failedAdd()})
			<-block // still checking the earlier steps
			return nil
		}
		report(workbook.StepResult{Step: s, Result: passed(1)})
		return nil
	}
	_, first := e.m.Update(keyMsg("c"))
	var again []tea.Cmd
	for range 3 {
		_, c := e.m.Update(keyMsg("c"))
		again = append(again, c)
	}
	for _, c := range again {
		if c != nil {
			t.Errorf("c during a check started something at once")
		}
	}
	e.wantView("checking again when this check ends")
	close(block)
	e.do(first)
	if calls != 2 {
		t.Errorf("%d checks, want 2: c three times during a check queues one more", calls)
	}
	e.wantView(markPassed+" 01.01-add passed", "n: next step")
	e.dontWantView(markFailed, "checking again")
}

func TestQuitDuringCheck(t *testing.T) {
	e := newEnv(t)
	block := make(chan struct{})
	e.m.deps.check = func(ctx ctxT, s *stepT, report func(workbook.StepResult)) error {
		<-block
		return ctx.Err()
	}
	_, check := e.m.Update(keyMsg("c"))
	_, wait := e.m.Update(keyMsg("q"))
	if wait == nil {
		t.Fatal("q during a check does nothing")
	}
	// Said before the program exits, and nothing else starts meanwhile.
	e.wantView("stopping the check of 01.01-add, then quitting")
	if _, c := e.m.Update(keyMsg("h")); c != nil {
		t.Errorf("h while quitting started something")
	}
	if e.m.sh.ctx.Err() == nil {
		t.Error("q did not cancel the running check")
	}
	close(block)
	if !quits(e.m, check) {
		t.Error("the program did not quit once the check had stopped")
	}
	// Pressed again, q quits at once.
	e2 := newEnv(t)
	e2.m.deps.check = e.m.deps.check
	e2.m.Update(keyMsg("c"))
	e2.m.Update(keyMsg("q"))
	if _, c := e2.m.Update(keyMsg("q")); c == nil || typeName(c()) != "tea.QuitMsg" {
		t.Error("a second q while stopping a check does not quit at once")
	}
}

// quits runs cmd and every command that follows from it on m, one at a time, and reports
// whether one of them quit the program.
func quits(m *model, cmd tea.Cmd) bool {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.QuitMsg:
			return true
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
	return false
}

func TestHints(t *testing.T) {
	e := newEnv(t)
	e.key("h")
	// Hints are markdown, rendered as lessons are: no backticks, no fences.
	e.wantView("Hint 1/2 · 01.01-add", "Go has a + operator.", "hint 1 of 2")
	e.key("h")
	e.wantView("Hint 2/2", "func Add(a, b int) int {", "        return a + b", "the last one")
	e.dontWantView("```", "`+`")
	if got := e.wb.Progress.Step("01.01-add").Hints; got != 2 {
		t.Errorf("progress records %d hints, want 2", got)
	}

	e = newEnvBook(t, fixtureBook(t, func(f fstest.MapFS) { delete(f, "02.01-greet/hints.md") }), withStep("02.01-greet"))
	e.key("h")
	e.wantView("02.01-greet has no hints")
}

func TestSolutionFlow(t *testing.T) {
	e := newEnv(t)
	e.key("s")
	e.wantView("You have not passed 01.01-add yet. Show the reference solution anyway? y/n", "y yes")
	e.key("n")
	e.wantView("cancelled")
	if e.m.overlay != nil {
		t.Fatal("declining still showed the solution")
	}
	e.key("s")
	e.key("y")
	e.wantView("Solution · 01.01-add", "-    // TODO(01.01): add", "+    return a + b", "a apply")
	e.key("a")
	e.wantView("Write the reference files of 01.01-add over yours?", ".learn/backup/")
	e.key("y")
	e.wantView("wrote the reference files of 01.01-add; your versions are in workspace/.learn/backup/")
	got, _ := os.ReadFile(e.wb.Path("calc/add.go"))
	if !strings.Contains(string(got), "return a + b") {
		t.Errorf("applying did not write the reference:\n%s", got)
	}
	backups, _ := filepath.Glob(filepath.Join(e.wb.Dir, ".learn", "backup", "*-01.01-add-solution", "calc", "add.go"))
	if len(backups) != 1 {
		t.Errorf("backups = %v, want one copy of the learner's add.go", backups)
	}
}

func TestSolutionAfterPassingNeedsNoConfirmation(t *testing.T) {
	e := newEnv(t)
	e.key("c")
	e.key("s")
	if e.m.confirm != nil {
		t.Errorf("s after passing asked: %s", e.m.confirm.prompt)
	}
	e.wantView("Solution · 01.01-add")
	e.key("esc")
	if e.m.overlay != nil {
		t.Errorf("esc did not close the solution")
	}
}

func TestReset(t *testing.T) {
	e := newEnv(t)
	p := e.wb.Path("calc/add.go")
	if err := os.WriteFile(p, []byte("package calc\n\nfunc Add(a, b int) int { return 42 }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e.check.verdicts["01.01-add"] = failedAdd()
	e.key("c")
	e.key("r")
	e.wantView("Reset 01.01-add? workspace/calc/add.go go back to how they were before the step",
		"backed up to workspace/.learn/backup/ first")
	e.key("esc")
	if got, _ := os.ReadFile(p); !strings.Contains(string(got), "42") {
		t.Fatal("declined reset changed the file")
	}
	e.key("r")
	e.key("y")
	e.wantView("reset 01.01-add; your versions are in workspace/.learn/backup/")
	if got, _ := os.ReadFile(p); !strings.Contains(string(got), "TODO(01.01)") {
		t.Errorf("reset did not restore the starter:\n%s", got)
	}
	if e.m.status["01.01-add"] != statusTodo {
		t.Errorf("status after reset = %q, want todo", e.m.status["01.01-add"])
	}
}

func TestEditor(t *testing.T) {
	e := newEnv(t)
	e.key("e")
	e.wantView("$EDITOR is not set", "export EDITOR=nano", "open workspace/calc/add.go yourself")

	e = newEnv(t, withEnv(map[string]string{"EDITOR": "code --wait"}))
	_, cmd := e.m.Update(keyMsg("e"))
	msg := cmd() // prepares the step's file
	_, exec := e.m.Update(msg)
	if exec == nil {
		t.Fatal("e with $EDITOR set did not start the editor")
	}
	e.send(editorDoneMsg{})
	e.wantView("back from the editor · c checks")
	e.send(editorDoneMsg{err: errors.New("exit status 1")})
	e.wantView("the editor stopped with an error: exit status 1")
}

func TestEditorCommand(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		found    []string
		wantArgv string
		wantNote string
		wantErr  bool
	}{
		{"EDITOR with arguments", map[string]string{"EDITOR": "code --wait"}, nil, "code --wait", "", false},
		{"VISUAL", map[string]string{"VISUAL": "vim"}, nil, "vim", "", false},
		{"nano fallback", nil, []string{"nano", "vi"}, "/usr/bin/nano", "$EDITOR is not set, so e opened nano", false},
		{"vi fallback", nil, []string{"vi"}, "/usr/bin/vi", "so e opened vi", false},
		{"nothing", nil, nil, "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			look := func(name string) (string, error) {
				for _, f := range tt.found {
					if f == name {
						return "/usr/bin/" + name, nil
					}
				}
				return "", errors.New("not found")
			}
			argv, note, err := editorCommand(func(k string) string { return tt.env[k] }, look)
			if (err != nil) != tt.wantErr {
				t.Fatalf("editorCommand() error = %v, want error %v", err, tt.wantErr)
			}
			if got := strings.Join(argv, " "); got != tt.wantArgv {
				t.Errorf("editorCommand() = %q, want %q", got, tt.wantArgv)
			}
			if !strings.Contains(note, tt.wantNote) {
				t.Errorf("note = %q, want it to contain %q", note, tt.wantNote)
			}
		})
	}
}

func TestWatch(t *testing.T) {
	e := newEnv(t)
	fw := newFakeWatcher()
	fw.polling = true
	e.m.deps.startWatch = func(string) (watcher, error) { return fw, nil }
	_, cmd := e.m.Update(keyMsg("w"))
	_, next := e.m.Update(cmd()) // started; next waits for saves
	if next == nil {
		t.Fatal("watching does not wait for saves")
	}
	fw.Close() // from here on the test hands the model its batches of saves itself
	e.wantView("[watching] every save in workspace/ re-checks the selected step", "polling")

	// A save checks the selected step.
	e.send(watchEventMsg{fw, []string{e.wb.Path("calc/add.go")}})
	if got := strings.Join(e.check.calls, ","); got != "01.01-add" {
		t.Errorf("checks after a save = %s, want 01.01-add", got)
	}
	// Writing check files (the workbook restores them) is not a save.
	e.send(watchEventMsg{fw, []string{e.wb.Path("calc/check_add_test.go")}})
	if n := len(e.check.calls); n != 1 {
		t.Errorf("a check file change caused a check (%d checks)", n)
	}
	// A save during a check checks again once it ends.
	block := make(chan struct{})
	e.m.deps.check = func(_ ctxT, s *stepT, report func(workbook.StepResult)) error {
		<-block
		e.check.calls = append(e.check.calls, s.ID)
		report(workbook.StepResult{Step: s, Result: passed(1)})
		return nil
	}
	_, running := e.m.Update(watchEventMsg{fw, []string{e.wb.Path("calc/add.go")}})
	e.m.Update(watchEventMsg{fw, []string{e.wb.Path("calc/add.go")}})
	if !e.m.recheck {
		t.Error("a save during a check was not remembered")
	}
	close(block)
	e.do(running)
	if n := len(e.check.calls); n != 3 {
		t.Errorf("%d checks, want 3 (the save during a check is checked after it)", n)
	}
	e.key("w")
	e.wantView("stopped watching")
	e.dontWantView("[watching]")
}

func TestResize(t *testing.T) {
	e := newEnv(t)
	for _, size := range [][2]int{{80, 24}, {120, 40}, {61, 20}, {59, 20}, {100, 30}} {
		e.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		if !e.m.firstScreenRendered() {
			t.Errorf("%dx%d: first screen not rendered", size[0], size[1])
		}
		lines := strings.Split(e.view(), "\n")
		if len(lines) != size[1] {
			t.Errorf("%dx%d: %d lines, want %d", size[0], size[1], len(lines), size[1])
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > size[0] {
				t.Errorf("%dx%d: line %d is %d wide: %q", size[0], size[1], i, w, l)
			}
		}
		if size[0] < 60 && e.m.treeWidth() != 0 {
			t.Errorf("%dx%d: the step list is shown on a narrow terminal", size[0], size[1])
		}
	}
	e.send(tea.WindowSizeMsg{Width: 30, Height: 8})
	e.wantView("learn needs at least 40×10")
}

func TestKeyLineAt80(t *testing.T) {
	e := newEnv(t)
	e.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	lines := strings.Split(e.view(), "\n")
	last := lines[len(lines)-1]
	for _, want := range []string{"c check", "h hint", "n/p step", "? keys", "q quit"} {
		if !strings.Contains(last, want) {
			t.Errorf("key line at 80 columns lacks %q: %q", want, last)
		}
	}
}

func TestNoColorHasNoEscapes(t *testing.T) {
	e := newEnv(t)
	e.check.verdicts["01.01-add"] = failedAdd()
	screens := map[string]func(){
		"lesson": func() {},
		"result": func() { e.key("c") },
		"hint":   func() { e.key("h") },
		"search": func() { e.key("/"); e.typeText("needle"); e.key("enter") },
		"help":   func() { e.key("?") },
		"diff":   func() { e.key("esc"); e.key("s"); e.key("y") },
		"tree":   func() { e.key("esc"); e.key("left") },
	}
	for _, name := range []string{"lesson", "result", "hint", "search", "help", "diff", "tree"} {
		screens[name]()
		if v := e.view(); strings.Contains(v, "\x1b") {
			t.Errorf("%s: NO_COLOR screen has escape codes:\n%q", name, v)
		}
	}
}

func TestColorHasEscapes(t *testing.T) {
	e := newEnv(t, withColor())
	if v := e.view(); !strings.Contains(v, "\x1b[") {
		t.Errorf("colour screen has no escape codes")
	}
}

func TestHelp(t *testing.T) {
	e := newEnv(t)
	e.key("?")
	e.wantView("Keys", "check this step", "esc back")
	e.key("G")
	e.wantView("n and N: after a search", "esc ends the search; n is then the next step again")
	e.key("?")
	if e.m.overlay != nil {
		t.Error("? did not close the help")
	}
	e.key("?")
	e.key("esc")
	if e.m.overlay != nil {
		t.Error("esc did not close the help")
	}
}

func TestFocusCycle(t *testing.T) {
	e := newEnv(t)
	if e.m.focus != focusLesson {
		t.Fatalf("starts with focus %v, want the lesson", e.m.focus)
	}
	e.key("tab") // no panel: back to the tree
	if e.m.focus != focusTree {
		t.Errorf("tab from the lesson without a panel: focus %v, want the tree", e.m.focus)
	}
	e.key("c")
	e.key("tab")
	e.key("tab")
	if e.m.focus != focusPanel {
		t.Errorf("focus %v, want the panel", e.m.focus)
	}
	e.key("shift+tab")
	if e.m.focus != focusLesson {
		t.Errorf("shift+tab: focus %v, want the lesson", e.m.focus)
	}
	e.key("t")
	if e.m.treeWidth() != 0 {
		t.Error("t did not hide the step list")
	}
	if !e.m.firstScreenRendered() {
		t.Error("not rendered at the wider width")
	}
	e.key("t")
	if e.m.treeWidth() == 0 {
		t.Error("t did not show the step list again")
	}
}

func TestMouse(t *testing.T) {
	e := newEnv(t)
	e.key("g")
	e.send(tea.MouseMsg{X: 50, Y: 5, Button: tea.MouseButtonWheelDown, Action: tea.MouseActionPress})
	if top := e.m.les.viewTop(e.m.bodyHeight()); top != 3 {
		t.Errorf("top = %d after a wheel step down, want 3", top)
	}
	// Row 0 of the list is on screen line 2, under the progress bar.
	row := e.m.tree.rowOfStep("02.01-greet")
	e.send(tea.MouseMsg{X: 3, Y: 2 + row, Button: tea.MouseButtonLeft, Action: tea.MouseActionPress})
	if e.m.step.ID != "02.01-greet" {
		t.Errorf("click on the Greet row: step %s, want 02.01-greet", e.m.step.ID)
	}
}

func TestWarningsShown(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "workspace")
	if err := os.MkdirAll(filepath.Join(dir, ".learn"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".learn", "progress.json"), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	wb, err := workbook.Open(dir, fixtureBook(t))
	if err != nil {
		t.Fatal(err)
	}
	e := newEnvOn(t, wb) // Init has run: the step's files were added, and said so
	e.wantView("warning: progress:", "corrupt", "added ")
	e.key("esc")
	e.key("esc")
	e.dontWantView("warning:")
}

func TestQuitSavesCurrentStep(t *testing.T) {
	e := newEnv(t)
	e.m.step, _ = e.m.book.ByID("02.01-greet")
	_, cmd := e.m.Update(keyMsg("q"))
	if cmd == nil || typeName(cmd()) != "tea.QuitMsg" {
		t.Fatal("q does not quit")
	}
	if err := e.m.shutdown(); err != nil {
		t.Fatal(err)
	}
	wb, err := workbook.Open(e.wb.Dir, fixtureBook(t))
	if err != nil {
		t.Fatal(err)
	}
	if wb.Progress.Current != "02.01-greet" {
		t.Errorf("saved current = %q, want 02.01-greet", wb.Progress.Current)
	}
}

func TestMissingLessonIsExplained(t *testing.T) {
	e := newEnv(t)
	delete(e.m.docs, "ch02/02.01-greet.md")
	e.m.lessons = fixtureLessonsWithout("ch02/02.01-greet.md")
	e.key("n")
	e.key("n")
	e.wantView("This page is not in the book yet", "Step 02.01-greet (Greet someone)", "can still be checked")
}

func TestDetailLinesStyleLearnerFrames(t *testing.T) {
	st := newStyles(termenv.ANSI, true)
	res := &checker.Result{Status: checker.Panicked, Panic: &checker.Trace{Test: "TestAdd", Message: "boom\nsecond line",
		Frames: []checker.Frame{
			{Func: "workspace/calc.Add", File: "calc/add.go", Line: 7, Learner: true},
			{Func: "workspace/calc.TestAdd", File: "calc/check_add_test.go", Line: 6}}}}
	if st.bold.Render("x") == st.dim.Render("x") {
		t.Fatal("bold and dim render alike; the test cannot tell them apart")
	}
	lines := detailLines(st, res, 100)
	if len(lines) != 4 || !strings.Contains(lines[0], "panic: boom") || !strings.Contains(lines[1], "second line") {
		t.Fatalf("detailLines = %q, want the two message lines then two frames", lines)
	}
	if lines[2] != st.bold.Render("    at          calc/add.go:7 calc.Add") {
		t.Errorf("learner frame = %q, want it bold", lines[2])
	}
	if lines[3] != st.dim.Render("    called from calc/check_add_test.go:6 calc.TestAdd") {
		t.Errorf("check frame = %q, want it dim", lines[3])
	}
}
