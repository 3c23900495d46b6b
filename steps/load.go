package steps

import (
	"bytes"
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
	Fixed   string   `json:"fixed"`
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
		ID:       id,
		Chapter:  "ch" + m[1],
		Optional: OptionalChapter("ch" + m[1]),
		Section:  id[:strings.IndexByte(id, '-')],
		Title:    j.Title,
		Package:  j.Package,
		Retires:  j.Retires,
		Guards:   j.Guards,
		Fixed:    j.Fixed,
		Timeout:  DefaultTimeout,
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
