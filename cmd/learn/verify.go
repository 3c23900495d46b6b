package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/verify"
)

func (a *app) verify(ctx context.Context, args []string) int {
	fs := a.newFlags("verify")
	parallel := fs.Int("parallel", runtime.NumCPU(), "steps checked at once")
	if pos, err := parseArgs(fs, args); err != nil || len(pos) > 0 {
		return a.usageError("usage: learn verify [--parallel N]")
	}
	v := &verify.Verifier{Book: a.book, Chapters: a.lessons, Root: repoRoot(), GoCmd: a.goCmd}
	v.Cache, v.WorkDir = verify.DefaultCache(os.Getenv("LEARN_VERIFY_CACHE"))
	defer v.Close()
	start := time.Now()
	if v.Root == "" {
		fmt.Fprintln(a.stderr, a.paint(yellow, "not inside the learn-go-hard-way repository: reference directories and repository links are not checked"))
	}
	problems := v.Run(ctx, *parallel, func(r verify.Report) {
		if len(r.Problems) == 0 {
			fmt.Fprintf(a.stdout, "%s %s\n", a.paint(green_, "ok  "), r.What)
			return
		}
		fmt.Fprintf(a.stdout, "%s %s\n", a.paint(red, "FAIL"), r.What)
		for _, p := range r.Problems {
			fmt.Fprintf(a.stdout, "%s\n", indentLines(p.Error(), "     "))
		}
	})
	hits, runs := v.CacheStats()
	fmt.Fprintf(a.stdout, "\n%s\n", a.paint(dim, fmt.Sprintf("%s; %d verdicts from the cache (LEARN_VERIFY_CACHE=off runs everything), %d checks run",
		time.Since(start).Round(time.Second), hits, runs)))
	if problems > 0 {
		fmt.Fprintf(a.stdout, "\n%d problems\n", problems)
		return exitFail
	}
	fmt.Fprintf(a.stdout, "\nall %d steps, their references and the lessons check out\n", len(a.book.Steps))
	return exitOK
}

// repoRoot finds the repository this binary's book came from, walking up from the working
// directory to a go.mod declaring the project's module. It returns "" when there is none.
func repoRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.HasPrefix(string(data), "module github.com/learn-go-hard-way/learn-go-hard-way\n") {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
