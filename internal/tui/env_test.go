package tui

import (
	"context"
	"errors"
	"fmt"
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
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// The tests run on the shared fixture book (internal/fixture): chapter 1 has a lesson with two
// steps and a lesson with none; chapter 2 has one lesson with one step. Golden files depend on
// it, not on the real book.

// fakeCheck answers checks from a table of canned verdicts, by step id; a missing entry passes.
type fakeCheck struct {
	verdicts map[string]*checker.Result
	err      error
	calls    []string
}

func (f *fakeCheck) check(ctx context.Context, s *steps.Step, report func(workbook.StepResult)) error {
	f.calls = append(f.calls, s.ID)
	if f.err != nil {
		return f.err
	}
	res := f.verdicts[s.ID]
	if res == nil {
		res = passed(1)
	}
	report(workbook.StepResult{Step: s, Result: res})
	return nil
}

func passed(n int) *checker.Result {
	r := &checker.Result{Status: checker.Passed, Elapsed: 1200 * time.Millisecond}
	for i := range n {
		r.Tests = append(r.Tests, checker.Test{Name: "Test" + string(rune('A'+i)), Outcome: "pass"})
	}
	return r
}

func failedAdd() *checker.Result {
	return &checker.Result{Status: checker.Failed, Tests: []checker.Test{
		{Name: "TestAdd", Outcome: "fail", Output: "    check_add_test.go:7: Add(2, 3) = 0, want 5\n"},
	}}
}

// failedWith is a failed check whose test printed out.
func failedWith(out string) *checker.Result {
	return &checker.Result{Status: checker.Failed, Tests: []checker.Test{
		{Name: "TestAdd", Outcome: "fail", Output: out + "\n"},
	}}
}

// fakeWatcher is a watcher whose batches the test sends.
type fakeWatcher struct {
	ch      chan []string
	polling bool
	closed  bool
}

func newFakeWatcher() *fakeWatcher { return &fakeWatcher{ch: make(chan []string, 4)} }

func (f *fakeWatcher) Changes() <-chan []string { return f.ch }
func (f *fakeWatcher) Polling() bool            { return f.polling }
func (f *fakeWatcher) Close() error {
	if !f.closed {
		f.closed = true
		close(f.ch)
	}
	return nil
}

// testEnv is a model on the fixture book with a fresh workspace.
type testEnv struct {
	t     *testing.T
	m     *model
	wb    *workbook.Workbook
	check *fakeCheck
}

type envOption func(*Options, *deps, *workbook.Workbook)

func withStep(id string) envOption {
	return func(o *Options, _ *deps, _ *workbook.Workbook) { o.StepID = id }
}

func withEnv(vars map[string]string) envOption {
	return func(_ *Options, d *deps, _ *workbook.Workbook) { d.getenv = func(k string) string { return vars[k] } }
}

func withColor() envOption {
	return func(_ *Options, d *deps, _ *workbook.Workbook) { d.profile, d.style = termenv.TrueColor, "dark" }
}

// withCheck checks with the given function.
func withCheck(check func(context.Context, *steps.Step, func(workbook.StepResult)) error) envOption {
	return func(_ *Options, d *deps, _ *workbook.Workbook) { d.check = check }
}

// realCheckDeadline bounds a test's real check (go test): a check that hangs fails the test
// instead of holding the suite until go test's own timeout.
const realCheckDeadline = 90 * time.Second

// withRealCheck checks with the workbook, running go test, each check under a deadline.
func withRealCheck() envOption {
	return func(_ *Options, d *deps, wb *workbook.Workbook) {
		d.check = func(ctx context.Context, s *steps.Step, report func(workbook.StepResult)) error {
			ctx, cancel := context.WithTimeout(ctx, realCheckDeadline)
			defer cancel()
			return wb.CheckThrough(ctx, s, report)
		}
	}
}

// shownElapsed is the duration every check shows in tests, however long it took.
func shownElapsed(time.Duration) time.Duration { return 1200 * time.Millisecond }

// fixtureBook loads the fixture's steps, changed by tweak if it is not nil.
func fixtureBook(t testing.TB, tweak ...func(fstest.MapFS)) *steps.Book {
	t.Helper()
	files := fixture.Steps()
	for _, f := range tweak {
		f(files)
	}
	book, err := steps.Load(files)
	if err != nil {
		t.Fatalf("steps.Load: %v", err)
	}
	return book
}

// newEnv opens a fresh workspace in a temporary folder that is also the working directory, so
// messages name files as "workspace/calc/add.go".
func newEnv(t *testing.T, opts ...envOption) *testEnv {
	t.Helper()
	return newEnvBook(t, fixtureBook(t), opts...)
}

// newEnvBook is newEnv on another book (the fixture with a tweak).
func newEnvBook(t *testing.T, book *steps.Book, opts ...envOption) *testEnv {
	t.Helper()
	t.Chdir(t.TempDir())
	wb := returningLearner(t, book)
	return newEnvOn(t, wb, opts...)
}

// returningLearner opens a workspace whose learner has started the book's first step (its files
// are there) and had it open: the TUI opens at that step's section. newLearner is the other case.
func returningLearner(t testing.TB, book *steps.Book) *workbook.Workbook {
	t.Helper()
	wb, err := workbook.Open("workspace", book)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := wb.Start(book.Steps[0]); err != nil {
		t.Fatal(err)
	}
	if err := wb.SetCurrent(book.Steps[0].ID); err != nil {
		t.Fatal(err)
	}
	return wb
}

func newEnvOn(t *testing.T, wb *workbook.Workbook, opts ...envOption) *testEnv {
	t.Helper()
	m, fc := makeModel(t, wb, opts...)
	e := &testEnv{t: t, m: m, wb: wb, check: fc}
	e.do(m.Init())
	e.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	return e
}

// makeModel builds a model on wb with fake checks, no colour and no editor, without running
// anything.
func makeModel(t *testing.T, wb *workbook.Workbook, opts ...envOption) (*model, *fakeCheck) {
	t.Helper()
	fc := &fakeCheck{verdicts: map[string]*checker.Result{}}
	o := Options{Lessons: fixture.Lessons()}
	d := deps{
		check:      fc.check,
		startWatch: func(string) (watcher, error) { return newFakeWatcher(), nil },
		getenv:     func(string) string { return "" },
		lookPath:   func(string) (string, error) { return "", errors.New("not found") },
		profile:    termenv.Ascii,
		style:      "notty",
		dark:       true,
		saveDelay:  -1,
		elapsed:    shownElapsed,
	}
	for _, opt := range opts {
		opt(&o, &d, wb)
	}
	m, err := newModel(wb, o, d)
	if err != nil {
		t.Fatalf("newModel: %v", err)
	}
	// Before the temporary folders go: commands still running must not write into them.
	t.Cleanup(func() { m.shutdown() })
	return m, fc
}

// send delivers a message and runs every command it causes until things settle.
func (e *testEnv) send(msg tea.Msg) {
	e.t.Helper()
	_, cmd := e.m.Update(msg)
	e.do(cmd)
}

// key types one key ("c", "enter", "ctrl+d", "esc", ...).
func (e *testEnv) key(k string) {
	e.t.Helper()
	e.send(keyMsg(k))
}

// typeText types text one rune at a time.
func (e *testEnv) typeText(s string) {
	e.t.Helper()
	for _, r := range s {
		e.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func keyMsg(k string) tea.KeyMsg {
	special := map[string]tea.KeyType{
		"enter": tea.KeyEnter, "esc": tea.KeyEsc, "tab": tea.KeyTab, "shift+tab": tea.KeyShiftTab,
		"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"backspace": tea.KeyBackspace, "ctrl+c": tea.KeyCtrlC, "ctrl+d": tea.KeyCtrlD, "ctrl+u": tea.KeyCtrlU,
		" ": tea.KeySpace,
	}
	if t, ok := special[k]; ok {
		return tea.KeyMsg{Type: t}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)}
}

// do runs a command and every command that follows from it, the way the bubbletea runtime would
// (each on its own goroutine, messages handled one at a time), until none is left. Quit and the
// editor's exec are not run.
func (e *testEnv) do(cmd tea.Cmd) {
	e.t.Helper()
	msgs := make(chan tea.Msg)
	pending := 0
	launch := func(c tea.Cmd) {
		if c == nil {
			return
		}
		pending++
		go func() { msgs <- c() }()
	}
	launch(cmd)
	for pending > 0 {
		select {
		case msg := <-msgs:
			pending--
			switch msg := msg.(type) {
			case nil, tea.QuitMsg:
			case tea.BatchMsg:
				for _, c := range msg {
					launch(c)
				}
			default:
				if strings.HasPrefix(typeName(msg), "tea.") {
					continue // runtime messages such as exec: not run in tests
				}
				_, c := e.m.Update(msg)
				launch(c)
			}
		case <-time.After(10 * time.Second):
			e.t.Fatalf("commands did not settle; %d still running", pending)
		}
	}
}

// view is the current screen.
func (e *testEnv) view() string { return e.m.View() }

// flat is the screen with its lines trimmed and joined by spaces, so a message wrapped over
// several status lines reads as one.
func flat(v string) string {
	lines := strings.Split(v, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, " ")
}

func (e *testEnv) wantView(substr ...string) {
	e.t.Helper()
	v := e.view()
	for _, s := range substr {
		if !strings.Contains(v, s) && !strings.Contains(flat(v), s) {
			e.t.Errorf("screen does not show %q:\n%s", s, v)
		}
	}
}

// wantLesson checks the whole open lesson as composed, not only the part on screen.
func (e *testEnv) wantLesson(substr ...string) {
	e.t.Helper()
	text := ansi.Strip(strings.Join(e.m.les.lines, "\n"))
	for _, s := range substr {
		if !strings.Contains(text, s) && !strings.Contains(flat(text), s) {
			e.t.Errorf("lesson does not show %q:\n%s", s, text)
		}
	}
}

func (e *testEnv) dontWantView(substr ...string) {
	e.t.Helper()
	v := e.view()
	for _, s := range substr {
		if strings.Contains(v, s) {
			e.t.Errorf("screen shows %q, want it not to:\n%s", s, v)
		}
	}
}

func typeName(v any) string { return fmt.Sprintf("%T", v) }

// Short names for check functions written inline in tests.
type (
	ctxT  = context.Context
	stepT = steps.Step
)

func fixtureLessonsWithout(path string) fstest.MapFS {
	out := fixture.Lessons()
	delete(out, path)
	return out
}
