package verify

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/lesson"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

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
	// A second, empty package keeps go build in its several-packages mode even for one block:
	// it then compiles without linking, and writes no binary.
	if err := os.MkdirAll(filepath.Join(dir, "zz"), 0o755); err != nil {
		return []error{err}
	}
	if err := os.WriteFile(filepath.Join(dir, "zz", "zz.go"), []byte("package zz\n"), 0o644); err != nil {
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
	// Several packages and no -o: go build compiles them all and links none, which is what a
	// compile check needs (linking every block costs a minute more on a cold cache).
	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goCmd, "build", "./...")
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
