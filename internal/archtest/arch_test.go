package archtest

import (
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const module = "github.com/learn-go-hard-way/learn-go-hard-way"

type pkg struct {
	ImportPath string
	Standard   bool
	Deps       []string
}

// listAll returns every package of the module and every package they depend on.
func listAll(t *testing.T) map[string]*pkg {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "list", "-deps", "-test=false", "-json=ImportPath,Standard,Deps", "./...")
	cmd.Dir = "../.."
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	all := map[string]*pkg{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		all[p.ImportPath] = &p
	}
	return all
}

// A rule says which non-standard packages the packages under prefix may depend on.
type rule struct {
	prefix  string   // module-relative path prefix, "" for the module root
	allowed []string // import path prefixes allowed outside the standard library
	why     string
}

var rules = []rule{
	{"logtar", nil, "logtar is standard library only"},
	{"velocy", nil, "velocy is standard library only"},
	{"chapters", nil, "the book and its chapters' code are standard library only"},
	{"steps", nil, "steps embeds files; it needs nothing else"},
	{"checker", nil, "the checker runs go test; it needs nothing else"},
	{"internal/progress", nil, "progress is a JSON file"},
	{"internal/atomicfile", nil, "writing a file atomically needs the os package alone"},
	{"internal/lockfile", nil, "a lock file needs the os package alone"},
	{"internal/author", nil, "the author tools edit files and run git"},
	{"internal/textdiff", nil, "a diff is an algorithm, not a dependency"},
	{"internal/chart", nil, "charts are SVG and text written with fmt"},
	{"assets", nil, "the assets package only embeds files"},
	{"internal/bookrun", nil, "the capstone's program is built in a module of its own; learn only writes and runs it"},
	{"internal/learnbench", nil, "learn bench writes and runs a module; its contenders live there, never in this one"},
	{"internal/lesson", []string{"github.com/yuin/goldmark"}, "lessons are parsed with goldmark"},
	{"internal/watch", []string{"github.com/fsnotify/fsnotify", "golang.org/x/sys"}, "watching uses fsnotify"},
	{"internal/workbook", []string{"github.com/yuin/goldmark"}, "the workbook does not draw"},
	{"internal/verify", []string{"github.com/yuin/goldmark"}, "the dev check does not draw"},
	{"internal/web", []string{"github.com/yuin/goldmark"}, "the web edition renders with goldmark and serves with velocy and logtar"},
}

func TestDependencyRules(t *testing.T) {
	all := listAll(t)
	for path, p := range all {
		rel, ok := strings.CutPrefix(path, module+"/")
		if !ok || p.Standard {
			continue
		}
		for _, r := range rules {
			if rel != r.prefix && !strings.HasPrefix(rel, r.prefix+"/") {
				continue
			}
			for _, d := range p.Deps {
				dp := all[d]
				if dp == nil || dp.Standard || strings.HasPrefix(d, module+"/") {
					continue
				}
				if !allowedDep(d, r.allowed) {
					t.Errorf("%s imports %s: %s", rel, d, r.why)
				}
			}
		}
	}
}

func allowedDep(d string, allowed []string) bool {
	for _, a := range allowed {
		if d == a || strings.HasPrefix(d, a+"/") {
			return true
		}
	}
	return false
}

// TestInternalEdges checks the rules between our own packages.
func TestInternalEdges(t *testing.T) {
	all := listAll(t)
	forbidden := []struct {
		from, to, why string
	}{
		{"logtar", "velocy", "logtar and velocy meet through log/slog, never an import"},
		{"velocy", "logtar", "logtar and velocy meet through log/slog, never an import"},
		{"logtar", "internal", "the libraries know nothing of the workbook"},
		{"velocy", "internal", "the libraries know nothing of the workbook"},
		{"checker", "steps", "the checker knows nothing of steps"},
		{"checker", "internal", "the checker stands alone"},
		{"steps", "internal", "steps only embeds files"},
		{"chapters", "internal", "the book only embeds files"},
		{"internal/workbook", "internal/tui", "only cmd/learn starts the TUI"},
		{"internal/verify", "internal/tui", "only cmd/learn starts the TUI"},
		{"internal/verify", "internal/workbook", "the dev check builds its own workspaces; it needs nothing of the learner's"},
		{"internal/progress", "internal/workbook", "progress is a file format; the workbook uses it, not the other way"},
		{"internal/web", "internal/tui", "the web edition draws HTML; the terminal UI is another face of the workbook"},
	}
	for path, p := range all {
		rel, ok := strings.CutPrefix(path, module+"/")
		if !ok {
			continue
		}
		for _, f := range forbidden {
			if rel != f.from && !strings.HasPrefix(rel, f.from+"/") {
				continue
			}
			for _, d := range p.Deps {
				drel, ok := strings.CutPrefix(d, module+"/")
				if ok && (drel == f.to || strings.HasPrefix(drel, f.to+"/")) {
					t.Errorf("%s depends on %s: %s", rel, drel, f.why)
				}
			}
		}
		// The terminal libraries belong to the TUI alone.
		if !strings.HasPrefix(rel, "internal/tui") && !strings.HasPrefix(rel, "cmd/") {
			for _, d := range p.Deps {
				if strings.HasPrefix(d, "github.com/charmbracelet/") {
					t.Errorf("%s depends on %s: only internal/tui may use the charm libraries", rel, d)
				}
			}
		}
	}
}

// TestFileSize keeps the engine's files small enough to read in one sitting: one idea a file.
func TestFileSize(t *testing.T) {
	const limit = 500
	err := filepath.WalkDir("..", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".go") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if n := strings.Count(string(data), "\n"); n > limit {
			t.Errorf("internal/%s has %d lines, more than %d: split it by concern", filepath.ToSlash(p[3:]), n, limit)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
