package author

import (
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// importerRepo writes the fixture book with its importing chapter into a temporary repository:
// shout imports calc and greet, and its library, at shout/, spells them the repository's way.
func importerRepo(t *testing.T) *Repo {
	t.Helper()
	root := t.TempDir()
	files, _ := fixture.WithImporter()
	files["packages.txt"].Data = []byte("calc chapters/ch01/calc\ngreet chapters/ch02/greet\nshout shout\n")
	for p, f := range files {
		write(t, root, "steps/"+p, string(f.Data))
	}
	write(t, root, "shout/shout.go", repoSpelling(fixture.ShoutSource))
	for lib, step := range map[string]string{ // the other libraries, as their last steps leave them
		"chapters/ch01/calc/add.go":    "01.01-add/_solution/calc/add.go",
		"chapters/ch01/calc/sub.go":    "01.02-sub/_solution/calc/sub.go",
		"chapters/ch02/greet/greet.go": "02.01-greet/_solution/greet/greet.go",
	} {
		write(t, root, lib, string(files[step].Data))
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

// repoSpelling is the fixture's shout.go as the repository imports calc and greet.
func repoSpelling(src string) string {
	return strings.NewReplacer(`"workspace/calc"`, `"`+steps.RepoModule+`/chapters/ch01/calc"`,
		`"workspace/greet"`, `"`+steps.RepoModule+`/chapters/ch02/greet"`).Replace(src)
}

func TestSyncSpellsImportsForEachSide(t *testing.T) {
	r := importerRepo(t)
	changes, err := r.Sync(false)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		if strings.HasPrefix(c.Path, "steps/") {
			t.Errorf("Sync changed %s: the library differs from the step only in how it spells imports", c)
		}
	}
	if got, want := read(t, r.Root, "chapters/ch03/shout/shout.go"), repoSpelling(fixture.ShoutSource); got != want {
		t.Errorf("chapter snapshot =\n%s\nwant the repository's import paths\n%s", got, want)
	}
	if got := read(t, r.Root, "chapters/ch03/shout/check_shout_test.go"); !strings.Contains(got, steps.RepoModule+"/chapters/ch02/greet") {
		t.Errorf("the snapshot's check imports greet as %q, want the repository's path", got)
	}

	// An edit in the library reaches the step in the steps' spelling.
	lib := strings.Replace(repoSpelling(fixture.ShoutSource), "in capitals", "in capital letters", 1)
	write(t, r.Root, "shout/shout.go", lib)
	if _, err := r.Sync(false); err != nil {
		t.Fatal(err)
	}
	step := read(t, r.Root, "steps/03.01-shout/_solution/shout/shout.go")
	if want := strings.Replace(fixture.ShoutSource, "in capitals", "in capital letters", 1); step != want {
		t.Errorf("step after sync =\n%s\nwant the library's edit with workspace imports\n%s", step, want)
	}
	if got := read(t, r.Root, "chapters/ch03/shout/shout.go"); got != lib {
		t.Errorf("chapter snapshot after sync =\n%s\nwant the library\n%s", got, lib)
	}
	if changes, err := r.Sync(false); err != nil || len(changes) != 0 {
		t.Errorf("a second Sync = %v, %v; want nothing to do", changes, err)
	}
}

func TestRestackIntoALibraryKeepsItsImports(t *testing.T) {
	r := importerRepo(t)
	sol := "steps/03.01-shout/_solution/shout/shout.go"
	write(t, r.Root, sol, strings.Replace(read(t, r.Root, sol), "// Double adds n to itself.", "// Double returns 2n.", 1))
	r, _ = Open(r.Root)
	if _, err := r.Restack("03.01-shout", "HEAD"); err != nil {
		t.Fatal(err)
	}
	want := strings.Replace(repoSpelling(fixture.ShoutSource), "// Double adds n to itself.", "// Double returns 2n.", 1)
	if got := read(t, r.Root, "shout/shout.go"); got != want {
		t.Errorf("library after restack =\n%s\nwant the edit, with the repository's imports\n%s", got, want)
	}
}

func TestSyncWritesANewChapterPackage(t *testing.T) {
	r := importerRepo(t)
	write(t, r.Root, "steps/packages.txt", "calc chapters/ch01/calc\ngreet chapters/ch02/greet\nshout chapters/ch03/shout\n")
	r, err := Open(r.Root)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.Sync(false); err != nil { // chapters/ch03/shout does not exist yet: sync makes it
		t.Fatalf("Sync of a package whose reference is a chapter folder not yet written: %v", err)
	}
	if got, want := read(t, r.Root, "chapters/ch03/shout/shout.go"), repoSpelling(fixture.ShoutSource); got != want {
		t.Errorf("chapters/ch03/shout/shout.go =\n%s\nwant\n%s", got, want)
	}
}
