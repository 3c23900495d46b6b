package workbook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/textdiff"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// NextHint reveals the next hint of s (the last one again once all are shown) and returns it
// with its 1-based number and the number of hints. A *SaveError means the hint is valid but
// could not be remembered.
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
	if err := w.Save(); err != nil {
		return s.Hints[n-1], n, total, &SaveError{err}
	}
	return s.Hints[n-1], n, total, nil
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

// An ApplyError means applying a solution was undone because the learner's package, which
// compiled before, would not have compiled after: the reference files need something the
// learner's other files declare differently or not at all. Nothing was changed.
type ApplyError struct {
	Step  string
	Build string // the compiler's complaints about the package with the reference applied
}

func (e *ApplyError) Error() string {
	return fmt.Sprintf("applying the reference of %s would leave your package not compiling, so nothing was changed "+
		"(your other files declare things differently from the reference):\n%s", e.Step, strings.TrimRight(e.Build, "\n"))
}

// ApplySolution writes the reference files of s into the workspace, after backing up any file it
// replaces, and returns the backup folder ("" when nothing needed backing up). If the package
// compiled before and would not after (the learner's other files are their own and lack
// something the reference uses), it puts everything back and returns an *ApplyError.
func (w *Workbook) ApplySolution(ctx context.Context, s *steps.Step) (backup string, err error) {
	if _, err := w.Start(s); err != nil {
		return "", err
	}
	files := map[string][]byte{}
	for _, f := range w.Book.Reference(s) {
		files[f.Path] = f.Data
	}
	compiledBefore := w.build(ctx, s.Package) == ""
	old, err := w.snapshot(files)
	if err != nil {
		return "", err
	}
	backup, err = w.replace(s, "solution", files)
	if err != nil {
		return backup, err
	}
	if compiledBefore {
		if out := w.build(ctx, s.Package); out != "" {
			if err := w.restore(old); err != nil {
				return backup, fmt.Errorf("workbook: undoing the solution of %s: %w (your files are in %s)", s.ID, err, backup)
			}
			if backup != "" {
				os.RemoveAll(backup)
			}
			return "", &ApplyError{Step: s.ID, Build: out}
		}
	}
	w.Progress.Step(s.ID).Solution = true
	if err := w.Save(); err != nil {
		return backup, &SaveError{err}
	}
	return backup, nil
}

// buildLimit bounds the compile that guards applying a solution.
const buildLimit = 2 * time.Minute

// build compiles package pkg of the workspace (without its tests) and returns the compiler's
// complaints, "" when it compiles. A go command that cannot run at all counts as compiling:
// the safety net must not stand in the learner's way.
func (w *Workbook) build(ctx context.Context, pkg string) string {
	goCmd := w.GoCmd
	if goCmd == "" {
		goCmd = "go"
	}
	ctx, cancel := context.WithTimeout(ctx, buildLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, goCmd, "build", "./"+pkg)
	cmd.Dir = w.Dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err == nil || !errors.As(err, &exit) {
		return ""
	}
	return string(out)
}

// snapshot reads the current content of the given workspace files (nil: missing).
func (w *Workbook) snapshot(files map[string][]byte) (map[string][]byte, error) {
	old := map[string][]byte{}
	for rel := range files {
		data, err := os.ReadFile(w.Path(rel))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			old[rel] = nil
		case err != nil:
			return nil, fmt.Errorf("workbook: %w", err)
		default:
			old[rel] = data
		}
	}
	return old, nil
}

// restore puts files back as snapshot found them.
func (w *Workbook) restore(old map[string][]byte) error {
	var errs []error
	for rel, data := range old {
		p := w.Path(rel)
		if data == nil {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
			continue
		}
		if err := writeFile(p, data); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// ResetFiles returns the workspace files a reset of s puts back, sorted.
func (w *Workbook) ResetFiles(s *steps.Step) []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range append(append([]steps.File{}, s.Starter...), s.Solution...) {
		if !seen[f.Path] {
			seen[f.Path] = true
			out = append(out, f.Path)
		}
	}
	sort.Strings(out)
	return out
}

// Reset puts the files step s works on back to how they were right before the step (the
// reference after the previous steps plus the step's starter), after backing up the learner's
// versions. Files the step creates that did not exist before it are removed (and backed up).
func (w *Workbook) Reset(s *steps.Step) (backup string, err error) {
	before := w.Book.StateBefore(s)
	files := map[string][]byte{}
	for _, p := range w.ResetFiles(s) {
		files[p] = before[p] // nil: the file did not exist before the step
	}
	backup, err = w.replace(s, "reset", files)
	if err != nil {
		return backup, err
	}
	w.Progress.Reset(s.ID)
	if _, err := w.Start(s); err != nil {
		return backup, err
	}
	if err := w.Save(); err != nil {
		return backup, &SaveError{err}
	}
	return backup, nil
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
