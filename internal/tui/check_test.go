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

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
)

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

func TestLongVerdictsWrapAndSourceLinesAreCut(t *testing.T) {
	e := newEnv(t)
	e.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	e.check.verdicts["01.01-add"] = &checker.Result{Status: checker.BuildFailed, Build: []checker.BuildError{{
		File: "calc/add.go", Line: 32, Col: 30, Message: "undefined: route, and a message long enough to wrap",
		Source: "\troutes   []*route // routes whose pattern ends here, at most one per method"}}}
	e.key("c")
	e.key("tab") // the panel
	e.key("G")
	v := e.view()
	e.wantView("✗ 01.01-add does not compile: calc/add.go:32:30: undefined:", "route, and a message long enough to wrap")
	for _, l := range strings.Split(v, "\n") {
		if strings.Contains(l, "32 |") && !strings.HasSuffix(strings.TrimRight(l, " "), "…") {
			t.Errorf("the source line is wrapped, not cut: %q", l)
		}
		if strings.Contains(l, "pattern ends here") {
			t.Errorf("the rest of a cut source line shows on a line of its own: %q", l)
		}
	}
}
