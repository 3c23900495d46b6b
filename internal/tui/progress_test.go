package tui

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
)

// TestProgressFromAnotherProcess is the learner who runs learn check in another shell while the
// TUI is open: the TUI shows those passes and, checking a step of its own, never loses them.
func TestProgressFromAnotherProcess(t *testing.T) {
	e := newEnv(t, withRealCheck())
	cli, err := workbook.Open(e.wb.Dir, e.wb.Book)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"01.02-sub", "02.01-greet"} {
		cli.Progress.Record(id, true, "passed (1 test)", time.Now())
	}
	if err := cli.Save(); err != nil {
		t.Fatal(err)
	}
	e.send(tea.FocusMsg{}) // the terminal gives the TUI focus back: it looks at the file
	e.wantView("2/3 done")

	// The selected step checked elsewhere: the stale verdict here gives way to the new one.
	e.key("c") // fails: add.go is the starter
	e.wantView("✗ 01.01-add failed: TestAdd")
	other := cli.Progress
	add, _ := e.wb.Book.ByID("01.01-add")
	other.Record(add.ID, true, "passed (1 test)", time.Now())
	if err := cli.Save(); err != nil {
		t.Fatal(err)
	}
	e.send(tea.FocusMsg{})
	e.wantView("01.01-add passed, checked by another learn")
	e.dontWantView("Add(2, 3) = 0, want 5")
	other.Record(add.ID, false, "failed: TestAdd", time.Now())
	cli.Save()
	e.send(tea.FocusMsg{})

	for _, f := range e.wb.Book.Reference(add) {
		os.WriteFile(e.wb.Path(f.Path), f.Data, 0o644)
	}
	e.key("c")
	e.wantView("3/3 done")
	disk, err := workbook.Open(e.wb.Dir, e.wb.Book)
	if err != nil {
		t.Fatal(err)
	}
	if disk.Done() != 3 {
		t.Errorf("after the TUI's own check, %d steps passed on disk, want 3: a pass recorded elsewhere was lost", disk.Done())
	}
}

// TestReadOnlyWorkspaceStillShowsTheVerdict: a workspace whose progress cannot be saved still
// gets its verdict, and one warning.
func TestReadOnlyWorkspaceStillShowsTheVerdict(t *testing.T) {
	e := newEnv(t, withRealCheck())
	// The folder for progress becomes a file: nothing can be saved (this works even as root).
	learn := filepath.Join(e.wb.Dir, ".learn")
	os.RemoveAll(learn)
	os.WriteFile(learn, []byte("in the way"), 0o644)
	e.key("c")
	e.wantView("✗ 01.01-add failed: TestAdd", "Add(2, 3) = 0, want 5", "warning: could not save to the workspace")
}
