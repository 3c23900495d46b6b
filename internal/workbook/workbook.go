// Package workbook is what learn does to a learner's workspace: create it, give it the files a
// step needs, check a step, reveal hints, show and apply the reference solution, reset a step,
// and remember progress. The TUI and the subcommands are two faces of this one package.
//
// The workspace is a Go module of its own (module "workspace"), so the repository's go test ./...
// never compiles the learner's half-written code, and cd workspace && go test ./... runs the same
// checks learn does. Files are only ever added where missing; anything that replaces a learner's
// file (applying a solution, resetting a step) first copies it to .learn/backup/.
package workbook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/progress"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/textdiff"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// Module is the module path of every workspace.
const Module = "workspace"

// GoMod is the go.mod a new workspace gets.
const GoMod = "module " + Module + "\n\ngo 1.25\n"

const readme = `# Your workspace

This folder is yours: it holds the code you write while working through the book. It is a Go
module of its own, so the tools see it separately from the book's repository.

- ` + "`learn`" + ` (from the repository root) opens the workbook; it adds the files each step needs here.
- ` + "`go test ./...`" + ` in this folder runs every check you have reached, the same tests learn runs.
- Files named check_*_test.go are the checks. learn always runs its own pristine copy, so editing
  them changes nothing; write your own tests in other files.
- .learn/ holds your progress and backups of anything learn ever replaced.
`

// A Workbook is a workspace folder plus the book and the learner's progress.
type Workbook struct {
	Dir      string
	Book     *steps.Book
	Progress *progress.Progress
	// Warnings are problems found while opening that did not stop it (a corrupt progress file).
	Warnings []string
	// Now is the clock; tests replace it.
	Now func() time.Time
	// GoCmd is the go command checks run; empty means "go".
	GoCmd string
}

// Open opens the workspace at dir, creating it (with its go.mod and README) if needed.
func Open(dir string, book *steps.Book) (*Workbook, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("workbook: %w", err)
	}
	if fi, err := os.Stat(abs); err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("workbook: %s is a file, not a folder; pass another with --dir", abs)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("workbook: create the workspace: %w", err)
	}
	for name, content := range map[string]string{"go.mod": GoMod, "README.md": readme} {
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
	case err != nil:
		return nil, fmt.Errorf("workbook: %w", err)
	}
	w.Progress = p
	w.renumber()
	return w, nil
}

// renumber moves progress recorded under step ids of an older numbering ("03.2-read-lines") to
// the ids this book uses ("03.02-read-lines"). It changes memory only; the next save writes it.
func (w *Workbook) renumber() {
	p := w.Progress
	for id, st := range p.Steps {
		if c := steps.Canonical(id); c != id {
			if _, taken := p.Steps[c]; !taken {
				p.Steps[c] = st
			}
			delete(p.Steps, id)
		}
	}
	p.Current, p.Reached = steps.Canonical(p.Current), steps.Canonical(p.Reached)
}

// ProgressPath is where progress is kept.
func (w *Workbook) ProgressPath() string {
	return filepath.Join(w.Dir, ".learn", "progress.json")
}

// Save writes the progress file.
func (w *Workbook) Save() error { return w.Progress.Save(w.ProgressPath()) }

// Current returns the first step that has not passed, or the last step when all have.
func (w *Workbook) Current() *steps.Step {
	for _, s := range w.Book.Steps {
		if !w.Progress.Passed(s.ID) {
			return s
		}
	}
	if n := len(w.Book.Steps); n > 0 {
		return w.Book.Steps[n-1]
	}
	return nil
}

// Status returns "passed", "failed" or "todo" for a step.
func (w *Workbook) Status(s *steps.Step) string {
	if st := w.Progress.Steps[s.ID]; st != nil && st.Status != "" {
		return st.Status
	}
	return "todo"
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

// Path returns the absolute path of a workspace-relative file.
func (w *Workbook) Path(rel string) string {
	return filepath.Join(w.Dir, filepath.FromSlash(rel))
}

// EditFile returns the file a learner should edit for s: its first starter file with a TODO
// marker, else its first starter file, else its first solution file.
func (w *Workbook) EditFile(s *steps.Step) string {
	for _, f := range s.Starter {
		if bytes.Contains(f.Data, []byte("TODO(")) {
			return f.Path
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

// Prepare gives the workspace everything step s needs: the starter files of every step up to the
// furthest one reached (only where missing) and the check files of the steps whose checks are
// active there (restored if edited or deleted; removed once retired). It returns the paths it
// wrote.
func (w *Workbook) Prepare(s *steps.Step) ([]string, error) {
	reach := s
	if r, ok := w.Book.ByID(w.Progress.Reached); ok && r.Index > reach.Index {
		reach = r
	}
	var written []string
	for _, pkg := range w.Book.Packages() {
		var last *steps.Step
		for _, t := range w.Book.Package(pkg) {
			if t.Index <= reach.Index {
				last = t
			}
		}
		if last == nil {
			continue
		}
		active := map[string]bool{}
		for _, t := range w.Book.Active(last) {
			active[t.ID] = true
		}
		for _, t := range w.Book.Package(pkg) {
			if t.Index > reach.Index {
				break
			}
			for _, f := range t.Starter {
				p := w.Path(f.Path)
				if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
					if err := writeFile(p, f.Data); err != nil {
						return written, fmt.Errorf("workbook: %w", err)
					}
					written = append(written, f.Path)
				}
			}
			for _, f := range t.Check {
				p := w.Path(f.Path)
				old, err := os.ReadFile(p)
				if !active[t.ID] {
					if err == nil {
						os.Remove(p)
					}
					continue
				}
				if err == nil && bytes.Equal(old, f.Data) {
					continue
				}
				if err := writeFile(p, f.Data); err != nil {
					return written, fmt.Errorf("workbook: %w", err)
				}
				written = append(written, f.Path)
			}
		}
	}
	if reach.ID != w.Progress.Reached {
		w.Progress.Reached = reach.ID
		if err := w.Save(); err != nil {
			return written, fmt.Errorf("workbook: %w", err)
		}
	}
	return written, nil
}

// Check prepares and checks step s alone, records the verdict and saves progress.
func (w *Workbook) Check(ctx context.Context, s *steps.Step) (*checker.Result, error) {
	if _, err := w.Prepare(s); err != nil {
		return nil, err
	}
	res, err := checker.Run(ctx, w.request(s.Package, s.Timeout, s))
	if err != nil {
		return nil, err
	}
	w.Progress.Record(s.ID, res.Status == checker.Passed, res.Headline(), w.Now())
	if err := w.Save(); err != nil {
		return res, fmt.Errorf("workbook: the check ran but %w", err)
	}
	return res, nil
}

// A StepResult is one step's verdict in a run of several.
type StepResult struct {
	Step   *steps.Step
	Result *checker.Result
}

// CheckThrough checks step s, then every earlier step that is still active (most recent first),
// calling report after each verdict. Earlier steps of one package are checked together in one go
// test run; only if that run is not green are they checked one by one to say which broke.
func (w *Workbook) CheckThrough(ctx context.Context, s *steps.Step, report func(StepResult)) error {
	res, err := w.Check(ctx, s)
	if err != nil {
		return err
	}
	report(StepResult{s, res})
	// Earlier active steps, grouped by package, packages in order of their latest step. For s's
	// own package the active set is as of s (s may retire earlier checks).
	seen := map[string]bool{}
	for i := s.Index; i >= 0; i-- {
		t := w.Book.Steps[i]
		pkg := t.Package
		if seen[pkg] {
			continue
		}
		seen[pkg] = true
		var line []*steps.Step
		for _, a := range w.Book.Active(t) {
			if a.ID != s.ID {
				line = append(line, a)
			}
		}
		if len(line) == 0 {
			continue
		}
		// Most recent first, as a learner reads "what did I just break".
		for i, j := 0, len(line)-1; i < j; i, j = i+1, j-1 {
			line[i], line[j] = line[j], line[i]
		}
		res, err := checker.Run(ctx, w.request(pkg, maxTimeout(line), line...))
		if err != nil {
			return err
		}
		if res.Status == checker.Passed || res.Status == checker.BuildFailed {
			// All green, or the package does not compile: one run says it for every step.
			for _, t := range line {
				r := res
				if res.Status == checker.Passed {
					r = ownTests(res, t)
				}
				w.Progress.Record(t.ID, r.Status == checker.Passed, r.Headline(), w.Now())
				report(StepResult{t, r})
			}
			continue
		}
		for _, t := range line {
			r, err := checker.Run(ctx, w.request(pkg, t.Timeout, t))
			if err != nil {
				return err
			}
			w.Progress.Record(t.ID, r.Status == checker.Passed, r.Headline(), w.Now())
			report(StepResult{t, r})
		}
	}
	return w.Save()
}

// ownTests narrows a passing result of several steps' checks to the tests of step s.
func ownTests(res *checker.Result, s *steps.Step) *checker.Result {
	mine := map[string]bool{}
	for _, f := range s.Check {
		names, _ := checker.TestNames(f.Data)
		for _, n := range names {
			mine[n] = true
		}
	}
	out := *res
	out.Tests = nil
	out.Elapsed = 0 // the run was shared; its time is not this step's
	for _, t := range res.Tests {
		top, _, _ := strings.Cut(t.Name, "/")
		if mine[top] {
			out.Tests = append(out.Tests, t)
		}
	}
	return &out
}

func maxTimeout(line []*steps.Step) time.Duration {
	var d time.Duration
	for _, t := range line {
		d = max(d, t.Timeout)
	}
	return d
}

// request builds a checker request running the checks of the given steps in package pkg.
func (w *Workbook) request(pkg string, timeout time.Duration, ss ...*steps.Step) checker.Request {
	files := map[string][]byte{}
	for _, s := range ss {
		for _, f := range s.Check {
			files[f.Path] = f.Data
		}
	}
	return checker.Request{Dir: w.Dir, Package: pkg, Files: files, Timeout: timeout, GoCmd: w.GoCmd}
}

// NextHint reveals the next hint of s (the last one again once all are shown) and returns it
// with its 1-based number and the number of hints.
func (w *Workbook) NextHint(s *steps.Step) (hint string, n, total int, err error) {
	total = len(s.Hints)
	if total == 0 {
		return "", 0, 0, fmt.Errorf("workbook: step %s has no hints", s.ID)
	}
	st := w.Progress.Step(s.ID)
	if st.Hints < total {
		st.Hints++
	}
	n = st.Hints
	return s.Hints[n-1], n, total, w.Save()
}

// A FileDiff is how one of the learner's files differs from the reference.
type FileDiff struct {
	Path    string // workspace-relative
	Missing bool   // the learner has no such file
	Diff    string // unified diff from the learner's file to the reference; "" when equal
}

// SolutionDiff compares the learner's files with the reference files of step s.
func (w *Workbook) SolutionDiff(s *steps.Step) ([]FileDiff, error) {
	var out []FileDiff
	for _, f := range w.Book.Reference(s) {
		mine, err := os.ReadFile(w.Path(f.Path))
		missing := errors.Is(err, fs.ErrNotExist)
		if err != nil && !missing {
			return nil, fmt.Errorf("workbook: %w", err)
		}
		d := textdiff.Unified(w.Rel(f.Path)+" (yours)", w.Rel(f.Path)+" (reference)", string(mine), string(f.Data), 3)
		out = append(out, FileDiff{Path: f.Path, Missing: missing, Diff: d})
	}
	return out, nil
}

// ApplySolution writes the reference files of s into the workspace, after backing up any file it
// replaces, and returns the backup folder ("" when nothing needed backing up).
func (w *Workbook) ApplySolution(s *steps.Step) (backup string, err error) {
	if _, err := w.Prepare(s); err != nil {
		return "", err
	}
	files := map[string][]byte{}
	for _, f := range w.Book.Reference(s) {
		files[f.Path] = f.Data
	}
	backup, err = w.replace(s, "solution", files)
	if err != nil {
		return backup, err
	}
	w.Progress.Step(s.ID).Solution = true
	return backup, w.Save()
}

// Reset puts the files step s works on back to how they were right before the step (the
// reference after the previous steps plus the step's starter), after backing up the learner's
// versions. Files the step creates that did not exist before it are removed (and backed up).
func (w *Workbook) Reset(s *steps.Step) (backup string, err error) {
	before := w.Book.StateBefore(s)
	files := map[string][]byte{}
	for _, f := range append(append([]steps.File{}, s.Starter...), s.Solution...) {
		files[f.Path] = before[f.Path] // nil: the file did not exist before the step
	}
	backup, err = w.replace(s, "reset", files)
	if err != nil {
		return backup, err
	}
	if st := w.Progress.Steps[s.ID]; st != nil {
		st.Status, st.Verdict = "", ""
	}
	if _, err := w.Prepare(s); err != nil {
		return backup, err
	}
	return backup, w.Save()
}

// replace writes files (nil content: remove) into the workspace, first copying every existing
// file that would change into .learn/backup/<time>-<step>-<why>/.
func (w *Workbook) replace(s *steps.Step, why string, files map[string][]byte) (string, error) {
	stamp := w.Now().Format("20060102-150405")
	backup := filepath.Join(w.Dir, ".learn", "backup", fmt.Sprintf("%s-%s-%s", stamp, s.ID, why))
	used := false
	for rel, data := range files {
		old, err := os.ReadFile(w.Path(rel))
		if err == nil && (data == nil || !bytes.Equal(old, data)) {
			if err := writeFile(filepath.Join(backup, filepath.FromSlash(rel)), old); err != nil {
				return "", fmt.Errorf("workbook: back up %s: %w", rel, err)
			}
			used = true
		}
	}
	for rel, data := range files {
		p := w.Path(rel)
		if data == nil {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return backup, fmt.Errorf("workbook: %w", err)
			}
			continue
		}
		if err := writeFile(p, data); err != nil {
			return backup, fmt.Errorf("workbook: %w", err)
		}
	}
	if !used {
		return "", nil
	}
	return backup, nil
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

func writeIfMissing(p string, data []byte) error {
	if _, err := os.Stat(p); err == nil {
		return nil
	}
	return writeFile(p, data)
}

func writeFile(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return progress.WriteFileAtomic(p, data, 0o644)
}
