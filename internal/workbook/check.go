package workbook

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// Check starts step s if needed, checks it alone, records the verdict, counts the attempt and
// saves progress. When the check ran but the workspace could not be written (read-only, full),
// it returns the verdict together with a *SaveError.
func (w *Workbook) Check(ctx context.Context, s *steps.Step) (*checker.Result, error) {
	var saveErr error
	if _, err := w.Start(s); err != nil {
		// A workspace that cannot be written can still be checked: the checker overlays its
		// pristine check files, and the learner's files are there or they are not.
		saveErr = asSaveError(err)
	}
	res, err := checker.Run(ctx, w.request(s.Package, s.Timeout, s))
	if err != nil {
		return nil, err
	}
	w.Progress.Record(s.ID, res.Status == checker.Passed, res.Headline(), w.Now())
	w.Progress.Attempt(s.ID)
	if err := w.Save(); err != nil && saveErr == nil {
		saveErr = &SaveError{err}
	}
	return res, saveErr
}

func asSaveError(err error) error {
	var se *SaveError
	if errors.As(err, &se) {
		return se
	}
	return &SaveError{err}
}

// A StepResult is one step's verdict in a run of several.
type StepResult struct {
	Step   *steps.Step
	Result *checker.Result
}

// CheckThrough checks step s, then every earlier step that is still active (most recent first),
// calling report after each verdict. Earlier steps of one package are checked together in one go
// test run; only if that run is not green are they checked one by one to say which broke. Only
// s's check counts as an attempt. A *SaveError at the end means every verdict was reported but
// progress could not be saved.
func (w *Workbook) CheckThrough(ctx context.Context, s *steps.Step, report func(StepResult)) error {
	res, err := w.Check(ctx, s)
	var saveErr *SaveError
	if err != nil && !errors.As(err, &saveErr) {
		return err
	}
	report(StepResult{s, res})
	// Earlier active steps, grouped by package, packages in order of their latest step. For s's
	// own package the active set is as of s (s may retire earlier checks).
	seen := map[string]bool{}
	for i := s.Index; i >= 0; i-- {
		t := w.Book.Steps[i]
		pkg := t.Package
		if seen[pkg] || (t.Optional && !s.Optional) {
			continue // an optional chapter's steps never hold up a required one
		}
		seen[pkg] = true
		var line []*steps.Step
		for _, a := range w.Book.Active(t) {
			if a.ID != s.ID && w.Progress.Started(a.ID) {
				line = append(line, a)
			}
		}
		if len(line) == 0 {
			continue
		}
		slices.Reverse(line) // most recent first, as a learner reads "what did I just break"
		if err := w.checkGroup(ctx, pkg, line, report); err != nil {
			return err
		}
	}
	if err := w.Save(); err != nil {
		return &SaveError{err}
	}
	if saveErr != nil {
		return saveErr
	}
	return nil
}

// checkGroup checks the steps of one package in one run, and one by one if that run is not
// green, recording each verdict (not as attempts) and reporting it.
func (w *Workbook) checkGroup(ctx context.Context, pkg string, line []*steps.Step, report func(StepResult)) error {
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
		return nil
	}
	for _, t := range line {
		r, err := checker.Run(ctx, w.request(pkg, t.Timeout, t))
		if err != nil {
			return err
		}
		w.Progress.Record(t.ID, r.Status == checker.Passed, r.Headline(), w.Now())
		report(StepResult{t, r})
	}
	return nil
}

// ownTests narrows a result of several steps' checks to the tests of step s. The run was
// shared, so its time is not s's.
func ownTests(res *checker.Result, s *steps.Step) *checker.Result {
	mine := testNames(s)
	out := *res
	out.Tests = nil
	out.Elapsed = 0
	for _, t := range res.Tests {
		top, _, _ := strings.Cut(t.Name, "/")
		if mine[top] {
			out.Tests = append(out.Tests, t)
		}
	}
	return &out
}

// testNames returns the names of the test functions in s's check files.
func testNames(s *steps.Step) map[string]bool {
	mine := map[string]bool{}
	for _, f := range s.Check {
		names, _ := checker.TestNames(f.Data)
		for _, n := range names {
			mine[n] = true
		}
	}
	return mine
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
