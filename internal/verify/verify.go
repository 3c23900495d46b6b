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
	"context"
	"errors"
	"fmt"
	"go/format"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"

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

	mu     sync.Mutex
	parsed map[string]*lesson.Lesson
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
// lesson section and the callout.
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

// Dynamic runs the step's check on the state before the step (it must fail with a test failure)
// and every active check of its package on the state after it (they must pass). The starter's
// verdict is returned so authors can read the learner-facing message.
func (v *Verifier) Dynamic(ctx context.Context, s *steps.Step) (starter *checker.Result, errs []error) {
	// Before: the previous reference plus the starter, with the check files a learner has then.
	var prev *steps.Step
	for _, t := range v.Book.Package(s.Package) {
		if t.Index < s.Index {
			prev = t
		}
	}
	var checks []*steps.Step
	if prev != nil {
		checks = v.Book.Active(prev)
	}
	before, err := v.run(ctx, v.Book.StateBefore(s), checks, s)
	if err != nil {
		return nil, []error{fmt.Errorf("starter: %w", err)}
	}
	switch {
	case before.Status == checker.Passed:
		errs = append(errs, errors.New("starter: the check passes before the step is done (a check that cannot fail)"))
	case before.Status != checker.Failed || before.Flooded:
		errs = append(errs, fmt.Errorf("starter: the check %s, want a test failure that says what is missing\n%s",
			before.Headline(), indent(before.Details())))
	case strings.TrimSpace(before.Details()) == "":
		errs = append(errs, errors.New("starter: the check fails without a message"))
	}

	// After: the reference, with every active check.
	after, err := v.run(ctx, v.Book.StateAfter(s.Package, s), v.Book.Active(s), v.Book.Active(s)...)
	if err != nil {
		return before, append(errs, fmt.Errorf("reference: %w", err))
	}
	if after.Status != checker.Passed {
		errs = append(errs, fmt.Errorf("reference: the checks through this step %s\n%s", after.Headline(), indent(after.Details())))
	}
	return before, errs
}

// run builds a throwaway workspace holding files plus the check files of present, and checks the
// given steps there.
func (v *Verifier) run(ctx context.Context, files map[string][]byte, present []*steps.Step, run ...*steps.Step) (*checker.Result, error) {
	dir, err := os.MkdirTemp("", "learn-verify-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	all := map[string][]byte{"go.mod": []byte(steps.GoMod)}
	for p, d := range files {
		all[p] = d
	}
	for _, t := range present {
		for _, f := range t.Check {
			all[f.Path] = f.Data
		}
	}
	for p, d := range all {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(full, d, 0o644); err != nil {
			return nil, err
		}
	}
	req := checker.Request{Dir: dir, Package: run[0].Package, Files: map[string][]byte{}, GoCmd: v.GoCmd}
	for _, t := range run {
		req.Timeout = max(req.Timeout, t.Timeout)
		for _, f := range t.Check {
			req.Files[f.Path] = f.Data
		}
	}
	return checker.Run(ctx, req)
}

// Reference checks that the last step of a package leaves exactly the reference directory's
// non-test Go files. It needs Root.
func (v *Verifier) Reference(pkg string) []error {
	if v.Root == "" {
		return nil
	}
	line := v.Book.Package(pkg)
	if len(line) == 0 {
		return nil
	}
	ref := v.Book.References[pkg]
	state := v.Book.StateAfter(pkg, line[len(line)-1])
	want := map[string][]byte{}
	for p, d := range state {
		if rest, ok := strings.CutPrefix(p, pkg+"/"); ok && !strings.Contains(rest, "/") && strings.HasSuffix(rest, ".go") {
			want[rest] = d
		}
	}
	var errs []error
	entries, err := os.ReadDir(filepath.Join(v.Root, filepath.FromSlash(ref)))
	if err != nil {
		return []error{fmt.Errorf("reference directory %s: %w", ref, err)}
	}
	have := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		have[name] = true
		data, err := os.ReadFile(filepath.Join(v.Root, filepath.FromSlash(ref), name))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		w, ok := want[name]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("%s/%s is not built by any step of package %s", ref, name, pkg))
		case !bytes.Equal(w, data):
			errs = append(errs, fmt.Errorf("%s/%s differs from what the steps of package %s leave (last written by %s)",
				ref, name, pkg, lastWriter(line, pkg+"/"+name)))
		}
	}
	for name := range want {
		if !have[name] {
			errs = append(errs, fmt.Errorf("the steps of package %s leave %s, which %s does not have", pkg, name, ref))
		}
	}
	return errs
}

func lastWriter(line []*steps.Step, p string) string {
	id := "no step"
	for _, s := range line {
		for _, f := range s.Solution {
			if f.Path == p {
				id = s.ID
			}
		}
	}
	return id
}

var (
	workspacePath = regexp.MustCompile("workspace/[A-Za-z0-9_./-]+\\.go\\b")
	stepMention   = regexp.MustCompile(`learn (?:check|hint|solution|reset)(?: --apply)? (\d\d\.\d\d-[a-z0-9-]+)`)
)

// Lessons checks every lesson: links and images resolve, anchors exist, callouts name real steps,
// workspace files named exist in some step, and complete Go blocks compile (one go build for all).
func (v *Verifier) Lessons(ctx context.Context) []error {
	files, err := v.lessonFiles()
	if err != nil {
		return []error{err}
	}
	provided := map[string]bool{}
	for _, s := range v.Book.Steps {
		for _, f := range append(append([]steps.File{}, s.Starter...), s.Solution...) {
			provided["workspace/"+f.Path] = true
		}
	}
	var errs []error
	var blocks []codeRef
	for _, p := range files {
		l, err := v.lesson(p)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		src, _ := fs.ReadFile(v.Chapters, p)
		for _, link := range l.Links {
			if err := v.link(p, link.Dest); err != nil {
				errs = append(errs, fmt.Errorf("%s:%d: %w", p, link.Line, err))
			}
		}
		for _, c := range l.Callouts {
			s, ok := v.Book.ByID(c.Step)
			if !ok {
				errs = append(errs, fmt.Errorf("%s:%d: callout for step %s, which does not exist", p, c.Line, c.Step))
			} else if s.Lesson != p {
				errs = append(errs, fmt.Errorf("%s:%d: callout for step %s, whose step.json names lesson %s", p, c.Line, c.Step, s.Lesson))
			}
		}
		for _, m := range stepMention.FindAllSubmatchIndex(src, -1) {
			id := string(src[m[2]:m[3]])
			if _, ok := v.Book.ByID(id); !ok {
				errs = append(errs, fmt.Errorf("%s:%d: mentions step %s, which does not exist", p, lineOf(src, m[0]), id))
			}
		}
		for _, m := range workspacePath.FindAllIndex(src, -1) {
			wp := string(src[m[0]:m[1]])
			if !provided[wp] && !strings.HasSuffix(wp, "_test.go") {
				errs = append(errs, fmt.Errorf("%s:%d: names %s, which no step provides", p, lineOf(src, m[0]), wp))
			}
		}
		for _, c := range l.Code {
			if c.Complete() {
				blocks = append(blocks, codeRef{p, c})
			}
		}
	}
	errs = append(errs, v.compile(ctx, blocks)...)
	return errs
}

// link checks one link of lesson p.
func (v *Verifier) link(p, dest string) error {
	if dest == "" {
		return errors.New("empty link")
	}
	if strings.Contains(dest, "://") || strings.HasPrefix(dest, "mailto:") {
		return nil
	}
	target, anchor, _ := strings.Cut(dest, "#")
	var targetPath string // relative to the chapters folder, for lessons
	if target == "" {
		targetPath = p
	} else {
		targetPath = path.Join(path.Dir(p), target)
	}
	if strings.HasSuffix(targetPath, ".md") && !strings.HasPrefix(targetPath, "..") {
		l, err := v.lesson(targetPath)
		if err != nil {
			return fmt.Errorf("link %q: no lesson %s", dest, targetPath)
		}
		if anchor != "" {
			if _, ok := l.Anchor(anchor); !ok {
				return fmt.Errorf("link %q: %s has no heading #%s", dest, targetPath, anchor)
			}
		}
		return nil
	}
	// A file elsewhere in the repository, relative to chapters/.
	if v.Root == "" {
		return nil
	}
	full := filepath.Join(v.Root, "chapters", filepath.FromSlash(targetPath))
	if _, err := os.Stat(full); err != nil {
		return fmt.Errorf("link %q: no file %s", dest, filepath.ToSlash(filepath.Join("chapters", targetPath)))
	}
	return nil
}

type codeRef struct {
	lesson string
	block  lesson.CodeBlock
}

// compile builds every complete Go block as a package of its own in one throwaway module.
func (v *Verifier) compile(ctx context.Context, blocks []codeRef) []error {
	if len(blocks) == 0 {
		return nil
	}
	dir, err := os.MkdirTemp("", "learn-lessons-")
	if err != nil {
		return []error{err}
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module lessons\n\ngo 1.25\n"), 0o644); err != nil {
		return []error{err}
	}
	where := map[string]codeRef{}
	for i, b := range blocks {
		name := fmt.Sprintf("b%03d", i)
		where[name] = b
		if err := os.MkdirAll(filepath.Join(dir, name), 0o755); err != nil {
			return []error{err}
		}
		if err := os.WriteFile(filepath.Join(dir, name, "main.go"), []byte(b.block.Code), 0o644); err != nil {
			return []error{err}
		}
	}
	goCmd := v.GoCmd
	if goCmd == "" {
		goCmd = "go"
	}
	cmd := exec.CommandContext(ctx, goCmd, "build", "-o", filepath.Join(dir, "bin")+string(filepath.Separator), "./...")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err == nil {
		return nil
	}
	var errs []error
	pos := regexp.MustCompile(`^(?:\./)?(b\d{3})/main\.go:(\d+)(?::\d+)?: (.*)$`)
	for line := range strings.SplitSeq(string(out), "\n") {
		m := pos.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		b := where[m[1]]
		var n int
		fmt.Sscan(m[2], &n)
		errs = append(errs, fmt.Errorf("%s:%d: complete Go block does not compile: line %d: %s", b.lesson, b.block.Line, n, m[3]))
	}
	if len(errs) == 0 {
		errs = append(errs, fmt.Errorf("building the lessons' Go blocks: %v\n%s", err, out))
	}
	return errs
}

func lineOf(src []byte, off int) int { return bytes.Count(src[:off], []byte("\n")) + 1 }

func indent(s string) string {
	s = strings.TrimRight(s, "\n")
	if s == "" {
		return ""
	}
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}
