// Package verify is the workbook's dev check: it proves the step invariants and the honesty of
// the lessons, for CI (through this package's tests) and for authors (learn verify).
//
// For every step it proves that the check fails on the code a learner has right before the step,
// with a test failure (not a build error, a panic or a timeout), and that after the step the check
// and every earlier active check of its package pass. For every package it proves that the last
// step leaves exactly the reference code. For every lesson it proves that links, images and
// anchors resolve, that complete Go code blocks compile, and that each step has its callout.
package verify

import (
	"bytes"
	"fmt"
	"go/format"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/lesson"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// A Verifier checks a book against its lessons and, when Root is set, the repository.
type Verifier struct {
	Book     *steps.Book
	Chapters fs.FS // the chapters folder: "ch03/03.02-reading-files.md"
	// Root is the repository root, for reference directories, assets and links to source files.
	// Empty skips those checks.
	Root string
	// GoCmd is the go command; empty means "go".
	GoCmd string
	// Cache is a folder where verdicts of the dynamic check are kept, keyed by a hash of all
	// they depend on (the files, the checks, the go version), so an unchanged step is not run
	// again. Empty: no cache.
	Cache string
	// WorkDir is a folder for the dynamic check's throwaway workspaces, one per step and side,
	// reused between runs so the go command's build cache recognises unchanged packages. Empty:
	// fresh temporary folders. One Verifier at a time uses it (see Close); another one that
	// runs meanwhile uses temporary folders.
	WorkDir   string
	claimOnce sync.Once
	claimed   string // the claim file in WorkDir, while this Verifier holds it
	release   func() // removes it

	mu     sync.Mutex
	parsed map[string]*lesson.Lesson

	stdOnce sync.Once
	std     *lockedImporter // the standard library, type-checked from source once

	versionOnce  sync.Once
	version      string // go env GOVERSION GOOS GOARCH
	hits, misses atomic.Int64
}

func (v *Verifier) lesson(p string) (*lesson.Lesson, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.parsed == nil {
		v.parsed = map[string]*lesson.Lesson{}
	}
	if l, ok := v.parsed[p]; ok {
		return l, nil
	}
	data, err := fs.ReadFile(v.Chapters, p)
	if err != nil {
		return nil, err
	}
	l := lesson.Parse(data)
	v.parsed[p] = l
	return l, nil
}

// lessonFiles lists every markdown file of the book.
func (v *Verifier) lessonFiles() ([]string, error) {
	var out []string
	err := fs.WalkDir(v.Chapters, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") && strings.Contains(p, "/") {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}

// Static checks what can be checked without running anything: hints, files, formatting, the
// lesson section and the callout, imports of other workspace packages (Imports), and that applying the solution cannot break a learner's own
// code (ApplySafe).
func (v *Verifier) Static(s *steps.Step) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if n := len(s.Hints); n < 1 || n > 3 {
		bad("has %d hints in hints.md, want 1 to 3", n)
	}
	if len(s.Check) == 0 {
		bad("has no check files in _check/")
	}
	if len(s.Solution) == 0 {
		bad("has no solution files in _solution/")
	}
	todo := len(s.Starter) == 0
	for _, f := range s.Starter {
		if bytes.Contains(f.Data, []byte("TODO(")) {
			todo = true
		}
	}
	if !todo {
		bad("starter has no TODO( marker telling the learner where to work")
	}
	for _, group := range []struct {
		name  string
		files []steps.File
	}{{"_starter", s.Starter}, {"_solution", s.Solution}, {"_check", s.Check}} {
		for _, f := range group.files {
			if !strings.HasSuffix(f.Path, ".go") {
				continue
			}
			if formatted, err := format.Source(f.Data); err != nil {
				bad("%s/%s does not parse: %v", group.name, f.Path, err)
			} else if !bytes.Equal(formatted, f.Data) {
				bad("%s/%s is not gofmt-formatted", group.name, f.Path)
			}
		}
	}
	for _, sol := range s.Solution {
		for _, st := range s.Starter {
			if st.Path == sol.Path && bytes.Equal(st.Data, sol.Data) {
				bad("_solution/%s repeats the starter byte for byte; drop it (the starter is part of the state after the step)", sol.Path)
			}
		}
	}
	if !usesRandomInput(s) && s.Fixed == "" {
		bad("the check uses no random input: where the expected output derives from the input, a hard-coded " +
			"answer passes it. Randomise the input (math/rand/v2), or say in step.json's \"fixed\" why fixed input is enough")
	}
	for _, f := range s.Check {
		dir, name := path.Split(f.Path)
		if strings.TrimSuffix(dir, "/") != s.Package || !strings.HasPrefix(name, "check_") || !strings.HasSuffix(name, "_test.go") {
			bad("check file %s must be %s/check_*_test.go", f.Path, s.Package)
		}
		if names, err := checker.TestNames(f.Data); err != nil || len(names) == 0 {
			bad("check file %s has no test functions", f.Path)
		}
	}
	errs = append(errs, v.callout(s)...)
	errs = append(errs, v.Imports(s)...)
	errs = append(errs, v.ApplySafe(s)...)
	return errs
}

// callout checks that the step's lesson section exists and holds exactly its callout.
func (v *Verifier) callout(s *steps.Step) []error {
	l, err := v.lesson(s.Lesson)
	if err != nil {
		return []error{fmt.Errorf("lesson %s: %w", s.Lesson, err)}
	}
	h, ok := l.Anchor(s.Anchor)
	if !ok {
		return []error{fmt.Errorf("lesson %s has no heading with anchor #%s", s.Lesson, s.Anchor)}
	}
	end := 1 << 30
	for _, o := range l.Headings {
		if o.Line > h.Line && o.Level <= h.Level {
			end = o.Line
			break
		}
	}
	found := 0
	for _, c := range l.Callouts {
		if c.Step == s.ID && c.Line > h.Line && c.Line < end {
			found++
		}
	}
	if found != 1 {
		return []error{fmt.Errorf("lesson %s#%s has %d callouts \"> **Step %s: ...**\", want exactly 1", s.Lesson, s.Anchor, found, s.ID)}
	}
	return nil
}

// usesRandomInput reports whether any of s's check files imports math/rand or math/rand/v2.
func usesRandomInput(s *steps.Step) bool {
	for _, f := range s.Check {
		if bytes.Contains(f.Data, []byte(`"math/rand"`)) || bytes.Contains(f.Data, []byte(`"math/rand/v2"`)) {
			return true
		}
	}
	return false
}
