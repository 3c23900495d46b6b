// Package workbook is what learn does to a learner's workspace: create it, give it the files a
// step needs when the learner starts it, check a step, reveal hints, show and apply the reference
// solution, reset a step, and remember progress. The TUI and the subcommands are two faces of this
// one package; neither touches the progress file except through it.
//
// The workspace is a Go module of its own (module "workspace"), so the repository's go test ./...
// never compiles the learner's half-written code, and cd workspace && go test ./... runs the same
// checks learn does. Files are only ever added where missing; anything that replaces a learner's
// file (applying a solution, resetting a step) first copies it to .learn/backup/.
//
// Progress lives in .learn/progress.json, which other processes may write at the same time (the
// TUI and a learn check in another shell): every save merges with the file (package progress),
// and Refresh picks up what others wrote.
package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/progress"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

const readme = `# Your workspace

This folder is yours: it holds the code you write while working through the book. It is a Go
module of its own, so the tools see it separately from the book's repository.

- ` + "`learn`" + ` (from the repository root) opens the workbook; it adds the files each step needs here
  when you start the step.
- ` + "`go test ./...`" + ` in this folder runs every check of the steps you have started, the same tests
  learn runs.
- Files named check_*_test.go are the checks. learn always runs its own pristine copy, so editing
  them changes nothing; write your own tests in other files.
- .learn/ holds your progress, backups of anything learn ever replaced, and the databases of
  the capstone's web edition (learn serve --own and --reference).
`

// A Workbook is a workspace folder plus the book and the learner's progress.
type Workbook struct {
	Dir  string
	Book *steps.Book
	// Progress is the learner's progress as this process knows it. Read it freely; change it
	// only through the Workbook's methods, which save it.
	Progress *progress.Progress
	// Warnings are problems found while opening that did not stop it (a corrupt progress file).
	Warnings []string
	// Now is the clock; tests replace it.
	Now func() time.Time
	// GoCmd is the go command checks run; empty means "go".
	GoCmd string
}

// A SaveError means that what was asked for happened (a check ran and its verdict is valid) but
// the workspace could not be written: progress, or a check file, was not saved. A read-only or
// full workspace gives one. The caller shows the verdict and warns.
type SaveError struct{ Err error }

func (e *SaveError) Error() string { return "could not save to the workspace: " + e.Err.Error() }
func (e *SaveError) Unwrap() error { return e.Err }

// Open opens the workspace at dir, creating it (with its go.mod and README) if needed. It refuses
// a folder that is something else: a Go module other than a workspace, or a folder of other files.
func Open(dir string, book *steps.Book) (*Workbook, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	if err := adoptable(abs); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("workbook: create the workspace: %w", err)
	}
	for name, content := range map[string]string{"go.mod": steps.GoMod, "README.md": readme} {
		if err := writeIfMissing(filepath.Join(abs, name), []byte(content)); err != nil {
			return nil, fmt.Errorf("workbook: create the workspace: %w", err)
		}
	}
	w := &Workbook{Dir: abs, Book: book, Now: time.Now}
	p, err := progress.Load(w.ProgressPath())
	var corrupt *progress.CorruptError
	switch {
	case errors.As(err, &corrupt):
		w.Warnings = append(w.Warnings, corrupt.Error())
	case errors.Is(err, progress.ErrNewer):
		return nil, fmt.Errorf("workbook: %w", err) // written by a newer learn: never touch it
	case err != nil:
		// Unreadable (permissions, a file in the way): work on, saving nothing.
		w.Warnings = append(w.Warnings, err.Error()+"; progress will not be saved")
		p = progress.New()
	}
	w.Progress = p
	p.SetOrder(func(id string) int {
		if s, ok := book.ByID(id); ok {
			return s.Index
		}
		return -1
	})
	p.SetRename(book.Canonical) // old numbering ("03.2-read-lines") and renamed steps
	return w, nil
}

// adoptable refuses to turn a folder that is something else into a workspace: a file, a Go
// module with another name, or a folder holding files but no go.mod and no .learn.
func adoptable(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil // missing: it will be created
	}
	if !fi.IsDir() {
		return fmt.Errorf("workbook: %s is a file, not a folder; pass another with --dir", dir)
	}
	if mod, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
		if name := modulePath(mod); name != steps.Module {
			return fmt.Errorf("workbook: %s holds the Go module %q, not a learn workspace (module %q); "+
				"run learn from the book's folder, or pass --dir to choose another folder", dir, name, steps.Module)
		}
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, ".learn")); err == nil {
		return nil // a workspace that lost its go.mod: it is recreated
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) > 0 {
		return fmt.Errorf("workbook: %s already holds files and is not a learn workspace (it has no go.mod); "+
			"pass --dir to choose another folder", dir)
	}
	return nil
}

// modulePath returns the module path a go.mod declares, or "" if it declares none.
func modulePath(mod []byte) string {
	for line := range bytes.SplitSeq(mod, []byte("\n")) {
		f := strings.Fields(string(line))
		if len(f) >= 2 && f[0] == "module" {
			return strings.Trim(f[1], `"`)
		}
	}
	return ""
}

// ProgressPath is where progress is kept.
func (w *Workbook) ProgressPath() string {
	return filepath.Join(w.Dir, ".learn", "progress.json")
}

// Save writes the progress file, merged with what other processes wrote to it.
func (w *Workbook) Save() error { return w.Progress.Save(w.ProgressPath()) }

// Refresh picks up progress that other processes (learn check in another shell) saved since
// this one last read or wrote the file, and reports whether anything changed.
func (w *Workbook) Refresh() (bool, error) {
	changed, err := w.Progress.Refresh(w.ProgressPath())
	if err != nil {
		return changed, fmt.Errorf("workbook: %w", err)
	}
	return changed, nil
}

// SetCurrent records id as the step to resume at, and saves.
func (w *Workbook) SetCurrent(id string) error {
	if w.Progress.Current == id {
		return nil
	}
	w.Progress.Current = id
	if err := w.Save(); err != nil {
		return &SaveError{err}
	}
	return nil
}

// Current returns the step to work on: the optional step the learner last had open, if it has
// not passed (they chose to do chapter 0); else the first required step that has not passed;
// else the first optional one; else the last step (see steps.Book.FirstUnfinished).
func (w *Workbook) Current() *steps.Step {
	if s, ok := w.Book.ByID(w.Progress.Current); ok && s.Optional && !w.Progress.Passed(s.ID) {
		return s
	}
	return w.Book.FirstUnfinished(w.Progress.Passed)
}

// RequiredDone reports whether every step outside the optional chapters has passed.
func (w *Workbook) RequiredDone() bool {
	for _, s := range w.Book.Steps {
		if !s.Optional && !w.Progress.Passed(s.ID) {
			return false
		}
	}
	return true
}

// Status returns where step s stands.
func (w *Workbook) Status(s *steps.Step) progress.Status { return w.Progress.Status(s.ID) }

// Verdict returns the headline of s's last check, "" if it has none.
func (w *Workbook) Verdict(s *steps.Step) string {
	if st := w.Progress.Steps[s.ID]; st != nil {
		return st.Verdict
	}
	return ""
}

// Done counts the steps that have passed.
func (w *Workbook) Done() int {
	n := 0
	for _, s := range w.Book.Steps {
		if w.Progress.Passed(s.ID) {
			n++
		}
	}
	return n
}

// Required returns how many of the book's required steps have passed, and how many there
// are: the progress a learner who skips the optional chapter can bring to 100%.
func (w *Workbook) Required() (done, total int) {
	for _, s := range w.Book.Steps {
		if s.Optional {
			continue
		}
		total++
		if w.Progress.Passed(s.ID) {
			done++
		}
	}
	return done, total
}

// Path returns the absolute path of a workspace-relative file.
func (w *Workbook) Path(rel string) string {
	return filepath.Join(w.Dir, filepath.FromSlash(rel))
}

// Rel returns how to name a workspace file in a message: relative to the working directory when
// the workspace is below it ("workspace/files/lines.go"), else absolute.
func (w *Workbook) Rel(rel string) string {
	p := w.Path(rel)
	if wd, err := os.Getwd(); err == nil {
		if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(r)
		}
	}
	return p
}

// EditFile returns the file a learner should edit for s: its first starter file with a TODO
// marker naming s ("TODO(07.10-cors-simple)"), else its first starter file with any TODO marker
// (a step may hand out files whose TODOs are for later steps), else its first starter file,
// else its first solution file.
func (w *Workbook) EditFile(s *steps.Step) string {
	for _, marker := range [][]byte{[]byte("TODO(" + s.ID), []byte("TODO(")} {
		for _, f := range s.Starter {
			if bytes.Contains(f.Data, marker) {
				return f.Path
			}
		}
	}
	for _, f := range s.Starter {
		return f.Path
	}
	for _, f := range s.Solution {
		return f.Path
	}
	return s.Package
}
