package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

type result struct {
	code           int
	stdout, stderr string
}

// learn runs the program on the fixture book with a workspace under dir.
func learn(t *testing.T, dir string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{book: fixture.Book(), lessons: fixture.Lessons(), stdout: &out, stderr: &errb}
	code := a.run(append([]string{"--dir", dir}, args...))
	return result{code, out.String(), errb.String()}
}

func TestListPlain(t *testing.T) {
	r := learn(t, filepath.Join(t.TempDir(), "ws"), "list", "--plain")
	want := "01.01-add\ttodo\tAdd two numbers\n01.02-sub\ttodo\tSubtract\n02.01-greet\ttodo\tGreet someone\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("list --plain = %d %q, want 0 %q", r.code, r.stdout, want)
	}
}

func TestListGroupsByChapter(t *testing.T) {
	r := learn(t, filepath.Join(t.TempDir(), "ws"), "list")
	for _, want := range []string{"1. Calculating", "2. Greeting", "← current", "0/3 steps"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("list output lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	tests := [][]string{{"frobnicate"}, {"solution"}, {"reset"}, {"check", "a", "b"}, {"list", "extra"}, {"--bogus"}}
	for _, args := range tests {
		r := learn(t, dir, args...)
		if r.code != exitUsage || !strings.Contains(r.stderr, "learn") {
			t.Errorf("learn %v = %d %q, want exit 2 with a message", args, r.code, r.stderr)
		}
	}
	if r := learn(t, dir, "check", "09.9-nope"); r.code != exitUsage || !strings.Contains(r.stderr, "no step") {
		t.Errorf("check of an unknown step = %d %q", r.code, r.stderr)
	}
}

func TestTUINeedsATerminal(t *testing.T) {
	r := learn(t, filepath.Join(t.TempDir(), "ws"))
	if r.code != exitUsage || !strings.Contains(r.stderr, "needs a terminal") {
		t.Errorf("learn without a terminal = %d %q", r.code, r.stderr)
	}
}

// TestLearnerJourney is the acceptance path: fail the first step, apply its solution, pass it,
// and so on for every step; then the whole check and go test in the workspace are green.
func TestLearnerJourney(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test many times")
	}
	dir := filepath.Join(t.TempDir(), "ws")
	for _, id := range []string{"01.01-add", "01.02-sub", "02.01-greet"} {
		r := learn(t, dir, "check", id)
		if r.code != exitFail || !strings.Contains(r.stdout, "want") || !strings.Contains(r.stdout, "learn hint "+id) {
			t.Fatalf("check %s on the starter = %d\n%s%s", id, r.code, r.stdout, r.stderr)
		}
		if r := learn(t, dir, "solution", id); r.code != 0 || !strings.Contains(r.stdout, "(reference)") {
			t.Fatalf("solution %s = %d\n%s", id, r.code, r.stdout)
		}
		if r := learn(t, dir, "solution", id, "--apply"); r.code != 0 || !strings.Contains(r.stdout, "wrote") {
			t.Fatalf("solution %s --apply = %d\n%s%s", id, r.code, r.stdout, r.stderr)
		}
		if r := learn(t, dir, "check", id); r.code != 0 || !strings.Contains(r.stdout, "✓ "+id) {
			t.Fatalf("check %s after applying = %d\n%s%s", id, r.code, r.stdout, r.stderr)
		}
	}
	r := learn(t, dir, "check")
	if r.code != 0 || !strings.Contains(r.stdout, "3 of 3 checks pass") {
		t.Fatalf("check (all) = %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := learn(t, dir, "progress"); !strings.Contains(r.stdout, "3/3 steps (100%)") {
		t.Errorf("progress = %s", r.stdout)
	}
	if r := learn(t, dir, "reset", "02.01"); r.code != 0 || !strings.Contains(r.stdout, "previous versions are in") {
		t.Errorf("reset = %d %s%s", r.code, r.stdout, r.stderr)
	}
	if r := learn(t, dir, "list", "--plain"); !strings.Contains(r.stdout, "02.01-greet\ttodo") {
		t.Errorf("after reset, list = %s", r.stdout)
	}
	// The progress file is lost: check --all rebuilds it from the files.
	os.Remove(filepath.Join(dir, ".learn", "progress.json"))
	if r := learn(t, dir, "check", "--all"); r.code != exitFail || !strings.Contains(r.stdout, "2 passed, 1 failed, 0 to do") {
		t.Errorf("check --all = %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := learn(t, dir, "list", "--plain"); !strings.Contains(r.stdout, "01.01-add\tpassed") || !strings.Contains(r.stdout, "02.01-greet\tfailed") {
		t.Errorf("after check --all, list = %s", r.stdout)
	}
}

func TestCheckOnUnwritableWorkspace(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	learn(t, dir, "solution", "01.01", "--apply")
	os.RemoveAll(filepath.Join(dir, ".learn"))
	os.WriteFile(filepath.Join(dir, ".learn"), []byte("in the way"), 0o644)
	r := learn(t, dir, "check", "01.01")
	if r.code != exitOK || !strings.Contains(r.stdout, "✓ 01.01-add") || !strings.Contains(r.stderr, "warning:") {
		t.Errorf("check on a workspace that cannot save = %d\n%s%s; want the pass, exit 0, and a warning", r.code, r.stdout, r.stderr)
	}
}

func TestRefusesAnotherModule(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "workspace")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/app\n"), 0o644)
	r := learn(t, dir, "list")
	if r.code != exitUsage || !strings.Contains(r.stderr, "not a learn workspace") {
		t.Errorf("learn in another module = %d %q", r.code, r.stderr)
	}
}

// TestHelpExamplesAreRealSteps: every step id or prefix the help names works, in the real book.
func TestHelpExamplesAreRealSteps(t *testing.T) {
	book, err := steps.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	a := &app{book: book}
	ids := regexp.MustCompile(`\b\d\d\.\d\d[a-z0-9-]*`).FindAllString(a.usage(), -1)
	if len(ids) < 2 {
		t.Fatalf("help names %v, want an example id and a prefix", ids)
	}
	for _, id := range ids {
		if _, err := book.Find(id); err != nil {
			t.Errorf("help names %q: %v", id, err)
		}
	}
}

func TestHint(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	r := learn(t, dir, "hint", "02.01-greet")
	if r.code != 0 || !strings.Contains(r.stdout, "Hint 1 of 3") || !strings.Contains(r.stdout, "next hint") {
		t.Errorf("first hint = %d %s", r.code, r.stdout)
	}
	learn(t, dir, "hint", "02.01-greet")
	r = learn(t, dir, "hint", "02.01-greet")
	if !strings.Contains(r.stdout, "Hint 3 of 3") || strings.Contains(r.stdout, "next hint") {
		t.Errorf("third hint = %s", r.stdout)
	}
	// With no step, the current one.
	if r := learn(t, dir, "hint"); !strings.Contains(r.stdout, "01.01-add") {
		t.Errorf("hint with no step = %s", r.stdout)
	}
}

func TestServeOwnNeedsTheCapstone(t *testing.T) {
	r := learn(t, filepath.Join(t.TempDir(), "ws"), "serve", "--own")
	if r.code != exitFail || !strings.Contains(r.stderr, "capstone") {
		t.Errorf("serve --own = %d %q, want exit 1 naming the capstone", r.code, r.stderr)
	}
}

func TestServeBadInput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	if r := learn(t, dir, "serve", "extra"); r.code != exitUsage || !strings.Contains(r.stderr, "usage: learn serve") {
		t.Errorf("serve extra = %d %q", r.code, r.stderr)
	}
	if r := learn(t, dir, "serve", "--own", "--reference"); r.code != exitUsage || !strings.Contains(r.stderr, "usage: learn serve") {
		t.Errorf("serve --own --reference = %d %q, want a usage error", r.code, r.stderr)
	}
	if r := learn(t, dir, "serve", "--addr", "127.0.0.1:99999"); r.code != exitUsage || !strings.Contains(r.stderr, "99999") {
		t.Errorf("serve on a bad port = %d %q", r.code, r.stderr)
	}
}

func TestExportHTML(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	out := filepath.Join(t.TempDir(), "site")
	if r := learn(t, ws, "export", "html", out); r.code != exitOK || !strings.Contains(r.stdout, "index.html") {
		t.Fatalf("export html = %d %q %q", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "ch01", "01.01-calc.html")); err != nil {
		t.Error(err)
	}
	if r := learn(t, ws, "export", "html", out); r.code != exitUsage || !strings.Contains(r.stderr, "--force") {
		t.Errorf("export into a full folder = %d %q, want a refusal naming --force", r.code, r.stderr)
	}
	if r := learn(t, ws, "export", "html", out, "--force"); r.code != exitOK {
		t.Errorf("export --force = %d %q", r.code, r.stderr)
	}
	for _, args := range [][]string{{"export"}, {"export", "pdf", out}, {"export", "html"}} {
		if r := learn(t, ws, args...); r.code != exitUsage || !strings.Contains(r.stderr, "usage: learn export html|book DIR") {
			t.Errorf("learn %v = %d %q", args, r.code, r.stderr)
		}
	}
}
