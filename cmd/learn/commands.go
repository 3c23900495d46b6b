package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/progress"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/watch"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

func (a *app) list(args []string) int {
	fs := a.newFlags("list")
	plain := fs.Bool("plain", false, "one line per step: ID<TAB>STATUS<TAB>TITLE")
	pos, err := parseArgs(fs, args)
	if err != nil || len(pos) > 0 {
		return a.usageError("usage: learn list [--plain]")
	}
	wb, err := a.open()
	if err != nil {
		return a.fail(err)
	}
	if *plain {
		for _, s := range a.book.Steps {
			fmt.Fprintf(a.stdout, "%s\t%s\t%s\n", s.ID, wb.Status(s), s.Title)
		}
		return exitOK
	}
	current := wb.Current()
	type count struct{ done, total int }
	counts := map[string]*count{}
	for _, s := range a.book.Steps {
		c := counts[s.Chapter]
		if c == nil {
			c = &count{}
			counts[s.Chapter] = c
		}
		c.total++
		if wb.Status(s) == progress.Passed {
			c.done++
		}
	}
	chapter := ""
	for _, s := range a.book.Steps {
		if s.Chapter != chapter {
			chapter = s.Chapter
			c := counts[chapter]
			fmt.Fprintf(a.stdout, "\n%s  %s\n", a.paint(bold, a.chapterTitle(s.Chapter)),
				a.paint(dim, fmt.Sprintf("%d/%d steps done", c.done, c.total)))
		}
		mark := a.mark(wb.Status(s))
		line := fmt.Sprintf("  %s %-28s %s", mark, s.ID, s.Title)
		if current != nil && s.ID == current.ID && wb.Status(s) != progress.Passed {
			line += a.paint(cyan, "  ← current")
		}
		fmt.Fprintln(a.stdout, line)
	}
	fmt.Fprintf(a.stdout, "\n%s\n", a.bookBar(wb))
	return exitOK
}

func (a *app) check(ctx context.Context, args []string) int {
	fs := a.newFlags("check")
	all := fs.Bool("all", false, "re-check every step from your files and rebuild progress")
	asJSON := fs.Bool("json", false, "print each verdict as one JSON object per line")
	pos, err := parseArgs(fs, args)
	if err != nil || len(pos) > 1 || (*all && len(pos) > 0) {
		return a.usageError("usage: learn check [STEP] [--json] | learn check --all [--json]")
	}
	if *asJSON && *all {
		return a.checkAllJSON(ctx)
	}
	if *asJSON {
		return a.checkJSON(ctx, pos)
	}
	wb, err := a.open()
	if err != nil {
		return a.fail(err)
	}
	if *all {
		return a.checkAll(ctx, wb)
	}
	if len(pos) == 1 {
		s, err := a.book.Find(pos[0])
		if err != nil {
			return a.fail(err)
		}
		fmt.Fprintf(a.stderr, "%s\n", a.paint(dim, "checking "+s.ID+"…"))
		a.start(wb, s)
		res, err := wb.Check(ctx, s)
		if res == nil {
			return a.fail(err)
		}
		a.printVerdict(wb, s, res, true)
		a.warnSave(err)
		if res.Status != checker.Passed {
			return exitFail
		}
		return exitOK
	}
	s := wb.Current()
	if s == nil {
		return a.fail(fmt.Errorf("the book has no steps"))
	}
	fmt.Fprintf(a.stderr, "%s\n", a.paint(dim, "checking "+s.ID+", then every earlier step you have started…"))
	green, total := 0, 0
	a.start(wb, s)
	err = wb.CheckThrough(ctx, s, func(r workbook.StepResult) {
		total++
		if r.Result.Status == checker.Passed {
			green++
		}
		a.printVerdict(wb, r.Step, r.Result, r.Step == s)
	})
	if total == 0 {
		return a.fail(err)
	}
	a.warnSave(err)
	summary := fmt.Sprintf("%d of %d checks pass", green, total)
	if green == total {
		fmt.Fprintf(a.stdout, "\n%s %s\n", a.paint(green_, "✓"), summary)
		return exitOK
	}
	fmt.Fprintf(a.stdout, "\n%s %s\n", a.paint(red, "✗"), summary)
	return exitFail
}

// checkAll re-checks every step from the learner's files and rebuilds progress.
func (a *app) checkAll(ctx context.Context, wb *workbook.Workbook) int {
	fmt.Fprintf(a.stderr, "%s\n", a.paint(dim, "re-checking every step from your files to rebuild progress…"))
	passed, failed, todo := 0, 0, 0
	err := wb.CheckAll(ctx, func(r workbook.StepResult) {
		switch {
		case r.Result == nil:
			todo++
		case r.Result.Status == checker.Passed:
			passed++
			fmt.Fprintf(a.stdout, "%s %s\n", a.paint(green_, "✓"), r.Step.ID)
		default:
			failed++
			fmt.Fprintf(a.stdout, "%s %s  %s\n", a.paint(red, "✗"), r.Step.ID, a.paint(dim, r.Result.Headline()))
		}
	})
	var se *workbook.SaveError
	if err != nil && !errors.As(err, &se) {
		return a.fail(err)
	}
	fmt.Fprintf(a.stdout, "\n%d passed, %d failed, %d to do\n%s\n", passed, failed, todo, a.bookBar(wb))
	if se != nil {
		a.warnSave(se)
		return exitFail
	}
	fmt.Fprintf(a.stdout, "progress rebuilt in %s\n", wb.Rel(".learn/progress.json"))
	if failed > 0 {
		return exitFail
	}
	return exitOK
}

// start gives the workspace what step s needs and says what it added or put back: a check file
// the learner edited is restored, with a note (the checker never ran their copy anyway).
func (a *app) start(wb *workbook.Workbook, s *steps.Step) {
	done, err := wb.Start(s)
	for _, p := range done.Added {
		if !strings.Contains(p, "/check_") {
			fmt.Fprintf(a.stderr, "%s\n", a.paint(dim, "added "+wb.Rel(p)))
		}
	}
	for _, p := range done.Restored {
		fmt.Fprintf(a.stderr, "%s restored %s: check files are learn's; write your own tests in other files\n",
			a.paint(yellow, "note:"), wb.Rel(p))
	}
	if err != nil {
		a.warnSave(err)
	}
}

// warnSave prints a one-line warning when err says progress could not be saved; a verdict was
// still given, and the exit code comes from it.
func (a *app) warnSave(err error) {
	var se *workbook.SaveError
	if errors.As(err, &se) {
		fmt.Fprintf(a.stderr, "%s %v (the verdict above stands; progress was not recorded)\n", a.paint(yellow, "warning:"), se)
	} else if err != nil {
		fmt.Fprintf(a.stderr, "%s %v\n", a.paint(yellow, "warning:"), err)
	}
}

// printVerdict prints one step's verdict: a line, then for failures the details and what to do.
func (a *app) printVerdict(wb *workbook.Workbook, s *steps.Step, res *checker.Result, advice bool) {
	if res.Status == checker.Passed {
		fmt.Fprintf(a.stdout, "%s %s  %s  %s\n", a.paint(green_, "✓"), s.ID, s.Title, a.paint(dim, res.Headline()))
		if advice {
			if next := a.next(wb, s); next != nil {
				fmt.Fprintf(a.stdout, "  next: %s %s (learn check %s)\n", next.ID, next.Title, next.ID)
			} else if wb.Done() == len(a.book.Steps) {
				fmt.Fprintln(a.stdout, "  every step of the book passes. Well done.")
			} else if wb.RequiredDone() && !s.Optional {
				fmt.Fprintln(a.stdout, "  every required step of the book passes. Well done. (Chapter 0 is optional: learn list shows it.)")
			}
		}
		return
	}
	color := red
	if res.Status == checker.TimedOut {
		color = yellow
	}
	fmt.Fprintf(a.stdout, "%s %s  %s\n  %s\n", a.paint(color, "✗"), s.ID, s.Title, a.paint(color, res.Headline()))
	if d := strings.TrimRight(res.Details(), "\n"); d != "" {
		fmt.Fprintf(a.stdout, "\n%s\n\n", indentLines(d, "  "))
	}
	if advice {
		fmt.Fprintf(a.stdout, "  edit %s · hint: learn hint %s · lesson: learn read %s\n",
			wb.Rel(wb.EditFile(s)), s.ID, s.ID)
	}
}

func (a *app) next(wb *workbook.Workbook, s *steps.Step) *steps.Step {
	for _, t := range a.book.Steps[s.Index+1:] {
		if wb.Status(t) != progress.Passed {
			return t
		}
	}
	return nil
}

func (a *app) watch(ctx context.Context, args []string) int {
	fs := a.newFlags("watch")
	pos, err := parseArgs(fs, args)
	if err != nil || len(pos) > 1 {
		return a.usageError("usage: learn watch [STEP]")
	}
	wb, err := a.open()
	if err != nil {
		return a.fail(err)
	}
	follow := len(pos) == 0 // without STEP, watch follows the current step as steps pass
	s, err := a.stepArg(wb, pos, false, "watch")
	if err != nil {
		return a.fail(err)
	}
	w, err := watch.Start(wb.Dir, watch.Options{})
	if err != nil {
		return a.fail(err)
	}
	defer w.Close()
	mode := "file notifications"
	if w.Polling {
		mode = "polling every 0.5s (LEARN_WATCH=poll or notifications unavailable)"
	}
	fmt.Fprintf(a.stderr, "%s\n", a.paint(dim, fmt.Sprintf("watching %s for saves (%s); Ctrl-C stops", wb.Dir, mode)))
	last := exitFail
	for {
		fmt.Fprintf(a.stdout, "%s\n", a.paint(dim, "── "+time.Now().Format("15:04:05")+" checking "+s.ID+" ──"))
		a.start(wb, s)
		res, err := wb.Check(ctx, s)
		if ctx.Err() != nil {
			return last
		}
		if res == nil {
			return a.fail(err)
		}
		a.printVerdict(wb, s, res, true)
		a.warnSave(err)
		last = exitOK
		if res.Status != checker.Passed {
			last = exitFail
		} else if follow {
			if next := a.next(wb, s); next != nil {
				s = next
				if _, err := wb.Start(s); err != nil {
					a.warnSave(err)
				}
				fmt.Fprintf(a.stdout, "  now watching %s: edit %s\n", s.ID, wb.Rel(wb.EditFile(s)))
			}
		}
		select {
		case <-ctx.Done():
			return last
		case _, ok := <-w.C:
			if !ok {
				return last
			}
		}
	}
}

func (a *app) hint(args []string) int {
	fs := a.newFlags("hint")
	pos, err := parseArgs(fs, args)
	if err != nil {
		return a.usageError("usage: learn hint [STEP]")
	}
	wb, err := a.open()
	if err != nil {
		return a.fail(err)
	}
	s, err := a.stepArg(wb, pos, false, "hint")
	if err != nil {
		return a.fail(err)
	}
	h, n, total, err := wb.NextHint(s)
	if h == "" {
		return a.fail(err)
	}
	defer a.warnSave(err)
	fmt.Fprintf(a.stdout, "%s\n\n%s\n", a.paint(bold, fmt.Sprintf("Hint %d of %d for %s", n, total, s.ID)), h)
	if n < total {
		fmt.Fprintf(a.stdout, "\n%s\n", a.paint(dim, "run it again for the next hint"))
	}
	return exitOK
}

func (a *app) solution(ctx context.Context, args []string) int {
	fs := a.newFlags("solution")
	apply := fs.Bool("apply", false, "write the reference files into the workspace")
	pos, err := parseArgs(fs, args)
	if err != nil || len(pos) != 1 {
		return a.usageError("usage: learn solution STEP [--apply]")
	}
	wb, err := a.open()
	if err != nil {
		return a.fail(err)
	}
	s, err := a.book.Find(pos[0])
	if err != nil {
		return a.fail(err)
	}
	if *apply {
		backup, err := wb.ApplySolution(ctx, s)
		var ae *workbook.ApplyError
		switch {
		case errors.As(err, &ae):
			fmt.Fprintf(a.stderr, "learn: %v\n%s\n", ae, a.paint(dim, "learn solution "+s.ID+" shows the reference as a diff"))
			return exitFail
		case err != nil && backup == "":
			var se *workbook.SaveError
			if !errors.As(err, &se) {
				return a.fail(err)
			}
		}
		defer a.warnSave(err)
		for _, f := range a.book.Reference(s) {
			fmt.Fprintf(a.stdout, "wrote %s\n", wb.Rel(f.Path))
		}
		if backup != "" {
			fmt.Fprintf(a.stdout, "your previous versions are in %s\n", backup)
		}
		return exitOK
	}
	diffs, err := wb.SolutionDiff(s)
	if err != nil {
		return a.fail(err)
	}
	same := true
	for _, d := range diffs {
		switch {
		case d.Diff == "":
			fmt.Fprintf(a.stdout, "%s matches the reference\n", wb.Rel(d.Path))
		default:
			same = false
			if d.Missing {
				fmt.Fprintf(a.stdout, "%s does not exist yet; the reference is:\n", wb.Rel(d.Path))
			}
			fmt.Fprint(a.stdout, a.colorDiff(d.Diff))
		}
	}
	if !same {
		fmt.Fprintf(a.stdout, "\n%s\n", a.paint(dim, "learn solution "+s.ID+" --apply writes the reference (your files are backed up first)"))
	}
	return exitOK
}

func (a *app) reset(args []string) int {
	fs := a.newFlags("reset")
	pos, err := parseArgs(fs, args)
	if err != nil || len(pos) != 1 {
		return a.usageError("usage: learn reset STEP")
	}
	wb, err := a.open()
	if err != nil {
		return a.fail(err)
	}
	s, err := a.book.Find(pos[0])
	if err != nil {
		return a.fail(err)
	}
	backup, err := wb.Reset(s)
	var se *workbook.SaveError
	if err != nil && !errors.As(err, &se) {
		return a.fail(err)
	}
	defer a.warnSave(err)
	fmt.Fprintf(a.stdout, "%s is back to its starting point\n", s.ID)
	if backup != "" {
		fmt.Fprintf(a.stdout, "your previous versions are in %s\n", backup)
	}
	return exitOK
}

// bookBar draws the book's progress bar: required steps only, so that skipping the optional
// chapter 0 still ends at 100%.
func (a *app) bookBar(wb *workbook.Workbook) string {
	done, total := wb.Required()
	return a.bar(done, total, 30)
}

func (a *app) progress(args []string) int {
	fs := a.newFlags("progress")
	if pos, err := parseArgs(fs, args); err != nil || len(pos) > 0 {
		return a.usageError("usage: learn progress")
	}
	wb, err := a.open()
	if err != nil {
		return a.fail(err)
	}
	done, total := wb.Required()
	fmt.Fprintf(a.stdout, "%s, chapter 0 not counted (it is optional)\n\n", a.bar(done, total, 40))
	chapter := ""
	done, n := 0, 0
	flush := func() {
		if chapter != "" {
			fmt.Fprintf(a.stdout, "  %-44s %s\n", a.chapterTitle(chapter), a.bar(done, n, 20))
		}
	}
	for _, s := range a.book.Steps {
		if s.Chapter != chapter {
			flush()
			chapter, done, n = s.Chapter, 0, 0
		}
		n++
		if wb.Status(s) == progress.Passed {
			done++
		}
	}
	flush()
	if c := wb.Current(); c != nil && wb.Status(c) != progress.Passed {
		fmt.Fprintf(a.stdout, "\ncurrent step: %s %s (edit %s)\n", c.ID, c.Title, wb.Rel(wb.EditFile(c)))
	}
	fmt.Fprintf(a.stdout, "workspace: %s\n", wb.Dir)
	return exitOK
}

func (a *app) chapterTitle(ch string) string {
	title := ch
	for _, c := range a.chapters() {
		if c.dir == ch {
			title = c.title
			break
		}
	}
	if steps.OptionalChapter(ch) {
		title += " (optional)"
	}
	return title
}

func indentLines(s, indent string) string {
	return indent + strings.ReplaceAll(s, "\n", "\n"+indent)
}
