package verify

import (
	"context"
	"fmt"
	"sync"
)

// A Report is the outcome of checking one thing: a step, a package's reference, or the lessons.
type Report struct {
	What     string  // "step 03.02-read-lines", "reference files", "lessons"
	Problems []error // empty when all is well
	// Starter is the verdict on the state before the step, for steps: what a learner sees first.
	Starter string
}

// Run checks everything, with up to parallel steps at once, and calls report for each item in
// book order (steps, then references, then lessons) as soon as it and everything before it is
// done. It returns the number of problems found.
func (v *Verifier) Run(ctx context.Context, parallel int, report func(Report)) int {
	parallel = max(parallel, 1)
	n := len(v.Book.Steps)
	results := make([]chan Report, n)
	sem := make(chan struct{}, parallel)
	var wg sync.WaitGroup
	for i, s := range v.Book.Steps {
		results[i] = make(chan Report, 1)
		static := v.Static(s)
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			starter, errs := v.Dynamic(ctx, s)
			r := Report{What: "step " + s.ID, Problems: append(static, errs...)}
			if starter != nil {
				r.Starter = starter.Headline()
			}
			results[i] <- r
		}()
	}
	problems := 0
	for _, ch := range results {
		r := <-ch
		problems += len(r.Problems)
		report(r)
	}
	wg.Wait()
	for _, pkg := range v.Book.Packages() {
		r := Report{What: fmt.Sprintf("reference %s = %s", pkg, v.Book.References[pkg]), Problems: v.Reference(pkg)}
		problems += len(r.Problems)
		report(r)
	}
	r := Report{What: "chapter snapshots (chapters/chNN/<package>)", Problems: v.Snapshots()}
	problems += len(r.Problems)
	report(r)
	r = Report{What: "lessons", Problems: v.Lessons(ctx)}
	problems += len(r.Problems)
	report(r)
	return problems
}
