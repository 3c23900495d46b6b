// Package steps holds the workbook's exercises and loads them in book order.
//
// Every step lives in a folder named by its id (see README.md in this folder for the format):
// step.json with its title, lesson section and package; hints.md; and three file trees relative to
// the learner's workspace: _starter (added to the workspace only where missing), _solution (the
// reference after the step, whole files) and _check (the check test). The folders are embedded,
// so the learn binary carries every step.
package steps

import (
	"embed"
	"fmt"
	"slices"
	"strings"
	"time"
)

//go:embed order.txt packages.txt renamed.txt all:[0-9]*
var embedded embed.FS

// Module is the module path of every learner's workspace: check tests and starters that import a
// workspace package use it ("workspace/rawhttp").
const Module = "workspace"

// GoMod is the go.mod of a workspace, and of every throwaway module the dev check builds.
const GoMod = "module " + Module + "\n\ngo 1.25\n"

// DefaultTimeout is how long a step's check may run when its step.json sets no timeout.
const DefaultTimeout = 30 * time.Second

// A File is one file of a step, with its path relative to the workspace root (slash-separated).
type File struct {
	Path string
	Data []byte
}

// A Step is one exercise: what to build, where it is taught, and how it is checked.
type Step struct {
	ID      string        // folder name, e.g. "03.02-read-lines"
	Index   int           // position in book order, from 0
	Chapter string        // "ch03", from the id's chapter number
	Section string        // "03.02", the lesson number in the id
	Title   string        // short imperative title
	Lesson  string        // lesson file relative to chapters/, e.g. "ch03/03.02-reading-files.md"
	Anchor  string        // heading anchor in Lesson that introduces the step
	Package string        // workspace package folder the check runs in
	Timeout time.Duration // the check's time limit
	Retires []string      // ids of earlier steps whose checks stop running from this step on
	Guards  []string      // tests of the check that pass before the step by design (see README)
	Fixed   string        // why the check needs no random input, when it uses none (see README)
	Hints   []string      // one to three hints, nudge first
	// Optional is set for the steps of an optional chapter (chapter 0): they are listed
	// first and can be done at any time, but a learner is never sent to one.
	Optional bool

	Starter  []File // added to the workspace where missing
	Solution []File // the reference after this step (whole files)
	Check    []File // the check test files (workspace-relative, in Package)
}

// A Book is every step in order plus the reference directory of each workspace package.
type Book struct {
	Steps []*Step
	// References maps a workspace package that is also a library of the repository (e.g.
	// "logtar") to the library's directory ("logtar"): the package's code after its last step
	// must equal the library. Every package's code at the end of each chapter is kept in
	// chapters/chNN/<package> as well (see internal/author).
	References map[string]string
	byID       map[string]*Step
	renamed    map[string]string // old id -> the id that carries its work now (renamed.txt)
}

// OptionalChapter reports whether the chapter in folder dir ("ch00") is optional. Chapter 0,
// the opening on performance, is: the book is complete without it, and a new learner starts at
// chapter 1.
func OptionalChapter(dir string) bool { return dir == "ch00" }

// FirstUnfinished returns the step a learner should work on next, given which steps they have
// passed: the first required step not passed; when every required step has passed, the first
// optional one not passed; when every step has, the last step. It returns nil for a book with
// no steps.
func (b *Book) FirstUnfinished(passed func(id string) bool) *Step {
	var optional *Step
	for _, s := range b.Steps {
		if passed(s.ID) {
			continue
		}
		if !s.Optional {
			return s
		}
		if optional == nil {
			optional = s
		}
	}
	if optional != nil {
		return optional
	}
	if n := len(b.Steps); n > 0 {
		return b.Steps[n-1]
	}
	return nil
}

// Canonical returns the id that carries step id's work in this book: ids of the one-digit
// numbering gain their zero (see the package function Canonical), and steps that were renamed
// or merged into another (renamed.txt) map to their successor. Any other string is returned as
// it is.
func (b *Book) Canonical(id string) string {
	id = Canonical(id)
	for range 10 { // a chain of renames, bounded in case of a cycle
		next, ok := b.renamed[id]
		if !ok {
			break
		}
		id = next
	}
	return id
}

// ByID returns the step with the given id.
func (b *Book) ByID(id string) (*Step, bool) {
	s, ok := b.byID[id]
	return s, ok
}

// Find returns the step whose id is id, or, failing that, the only step whose id starts with id
// (so "03.02" or "03.02-read" name "03.02-read-lines" when nothing else matches).
func (b *Book) Find(id string) (*Step, error) {
	if s, ok := b.byID[id]; ok {
		return s, nil
	}
	if s, ok := b.byID[b.Canonical(id)]; ok {
		return s, nil
	}
	prefix := Canonical(id)
	var found []*Step
	for _, s := range b.Steps {
		if strings.HasPrefix(s.ID, prefix) {
			found = append(found, s)
		}
	}
	switch len(found) {
	case 0:
		return nil, fmt.Errorf("steps: no step %q (learn list shows them all)", id)
	case 1:
		return found[0], nil
	}
	ids := make([]string, len(found))
	for i, s := range found {
		ids[i] = s.ID
	}
	return nil, fmt.Errorf("steps: %q could be any of %s", id, strings.Join(ids, ", "))
}

// Package returns the steps of one workspace package, in order.
func (b *Book) Package(pkg string) []*Step {
	var out []*Step
	for _, s := range b.Steps {
		if s.Package == pkg {
			out = append(out, s)
		}
	}
	return out
}

// Packages returns the workspace packages in the order their first step appears.
func (b *Book) Packages() []string {
	var out []string
	for _, s := range b.Steps {
		if !slices.Contains(out, s.Package) {
			out = append(out, s.Package)
		}
	}
	return out
}

// Active returns the steps of s's package up to and including s whose checks still run once s
// is done: those not retired by s or by an earlier step of the package.
func (b *Book) Active(s *Step) []*Step {
	var line []*Step
	retired := map[string]bool{}
	for _, t := range b.Package(s.Package) {
		if t.Index > s.Index {
			break
		}
		for _, r := range t.Retires {
			retired[r] = true
		}
		line = append(line, t)
	}
	return slices.DeleteFunc(line, func(t *Step) bool { return retired[t.ID] })
}

// StateAfter returns the reference files of s's package after step s (nil s: before any step),
// as a map from workspace-relative path to content: for each step of the package in order, its
// starter files where missing, then its solution files written over them. A starter file the
// learner does not need to change (a complete type, a runnable main) need not be repeated in the
// solution.
func (b *Book) StateAfter(pkg string, s *Step) map[string][]byte {
	state := map[string][]byte{}
	for _, t := range b.Package(pkg) {
		if s == nil || t.Index > s.Index {
			break
		}
		for _, f := range t.Starter {
			if _, ok := state[f.Path]; !ok {
				state[f.Path] = f.Data
			}
		}
		for _, f := range t.Solution {
			state[f.Path] = f.Data
		}
	}
	return state
}

// Reference returns the reference version, after step s, of every file s touches: its solution
// files, then its starter files that the solution does not repeat.
func (b *Book) Reference(s *Step) []File {
	after := b.StateAfter(s.Package, s)
	var out []File
	seen := map[string]bool{}
	for _, f := range append(append([]File{}, s.Solution...), s.Starter...) {
		if !seen[f.Path] {
			seen[f.Path] = true
			out = append(out, File{Path: f.Path, Data: after[f.Path]})
		}
	}
	return out
}

// StateBefore returns what a learner who did every earlier step exactly has right before s:
// the reference after the previous step of the package plus s's starter files where missing.
func (b *Book) StateBefore(s *Step) map[string][]byte {
	var prev *Step
	for _, t := range b.Package(s.Package) {
		if t.Index >= s.Index {
			break
		}
		prev = t
	}
	state := b.StateAfter(s.Package, prev)
	for _, f := range s.Starter {
		if _, ok := state[f.Path]; !ok {
			state[f.Path] = f.Data
		}
	}
	return state
}
