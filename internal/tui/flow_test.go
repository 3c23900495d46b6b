package tui

import (
	"context"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// These tests run the whole program (teatest) at a fixed size with no colour, and compare the
// final screen with testdata/<TestName>.golden; go test -update rewrites the golden files.

const flowW, flowH = 100, 30

// flow is a program under test.
type flow struct {
	t    *testing.T
	tm   *teatest.TestModel
	wb   *workbook.Workbook
	home string // the package folder, where testdata is
}

func startFlow(t *testing.T, opts ...envOption) *flow {
	t.Helper()
	home, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	wb := returningLearner(t, fixtureBook(t))
	m, _ := makeModel(t, wb, opts...)
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(flowW, flowH))
	f := &flow{t, tm, wb, home}
	f.waitIdle()
	return f
}

// probe asks the running program for its state.
func (f *flow) probe() probeState {
	f.t.Helper()
	ch := make(probeMsg, 1)
	f.tm.Send(ch)
	select {
	case s := <-ch:
		return s
	case <-time.After(10 * time.Second):
		f.t.Fatal("the program did not answer")
	}
	return probeState{}
}

// waitFor waits until the screen shows s and nothing is rendering or checking.
func (f *flow) waitFor(s string, limit time.Duration) {
	f.t.Helper()
	deadline := time.Now().Add(limit)
	var last probeState
	for time.Now().Before(deadline) {
		last = f.probe()
		if strings.Contains(flat(last.view), s) && !last.rendering && !last.checking && !last.busy {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	f.t.Fatalf("the screen never showed %q; last screen:\n%s", s, last.view)
}

func (f *flow) waitIdle() { f.t.Helper(); f.waitFor("", 10*time.Second) }

// waitShown waits until the screen shows s, busy or not.
func (f *flow) waitShown(s string, limit time.Duration) {
	f.t.Helper()
	deadline := time.Now().Add(limit)
	var last probeState
	for time.Now().Before(deadline) {
		if last = f.probe(); strings.Contains(flat(last.view), s) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	f.t.Fatalf("the screen never showed %q; last screen:\n%s", s, last.view)
}

func (f *flow) key(k string) { f.tm.Send(keyMsg(k)) }

// quit presses q and compares the final screen with the golden file.
func (f *flow) quit() {
	f.t.Helper()
	f.waitIdle()
	f.key("q")
	m := f.tm.FinalModel(f.t, teatest.WithFinalTimeout(10*time.Second)).(*model)
	if err := m.shutdown(); err != nil { // as Run does: waits for running commands, saves
		f.t.Errorf("shutdown: %v", err)
	}
	v := trimLines(m.View())
	f.t.Chdir(f.home)
	golden.RequireEqual(f.t, []byte(v))
}

// trimLines drops the padding at the end of each line, so golden files have no trailing
// spaces. Nothing else varies between runs: checks show a fixed duration (shownElapsed).
func trimLines(v string) string {
	lines := strings.Split(v, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n") + "\n"
}

func TestFlowOpenNavigate(t *testing.T) {
	f := startFlow(t)
	f.waitFor("Step 01.01-add: add two numbers", 5*time.Second)
	f.key("n")
	f.waitFor("Step 01.02-sub: subtract", 5*time.Second)
	f.key("left")
	f.key("down")
	f.waitFor("A lesson with no step", 5*time.Second)
	f.key("?")
	f.waitFor("Keys", 5*time.Second)
	f.key("esc")
	f.key("enter")
	f.key("]")
	f.waitFor("## More", 5*time.Second)
	f.quit()
	if f.wb.Progress.Current != "01.02-sub" {
		t.Errorf("progress.Current = %q after navigating, want 01.02-sub", f.wb.Progress.Current)
	}
}

func TestFlowHint(t *testing.T) {
	f := startFlow(t)
	f.key("h")
	f.waitFor("Hint 1/2", 5*time.Second)
	f.key("h")
	f.waitFor("Hint 2/2", 5*time.Second)
	f.quit()
}

// TestFlowCheckRealGo runs real checks (go test) on the fixture book: the starter fails, the
// learner writes the solution, the check passes.
func TestFlowCheckRealGo(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test")
	}
	f := startFlow(t, withRealCheck())
	f.key("c")
	f.waitFor("01.01-add failed: TestAdd", 2*time.Minute)
	f.waitFor("Add(2, 3) = 0, want 5", 5*time.Second)

	add := "package calc\n\n// Add returns a+b.\nfunc Add(a, b int) int {\n\treturn a + b\n}\n"
	if err := os.WriteFile(f.wb.Path("calc/add.go"), []byte(add), 0o644); err != nil {
		t.Fatal(err)
	}
	f.key("c")
	f.waitFor("01.01-add passed", 2*time.Minute)
	f.key("n")
	f.waitFor("Step 01.02-sub", 5*time.Second)
	f.quit()
}

// TestFlowCompileError shows a compile error from a real check: file:line and the line itself.
func TestFlowCompileError(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test")
	}
	f := startFlow(t, withRealCheck())
	broken := "package calc\n\n// Add returns a+b.\nfunc Add(a, b int) int {\n\treturn a + c\n}\n"
	if err := os.WriteFile(f.wb.Path("calc/add.go"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	f.key("c")
	f.waitFor("does not compile: calc/add.go:5:13: undefined: c", 2*time.Minute)
	f.waitFor("5 |     return a + c", 5*time.Second)
	f.quit()
}

func TestFlowResizeTo80x24(t *testing.T) {
	f := startFlow(t)
	f.tm.Send(tea.WindowSizeMsg{Width: 80, Height: 24})
	f.key("c")
	f.waitFor("01.01-add passed", 5*time.Second)
	f.quit()
}

// TestFlowCheckAgainDuringCheck presses c three times while a slow check runs: one more check is
// queued, the status line says so, and the newest verdict is what stays on screen.
func TestFlowCheckAgainDuringCheck(t *testing.T) {
	release := make(chan struct{})
	var calls atomic.Int32
	check := func(_ context.Context, s *steps.Step, report func(workbook.StepResult)) error {
		if calls.Add(1) == 1 {
			report(workbook.StepResult{Step: s, Result: failedAdd()})
			<-release // the earlier steps take a while
			return nil
		}
		report(workbook.StepResult{Step: s, Result: passed(1)})
		return nil
	}
	f := startFlow(t, withCheck(check))
	f.key("c")
	f.waitShown("01.01-add failed: TestAdd", 5*time.Second)
	f.key("c")
	f.key("c")
	f.key("c")
	f.waitShown("checking again when this check ends", 5*time.Second)
	close(release)
	f.waitFor("01.01-add passed", 5*time.Second)
	f.quit()
	if n := calls.Load(); n != 2 {
		t.Errorf("%d checks, want 2", n)
	}
}

// TestFlowNextStepMovesTheFrame presses n to a step in the same lesson: its frame offers the
// step keys, and the frame of the step left behind no longer does.
func TestFlowNextStepMovesTheFrame(t *testing.T) {
	f := startFlow(t)
	f.key("n")
	for range 7 { // up to show both frames
		f.key("k")
	}
	f.waitFor("o start it (adds workspace/calc/sub.go) · c check · h hint", 5*time.Second)
	f.waitFor("edit workspace/calc/add.go · n/p or the list selects it", 5*time.Second)
	f.quit()
}
