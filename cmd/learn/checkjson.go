package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// checkJSON is learn check --json: the same checks as learn check, each verdict printed as one
// checker.Verdict object on its own line of standard output (JSON Lines), and nothing else
// there; notes go to standard error. With STEP it prints one line; without, the current step's
// first, then every earlier started step's. A check that cannot run prints a verdict with
// status "error". The exit code is learn check's: 0 all passed, 1 a check failed, 2 learn
// could not work.
func (a *app) checkJSON(ctx context.Context, pos []string) int {
	emit := verdictLines(a.stdout)
	var s *steps.Step
	if len(pos) == 1 {
		var err error
		if s, err = a.book.Find(pos[0]); err != nil {
			emit(checker.ErrorVerdict(pos[0], err))
			return exitUsage
		}
	}
	wb, err := a.open()
	if err != nil {
		id := ""
		if s != nil {
			id = s.ID
		}
		emit(checker.ErrorVerdict(id, err))
		return exitUsage
	}
	if s != nil {
		a.start(wb, s)
		res, err := wb.Check(ctx, s)
		if res == nil {
			emit(checker.ErrorVerdict(s.ID, err))
			return exitUsage
		}
		emit(withWarning(checker.NewVerdict(s.ID, res), err))
		if res.Status != checker.Passed {
			return exitFail
		}
		return exitOK
	}
	s = wb.Current()
	if s == nil {
		emit(checker.ErrorVerdict("", errors.New("the book has no steps")))
		return exitUsage
	}
	a.start(wb, s)
	total, green := 0, 0
	err = wb.CheckThrough(ctx, s, func(r workbook.StepResult) {
		total++
		if r.Result.Status == checker.Passed {
			green++
		}
		emit(checker.NewVerdict(r.Step.ID, r.Result))
	})
	if total == 0 {
		emit(checker.ErrorVerdict(s.ID, fmt.Errorf("no check ran: %v", err)))
		return exitUsage
	}
	a.warnSave(err)
	if green != total {
		return exitFail
	}
	return exitOK
}

// checkAllJSON is learn check --all --json: learn check --all (every step re-checked from the
// learner's files, progress rebuilt), with a verdict line for each step that was checked, in book
// order; steps not started print nothing. Exit codes as checkAll: 0 every checked step passed, 1
// one failed or progress could not be saved (said on standard error), 2 learn could not work.
func (a *app) checkAllJSON(ctx context.Context) int {
	emit := verdictLines(a.stdout)
	wb, err := a.open()
	if err != nil {
		emit(checker.ErrorVerdict("", err))
		return exitUsage
	}
	failed := 0
	err = wb.CheckAll(ctx, func(r workbook.StepResult) {
		if r.Result == nil {
			return // not started
		}
		if r.Result.Status != checker.Passed {
			failed++
		}
		emit(checker.NewVerdict(r.Step.ID, r.Result))
	})
	var se *workbook.SaveError
	if err != nil && !errors.As(err, &se) {
		emit(checker.ErrorVerdict("", err))
		return exitUsage
	}
	if se != nil {
		a.warnSave(se)
		return exitFail
	}
	if failed > 0 {
		return exitFail
	}
	return exitOK
}

// withWarning notes on a verdict that progress could not be saved, when err says so.
func withWarning(v checker.Verdict, err error) checker.Verdict {
	var se *workbook.SaveError
	if errors.As(err, &se) {
		v.Warning = se.Error() + " (the verdict stands; progress was not recorded)"
	}
	return v
}

// verdictLines returns a function that writes each verdict to w as one line of JSON.
func verdictLines(w io.Writer) func(checker.Verdict) {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return func(v checker.Verdict) { enc.Encode(v) }
}
