package workbook

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// CheckAll re-checks every step from the learner's files and rebuilds progress from the
// verdicts, for a learner whose progress file was lost or restored from an old copy, or who
// brought their code from elsewhere. Hints revealed, attempts and solutions seen are kept.
//
// For each package it finds the furthest step whose checks compile against the learner's code
// (a binary search with compile-only runs), runs every active check up to there in one go test,
// and gives each step its own tests' verdict. Steps beyond are to do, except the next one when
// its files are present: the learner is on it. report is called for every step, in book order;
// a nil Result means the step is to do.
func (w *Workbook) CheckAll(ctx context.Context, report func(StepResult)) error {
	for _, pkg := range w.Book.Packages() {
		if err := w.rebuildPackage(ctx, pkg, report); err != nil {
			return err
		}
	}
	if err := w.Save(); err != nil {
		return &SaveError{err}
	}
	return nil
}

func (w *Workbook) rebuildPackage(ctx context.Context, pkg string, report func(StepResult)) error {
	line := w.Book.Package(pkg)
	verdicts := make([]*checker.Result, len(line))
	defer func() {
		for i, s := range line {
			if verdicts[i] == nil {
				w.Progress.Reset(s.ID)
			} else {
				w.Progress.Record(s.ID, verdicts[i].Status == checker.Passed, verdicts[i].Headline(), w.Now())
				w.Progress.Start(s.ID)
			}
			report(StepResult{s, verdicts[i]})
		}
	}()
	if !w.hasGoFiles(pkg) {
		return nil
	}
	// The furthest step whose active checks compile with the learner's code.
	compiles := func(i int) (*checker.Result, error) {
		req := w.request(pkg, line[i].Timeout, w.Book.Active(line[i])...)
		req.CompileOnly = true
		return checker.Run(ctx, req)
	}
	lo, hi := -1, len(line) // line[lo] is known to compile, line[hi] known not to
	var failure *checker.Result
	for first := true; lo+1 < hi; first = false {
		mid := (lo + hi) / 2
		if first {
			mid = hi - 1 // most learners are at the end, or working on a later package
		}
		res, err := compiles(mid)
		if err != nil {
			return err
		}
		if res.Status == checker.BuildFailed {
			hi, failure = mid, res
		} else {
			lo = mid
		}
	}
	if lo >= 0 {
		if err := w.verdictsThrough(ctx, line, lo, verdicts); err != nil {
			return err
		}
	}
	// The step after: failed if the learner has started it (its starter files are there), else
	// to do.
	if hi < len(line) && failure != nil && w.hasStarter(line[hi]) {
		verdicts[hi] = failure
	}
	return nil
}

// verdictsThrough runs the active checks of line[:k+1] in one go test and sets each step's
// verdict from its own tests; a run that panicked or timed out is redone step by step. A retired
// step gets the verdict of the step that retired it.
func (w *Workbook) verdictsThrough(ctx context.Context, line []*steps.Step, k int, verdicts []*checker.Result) error {
	active := w.Book.Active(line[k])
	res, err := checker.Run(ctx, w.request(line[k].Package, maxTimeout(active), active...))
	if err != nil {
		return err
	}
	index := map[string]int{}
	for i, s := range line {
		index[s.ID] = i
	}
	for _, s := range active {
		i := index[s.ID]
		switch res.Status {
		case checker.Passed, checker.Failed:
			verdicts[i] = narrow(res, s)
		default:
			r, err := checker.Run(ctx, w.request(s.Package, s.Timeout, s))
			if err != nil {
				return err
			}
			verdicts[i] = r
		}
	}
	for _, s := range line[:k+1] {
		for _, r := range s.Retires {
			if v := verdicts[index[s.ID]]; v != nil && verdicts[index[r]] == nil {
				verdicts[index[r]] = v
			}
		}
	}
	return nil
}

// narrow is ownTests with the status decided by s's own tests alone.
func narrow(res *checker.Result, s *steps.Step) *checker.Result {
	out := ownTests(res, s)
	out.Status = checker.Passed
	mine := testNames(s)
	reported := map[string]bool{}
	for _, t := range out.Tests {
		if t.Outcome == "fail" || t.Outcome == "" {
			out.Status = checker.Failed
		}
		reported[t.Name] = true
	}
	for name := range mine {
		if !reported[name] {
			out.Status = checker.Failed
		}
	}
	return out
}

// hasGoFiles reports whether the workspace holds any Go file of package pkg.
func (w *Workbook) hasGoFiles(pkg string) bool {
	entries, err := os.ReadDir(w.Path(pkg))
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".go") && !strings.HasPrefix(e.Name(), "check_") {
			return true
		}
	}
	return false
}

// hasStarter reports whether step s hands out starter files and all of them are in the
// workspace.
func (w *Workbook) hasStarter(s *steps.Step) bool {
	if len(s.Starter) == 0 {
		return false
	}
	for _, f := range s.Starter {
		if _, err := os.Stat(w.Path(f.Path)); errors.Is(err, fs.ErrNotExist) {
			return false
		}
	}
	return true
}
