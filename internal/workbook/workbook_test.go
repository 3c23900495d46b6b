package workbook

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/progress"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

func open(t *testing.T) *Workbook {
	t.Helper()
	wb, err := Open(filepath.Join(t.TempDir(), "workspace"), fixture.Book())
	if err != nil {
		t.Fatal(err)
	}
	wb.Now = func() time.Time { return time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC) }
	return wb
}

func step(t *testing.T, wb *Workbook, id string) *steps.Step {
	t.Helper()
	s, ok := wb.Book.ByID(id)
	if !ok {
		t.Fatalf("no step %s", id)
	}
	return s
}

func read(t *testing.T, wb *Workbook, rel string) string {
	t.Helper()
	data, err := os.ReadFile(wb.Path(rel))
	if err != nil {
		t.Fatalf("read %s: %v", rel, err)
	}
	return string(data)
}

func TestOpenCreatesModule(t *testing.T) {
	wb := open(t)
	if got := read(t, wb, "go.mod"); got != steps.GoMod {
		t.Errorf("go.mod = %q, want %q", got, steps.GoMod)
	}
	if !strings.Contains(read(t, wb, "README.md"), "go test ./...") {
		t.Error("README.md does not explain the workspace")
	}
	if wb.Current().ID != "01.01-add" {
		t.Errorf("Current() = %s, want the first step", wb.Current().ID)
	}
}

func TestOpenOnAFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "file")
	os.WriteFile(f, nil, 0o644)
	if _, err := Open(f, fixture.Book()); err == nil || !strings.Contains(err.Error(), "is a file") {
		t.Errorf("Open(file) error = %v, want 'is a file'", err)
	}
}

func TestOpenCorruptProgress(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	os.MkdirAll(filepath.Join(dir, ".learn"), 0o755)
	os.WriteFile(filepath.Join(dir, ".learn", "progress.json"), []byte("{oops"), 0o644)
	wb, err := Open(dir, fixture.Book())
	if err != nil {
		t.Fatalf("Open with a corrupt progress file: %v, want it to carry on", err)
	}
	if len(wb.Warnings) != 1 || !strings.Contains(wb.Warnings[0], "corrupt-") {
		t.Errorf("Warnings = %q, want one naming the backup", wb.Warnings)
	}
}

func TestStartAddsOnlyMissingFiles(t *testing.T) {
	wb := open(t)
	sub := step(t, wb, "01.02-sub")
	done, err := wb.Start(sub)
	if err != nil {
		t.Fatal(err)
	}
	want := "calc/add.go calc/check_add_test.go calc/sub.go calc/check_sub_test.go"
	if got := strings.Join(done.Added, " "); got != want {
		t.Errorf("Start added %s, want %s", got, want)
	}
	// The learner's work is never overwritten; the checks are restored, and an edited one is
	// reported as such.
	os.WriteFile(wb.Path("calc/add.go"), []byte("package calc\n// mine\n"), 0o644)
	os.WriteFile(wb.Path("calc/check_add_test.go"), []byte("package calc\n"), 0o644)
	os.Remove(wb.Path("calc/check_sub_test.go"))
	done, _ = wb.Start(sub)
	if got := strings.Join(done.Added, " "); got != "calc/check_sub_test.go" {
		t.Errorf("second Start added %s, want only the deleted check file", got)
	}
	if got := strings.Join(done.Restored, " "); got != "calc/check_add_test.go" {
		t.Errorf("second Start restored %s, want the edited check file", got)
	}
	if got := read(t, wb, "calc/add.go"); got != "package calc\n// mine\n" {
		t.Errorf("Start overwrote the learner's add.go with %q", got)
	}
	if wb.Progress.Reached != "01.02-sub" || !wb.Progress.Started("01.01-add") {
		t.Errorf("Reached = %q, 01.01-add started = %v", wb.Progress.Reached, wb.Progress.Started("01.01-add"))
	}
	// Going back does not lower what has been reached, nor remove the later step's check.
	wb.Start(step(t, wb, "01.01-add"))
	if wb.Progress.Reached != "01.02-sub" {
		t.Errorf("Reached after going back = %q, want it kept", wb.Progress.Reached)
	}
	if _, err := os.Stat(wb.Path("calc/check_sub_test.go")); err != nil {
		t.Error("starting an earlier step removed a later step's check")
	}
	// Another package is not touched until one of its steps is started.
	if _, err := os.Stat(wb.Path("greet")); err == nil {
		t.Error("Start of a calc step wrote files of package greet")
	}
}

func TestOpenRefusesAnotherModule(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "workspace")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/mine\n\ngo 1.25\n"), 0o644)
	if _, err := Open(dir, fixture.Book()); err == nil || !strings.Contains(err.Error(), `"example.com/mine"`) {
		t.Errorf("Open(another module) error = %v, want a refusal naming the module", err)
	}
	other := filepath.Join(t.TempDir(), "stuff")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "notes.txt"), []byte("mine"), 0o644)
	if _, err := Open(other, fixture.Book()); err == nil || !strings.Contains(err.Error(), "not a learn workspace") {
		t.Errorf("Open(a folder of other files) error = %v, want a refusal", err)
	}
	if _, err := os.Stat(filepath.Join(other, "go.mod")); err == nil {
		t.Error("Open wrote a go.mod into a folder it refused")
	}
}

func TestCheckApplyResetCycle(t *testing.T) {
	wb := open(t)
	add := step(t, wb, "01.01-add")
	ctx := context.Background()

	res, err := wb.Check(ctx, add)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != checker.Failed || !strings.Contains(res.Details(), "Add(2, 3) = 0, want 5") {
		t.Fatalf("starter check = %v\n%s", res.Headline(), res.Details())
	}
	if wb.Status(add) != progress.Failed {
		t.Errorf("Status = %s, want failed", wb.Status(add))
	}

	diffs, err := wb.SolutionDiff(add)
	if err != nil || len(diffs) != 1 || !strings.Contains(diffs[0].Diff, "+\treturn a + b") {
		t.Fatalf("SolutionDiff = %+v, %v", diffs, err)
	}

	backup, err := wb.ApplySolution(ctx, add)
	if err != nil {
		t.Fatal(err)
	}
	if backup == "" {
		t.Fatal("ApplySolution replaced the starter without a backup")
	}
	if kept, _ := os.ReadFile(filepath.Join(backup, "calc", "add.go")); !strings.Contains(string(kept), "TODO(01.01)") {
		t.Errorf("backup holds %q, want the learner's previous file", kept)
	}
	if res, _ = wb.Check(ctx, add); res.Status != checker.Passed {
		t.Fatalf("check after applying the solution = %s\n%s", res.Headline(), res.Details())
	}
	if wb.Current().ID != "01.02-sub" {
		t.Errorf("Current() = %s, want the next step", wb.Current().ID)
	}
	if diffs, _ := wb.SolutionDiff(add); diffs[0].Diff != "" {
		t.Errorf("SolutionDiff after apply = %q, want none", diffs[0].Diff)
	}

	// Reset goes back to the starter, keeping the solved file.
	wb.Now = func() time.Time { return time.Date(2026, 11, 25, 11, 0, 0, 0, time.UTC) }
	backup, err = wb.Reset(add)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(read(t, wb, "calc/add.go"), "TODO(01.01)") {
		t.Error("Reset did not restore the starter")
	}
	if kept, _ := os.ReadFile(filepath.Join(backup, "calc", "add.go")); !strings.Contains(string(kept), "return a + b") {
		t.Errorf("reset backup holds %q, want the solved file", kept)
	}
	if wb.Status(add) != progress.Todo {
		t.Errorf("Status after reset = %s, want todo", wb.Status(add))
	}

	// Progress survives reopening.
	again, err := Open(wb.Dir, wb.Book)
	if err != nil || again.Progress.Step("01.01-add").Attempts != 2 || !again.Progress.Step("01.01-add").Solution {
		t.Errorf("reopened progress = %+v, %v", again.Progress.Steps["01.01-add"], err)
	}
}

func TestCheckThroughGroupsEarlierSteps(t *testing.T) {
	wb := open(t)
	for _, id := range []string{"01.01-add", "01.02-sub", "02.01-greet"} {
		if _, err := wb.ApplySolution(context.Background(), step(t, wb, id)); err != nil {
			t.Fatal(err)
		}
	}
	// Break step 01.01 after the fact: the run names it.
	os.WriteFile(wb.Path("calc/add.go"), []byte("package calc\n\n// Add is broken.\nfunc Add(a, b int) int { return a * b }\n"), 0o644)
	var got []string
	err := wb.CheckThrough(context.Background(), step(t, wb, "02.01-greet"), func(r StepResult) {
		got = append(got, r.Step.ID+"="+r.Result.Status.String())
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "02.01-greet=passed 01.02-sub=passed 01.01-add=failed"; strings.Join(got, " ") != want {
		t.Errorf("CheckThrough reported %s, want %s", strings.Join(got, " "), want)
	}
}

func TestNextHint(t *testing.T) {
	wb := open(t)
	g := step(t, wb, "02.01-greet")
	var seen []string
	for range 4 {
		h, n, total, err := wb.NextHint(g)
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, strings.Fields(h)[0])
		if total != 3 || n > 3 {
			t.Errorf("hint %d of %d", n, total)
		}
	}
	if got := strings.Join(seen, " "); got != "fmt.Sprintf Use return return" {
		t.Errorf("hints in order = %s, want the three then the last again", got)
	}
}

func TestOpenRenumbersOldIDs(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "workspace")
	old := `{"version": 1, "current": "01.2-sub", "reached": "01.2-sub",
		"steps": {"01.1-add": {"status": "passed", "attempts": 2}}}`
	os.MkdirAll(filepath.Join(dir, ".learn"), 0o755)
	os.WriteFile(filepath.Join(dir, ".learn", "progress.json"), []byte(old), 0o644)
	wb, err := Open(dir, fixture.Book())
	if err != nil {
		t.Fatal(err)
	}
	if !wb.Progress.Passed("01.01-add") || wb.Progress.Current != "01.02-sub" || wb.Progress.Reached != "01.02-sub" {
		t.Errorf("progress after renumbering = %+v, want 01.01-add passed and 01.02-sub current", wb.Progress)
	}
	if _, ok := wb.Progress.Steps["01.1-add"]; ok {
		t.Error("the old id 01.1-add is still in the progress")
	}
}

func TestEditFilePrefersTheStepsOwnTODO(t *testing.T) {
	wb := open(t)
	s := &steps.Step{ID: "08.07-save", Package: "up", Starter: []steps.File{
		{Path: "up/limits.go", Data: []byte("package up\n// TODO(08.08-limits): later\n")},
		{Path: "up/plain.go", Data: []byte("package up\n")},
		{Path: "up/stream.go", Data: []byte("package up\n// TODO(08.07-save): now\n")},
	}}
	if got := wb.EditFile(s); got != "up/stream.go" {
		t.Errorf("EditFile = %s, want up/stream.go, whose TODO names the step", got)
	}
	s.Starter = s.Starter[:2]
	if got := wb.EditFile(s); got != "up/limits.go" {
		t.Errorf("EditFile without a TODO naming the step = %s, want the first file with a TODO", got)
	}
}
