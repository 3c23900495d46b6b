package main

import (
	"context"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/learnbench"
)

// benchRun measures; tests replace it with a canned report.
var benchRun = learnbench.Run

// bench is learn bench [STEP|PACKAGE]: your router and logger timed against the reference, the
// standard library and, when the module proxy answers, httprouter, chi, zerolog and zap.
func (a *app) bench(ctx context.Context, args []string) int {
	fs := a.newFlags("bench")
	o := learnbench.Options{Book: a.book, GoCmd: a.goCmd, Log: a.stderr}
	fs.StringVar(&o.BenchTime, "benchtime", "", "time per contender and round (default 100ms), or Nx")
	fs.IntVar(&o.Count, "count", 0, "rounds, the fastest reported (default 3)")
	fs.BoolVar(&o.Offline, "offline", false, "leave out the third-party libraries")
	pos, err := parseArgs(fs, args)
	if err != nil || len(pos) > 1 || o.Count < 0 || o.Count > 5 {
		return a.usageError("usage: learn bench [--offline] [--benchtime D] [--count 1-5] [STEP|velocy|logtar]")
	}
	if o.Packages, err = learnbench.Select(a.book, append(pos, "")[0]); err != nil {
		return a.usageError(err.Error())
	}
	o.Workspace = a.dir
	rep, err := benchRun(ctx, o)
	if rep != nil {
		learnbench.Render(a.stdout, rep, a.color)
	}
	if err != nil {
		return a.fail(err)
	}
	return exitOK
}
