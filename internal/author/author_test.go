package author

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
)

// repo writes the fixture book into a temporary repository, with calc as a library at calc/,
// and commits it.
func repo(t *testing.T) *Repo {
	t.Helper()
	root := t.TempDir()
	files := fixture.Steps()
	files["packages.txt"].Data = []byte("calc calc\n")
	for p, f := range files {
		write(t, root, "steps/"+p, string(f.Data))
	}
	// A third snapshot of add.go, so an edit has somewhere to go.
	write(t, root, "steps/01.02-sub/_solution/calc/add.go", "package calc\n\n// Add returns a+b.\nfunc Add(a, b int) int {\n\treturn a + b\n}\n\n// Twice adds a to itself.\nfunc Twice(a int) int { return Add(a, a) }\n")
	for p, data := range map[string]string{
		"calc/add.go": "package calc\n\n// Add returns a+b.\nfunc Add(a, b int) int {\n\treturn a + b\n}\n\n// Twice adds a to itself.\nfunc Twice(a int) int { return Add(a, a) }\n",
		"calc/sub.go": "package calc\n\n// Sub returns a-b.\nfunc Sub(a, b int) int {\n\treturn a - b\n}\n",
	} {
		write(t, root, p, data)
	}
	git(t, root, "init", "-q")
	git(t, root, "add", "-A")
	git(t, root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "fixture")
	r, err := Open(root)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func write(t *testing.T, root, rel, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, root, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func TestSyncWritesChaptersAndLibrarySnapshots(t *testing.T) {
	r := repo(t)
	// The library gains a comment: sync carries it into the last snapshot of sub.go.
	write(t, r.Root, "calc/sub.go", "package calc\n\n// Sub returns a-b, the difference.\nfunc Sub(a, b int) int {\n\treturn a - b\n}\n")
	changes, err := r.Sync(false)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, c := range changes {
		got[c.String()] = true
	}
	for _, want := range []string{
		"wrote steps/01.02-sub/_solution/calc/sub.go",
		"wrote chapters/ch01/calc/add.go",
		"wrote chapters/ch01/calc/sub.go",
		"wrote chapters/ch01/calc/check_add_test.go",
		"wrote chapters/ch01/calc/check_sub_test.go",
		"wrote chapters/ch02/greet/greet.go",
	} {
		if !got[want] {
			t.Errorf("Sync changes lack %q; got %v", want, changes)
		}
	}
	if s := read(t, r.Root, "chapters/ch01/calc/sub.go"); !strings.Contains(s, "the difference") {
		t.Errorf("chapter snapshot of sub.go = %q, want the library's comment", s)
	}
	// A second sync has nothing to do; a stale generated file goes, a hand-written test stays.
	write(t, r.Root, "chapters/ch01/calc/old.go", "package calc\n")
	write(t, r.Root, "chapters/ch01/calc/calc_test.go", "package calc\n")
	changes, err = r.Sync(false)
	if err != nil || len(changes) != 1 || changes[0].String() != "removed chapters/ch01/calc/old.go" {
		t.Errorf("second Sync = %v, %v; want only the stale file removed", changes, err)
	}
}

func TestSyncDropsUnchangedSnapshots(t *testing.T) {
	r := repo(t)
	first := read(t, r.Root, "steps/01.01-add/_solution/calc/add.go")
	write(t, r.Root, "steps/01.02-sub/_solution/calc/add.go", first)
	write(t, r.Root, "calc/add.go", first)
	r, _ = Open(r.Root)
	changes, _ := r.Sync(false)
	found := false
	for _, c := range changes {
		found = found || c.String() == "removed steps/01.02-sub/_solution/calc/add.go"
	}
	if !found {
		t.Errorf("Sync = %v, want the snapshot that changes nothing removed", changes)
	}
}

func TestRestackCarriesAnEditForward(t *testing.T) {
	r := repo(t)
	// One line that every later snapshot and the library share: the doc comment of Add.
	first := "steps/01.01-add/_solution/calc/add.go"
	write(t, r.Root, first, strings.Replace(read(t, r.Root, first), "// Add returns a+b.", "// Add returns the sum a+b.", 1))
	r, _ = Open(r.Root)
	changes, err := r.Restack("01.01-add", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	for _, rel := range []string{"steps/01.02-sub/_solution/calc/add.go", "calc/add.go"} {
		s := read(t, r.Root, rel)
		if !strings.Contains(s, "// Add returns the sum a+b.") || !strings.Contains(s, "Twice") {
			t.Errorf("%s after restack = %q, want the edit and its own lines", rel, s)
		}
	}
	if len(changes) != 2 {
		t.Errorf("Restack changes = %v, want the later snapshot and the library", changes)
	}
}

func TestRestackStopsAtAConflict(t *testing.T) {
	r := repo(t)
	later := "steps/01.02-sub/_solution/calc/add.go"
	write(t, r.Root, later, strings.Replace(read(t, r.Root, later), "return a + b", "return b + a", 1))
	git(t, r.Root, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "later differs")
	first := "steps/01.01-add/_solution/calc/add.go"
	write(t, r.Root, first, strings.Replace(read(t, r.Root, first), "return a + b", "return a - -b", 1))
	r, _ = Open(r.Root)
	_, err := r.Restack("01.01-add", "HEAD")
	var conflict *RestackConflict
	if !asConflict(err, &conflict) || conflict.File != later {
		t.Fatalf("Restack = %v, want a conflict in %s", err, later)
	}
	if s, _ := os.ReadFile(conflict.Merged); !strings.Contains(string(s), "<<<<<<< edit carried from 01.01-add") {
		t.Errorf("merge with markers = %q", s)
	}
	if s := read(t, r.Root, later); !strings.Contains(s, "return b + a") || strings.Contains(s, "<<<") {
		t.Errorf("the conflicting snapshot was changed: %q", s)
	}
}

func asConflict(err error, c **RestackConflict) bool {
	rc, ok := err.(*RestackConflict)
	*c = rc
	return ok
}

func TestNewScaffoldsAStep(t *testing.T) {
	r := repo(t)
	if _, err := r.New("01.03-mul", "01.02-sub", "", "Multiply"); err != nil {
		t.Fatal(err)
	}
	if order := read(t, r.Root, "steps/order.txt"); !strings.Contains(order, "01.02-sub\n01.03-mul\n02.01-greet") {
		t.Errorf("order.txt = %q", order)
	}
	r2, err := Open(r.Root)
	if err != nil {
		t.Fatalf("the book with the new step does not load: %v", err)
	}
	s, ok := r2.Book.ByID("01.03-mul")
	if !ok || s.Package != "calc" || s.Title != "Multiply" || len(s.Check) != 1 {
		t.Fatalf("new step = %+v", s)
	}
	// The previous state is there to edit; what stays unchanged, sync drops.
	if len(s.Solution) != 2 {
		t.Errorf("new step's solution has %d files, want the package's 2", len(s.Solution))
	}
	changes, _ := r2.Sync(false)
	removed := 0
	for _, c := range changes {
		if c.What == "removed" && strings.HasPrefix(c.Path, "steps/01.03-mul/") {
			removed++
		}
	}
	if removed != 2 {
		t.Errorf("sync after new removed %d unchanged files, want 2: %v", removed, changes)
	}
	if _, err := r.New("01.03-mul", "01.02-sub", "", ""); err == nil {
		t.Error("New of an existing step succeeded")
	}
	if _, err := r.New("1.3-bad", "01.02-sub", "", ""); err == nil {
		t.Error("New with a malformed id succeeded")
	}
}
