// Package steps holds the workbook's exercises and loads them in book order.
//
// Every step lives in a folder named by its id (see README.md in this folder for the format):
// step.json with its title, lesson section and package; hints.md; and three file trees relative to
// the learner's workspace: _starter (added to the workspace only where missing), _solution (the
// reference after the step, whole files) and _check (the check test). The folders are embedded,
// so the learn binary carries every step.
package steps

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"sync"
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
	Hints   []string      // one to three hints, nudge first

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

var (
	loadOnce sync.Once
	loaded   *Book
	loadErr  error
)

// Embedded returns the book embedded in this binary, loaded once. An error means the embedded
// steps are malformed, which the package's tests rule out for a released binary.
func Embedded() (*Book, error) {
	loadOnce.Do(func() { loaded, loadErr = Load(embedded) })
	return loaded, loadErr
}

// idPattern is a step id: chapter, section, kebab-case name.
var idPattern = regexp.MustCompile(`^(\d\d)\.(\d\d)-[a-z0-9]+(-[a-z0-9]+)*$`)

// legacyID is a step id, or a prefix of one, from before sections had two digits: "03.2-read".
var legacyID = regexp.MustCompile(`^(\d\d)\.(\d)(-|$)`)

// Canonical returns id in the current numbering: ids written before sections had two digits
// ("03.2-read-lines", in an old progress file or a learner's habit) gain the leading zero
// ("03.02-read-lines"). Any other string is returned as it is.
func Canonical(id string) string {
	return legacyID.ReplaceAllString(id, "$1.0$2$3")
}

type stepJSON struct {
	Title   string   `json:"title"`
	Lesson  string   `json:"lesson"`
	Package string   `json:"package"`
	Timeout string   `json:"timeout"`
	Retires []string `json:"retires"`
	Guards  []string `json:"guards"`
}

// Load reads a book from fsys, laid out as this folder is: order.txt, packages.txt and one
// folder per step. Every problem found is reported, joined into one error.
func Load(fsys fs.FS) (*Book, error) {
	b := &Book{References: map[string]string{}, byID: map[string]*Step{}}
	var errs []error
	order, err := fs.ReadFile(fsys, "order.txt")
	if err != nil {
		return nil, fmt.Errorf("steps: %w", err)
	}
	refs, err := fs.ReadFile(fsys, "packages.txt")
	if err != nil {
		return nil, fmt.Errorf("steps: %w", err)
	}
	b.renamed = map[string]string{}
	renamed, _ := fs.ReadFile(fsys, "renamed.txt") // optional
	for _, l := range lines(renamed) {
		f := strings.Fields(l.text)
		if len(f) != 2 {
			errs = append(errs, fmt.Errorf("steps: renamed.txt:%d: want \"old-id new-id\", got %q", l.n, l.text))
			continue
		}
		b.renamed[f[0]] = f[1]
	}
	for _, l := range lines(refs) {
		f := strings.Fields(l.text)
		if len(f) != 2 {
			errs = append(errs, fmt.Errorf("steps: packages.txt:%d: want \"package directory\", got %q", l.n, l.text))
			continue
		}
		b.References[f[0]] = f[1]
	}
	for _, l := range lines(order) {
		id, n := l.text, l.n
		if !idPattern.MatchString(id) {
			errs = append(errs, fmt.Errorf("steps: order.txt:%d: %q is not a step id like 03.02-read-lines (two-digit chapter and section)", n, id))
			continue
		}
		if _, dup := b.byID[id]; dup {
			errs = append(errs, fmt.Errorf("steps: order.txt:%d: %s is listed twice", n, id))
			continue
		}
		s, err := loadStep(fsys, id)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		s.Index = len(b.Steps)
		b.Steps = append(b.Steps, s)
		b.byID[id] = s
	}
	// Every step folder must be listed, or it would silently never be taught.
	entries, _ := fs.ReadDir(fsys, ".")
	for _, e := range entries {
		if e.IsDir() && idPattern.MatchString(e.Name()) {
			if _, ok := b.byID[e.Name()]; !ok && !listed(order, e.Name()) {
				errs = append(errs, fmt.Errorf("steps: folder %s is not listed in order.txt", e.Name()))
			}
		}
	}
	for old, cur := range b.renamed {
		if _, ok := b.byID[cur]; !ok {
			errs = append(errs, fmt.Errorf("steps: renamed.txt: %s becomes %s, which is not a step", old, cur))
		}
		if _, ok := b.byID[old]; ok {
			errs = append(errs, fmt.Errorf("steps: renamed.txt: %s is still a step", old))
		}
	}
	for pkg := range b.References {
		if len(b.Package(pkg)) == 0 {
			errs = append(errs, fmt.Errorf("steps: packages.txt names package %q, which no step builds", pkg))
		}
	}
	for _, s := range b.Steps {
		for _, r := range s.Retires {
			t, ok := b.byID[r]
			if !ok || t.Index >= s.Index || t.Package != s.Package {
				errs = append(errs, fmt.Errorf("steps: %s: retires %q, which is not an earlier step of package %s", s.ID, r, s.Package))
			}
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return b, nil
}

func listed(order []byte, id string) bool {
	return slices.ContainsFunc(lines(order), func(l line) bool { return l.text == id })
}

// A line is one meaningful line of a small text file and its number, from 1.
type line struct {
	n    int
	text string
}

// lines returns the non-empty, non-comment (#) lines of a small text file.
func lines(data []byte) []line {
	var out []line
	for i, l := range strings.Split(string(data), "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, line{i + 1, l})
	}
	return out
}

func loadStep(fsys fs.FS, id string) (*Step, error) {
	raw, err := fs.ReadFile(fsys, id+"/step.json")
	if err != nil {
		return nil, fmt.Errorf("steps: %s: %w", id, err)
	}
	var j stepJSON
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		return nil, fmt.Errorf("steps: %s/step.json: %w", id, err)
	}
	m := idPattern.FindStringSubmatch(id)
	s := &Step{
		ID:      id,
		Chapter: "ch" + m[1],
		Section: id[:strings.IndexByte(id, '-')],
		Title:   j.Title,
		Package: j.Package,
		Retires: j.Retires,
		Guards:  j.Guards,
		Timeout: DefaultTimeout,
	}
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("steps: %s/step.json: "+format, append([]any{id}, args...)...))
	}
	if s.Title == "" {
		bad("title is empty")
	}
	if s.Package == "" || path.Clean(s.Package) != s.Package || strings.HasPrefix(s.Package, ".") || strings.HasPrefix(s.Package, "/") {
		bad("package %q is not a workspace folder like \"files\"", s.Package)
	}
	lesson, anchor, ok := strings.Cut(j.Lesson, "#")
	if !ok || lesson == "" || anchor == "" {
		bad("lesson %q is not \"chNN/file.md#heading-anchor\"", j.Lesson)
	}
	s.Lesson, s.Anchor = lesson, anchor
	if j.Timeout != "" {
		d, err := time.ParseDuration(j.Timeout)
		if err != nil || d <= 0 {
			bad("timeout %q is not a positive duration like \"20s\"", j.Timeout)
		} else {
			s.Timeout = d
		}
	}
	if hints, err := fs.ReadFile(fsys, id+"/hints.md"); err == nil {
		s.Hints = splitHints(hints)
	}
	if s.Starter, err = readTree(fsys, id+"/_starter"); err != nil {
		errs = append(errs, err)
	}
	if s.Solution, err = readTree(fsys, id+"/_solution"); err != nil {
		errs = append(errs, err)
	}
	if s.Check, err = readTree(fsys, id+"/_check"); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return s, nil
}

// splitHints splits hints.md at lines holding only "---".
func splitHints(data []byte) []string {
	var hints []string
	var cur []string
	flush := func() {
		if h := strings.TrimSpace(strings.Join(cur, "\n")); h != "" {
			hints = append(hints, h)
		}
		cur = cur[:0]
	}
	for l := range strings.SplitSeq(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
		if strings.TrimSpace(l) == "---" {
			flush()
			continue
		}
		cur = append(cur, l)
	}
	flush()
	return hints
}

// readTree reads every file under root, with paths relative to root. A missing root is an
// empty tree.
func readTree(fsys fs.FS, root string) ([]File, error) {
	var files []File
	err := fs.WalkDir(fsys, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == root {
				return fs.SkipDir
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files = append(files, File{Path: strings.TrimPrefix(p, root+"/"), Data: data})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("steps: %w", err)
	}
	return files, nil
}
