package tui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
)

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
	e := newEnvOn(t, wb)
	e.key("o") // starting the step says what it added, below the warning
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
