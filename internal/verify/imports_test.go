package verify

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/author"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// importerVerifier is the fixture book with its importing chapter, in a repository whose
// libraries and chapter folders are written from the steps in the repository's spelling.
func importerVerifier(t *testing.T) *Verifier {
	t.Helper()
	files, lessons := fixture.WithImporter()
	book, err := steps.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	root := t.TempDir()
	for _, snap := range author.Snapshots(book) {
		for name, data := range snap.Files {
			writeFile(t, filepath.Join(root, snap.Dir, name), data)
		}
	}
	return &Verifier{Book: book, Chapters: lessons, Root: root}
}

func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestReferenceEqualUpToImportSpelling(t *testing.T) {
	v := importerVerifier(t)
	lib := filepath.Join(v.Root, "chapters/ch03/shout/shout.go")
	data, err := os.ReadFile(lib)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"`+steps.RepoModule+`/chapters/ch01/calc"`) {
		t.Fatalf("the snapshot imports calc as in\n%s\nwant the repository's path", data)
	}
	for _, pkg := range v.Book.Packages() {
		for _, err := range v.Reference(pkg) {
			t.Errorf("Reference(%s): %v", pkg, err)
		}
	}
	for _, err := range v.Snapshots() {
		t.Errorf("Snapshots: %v", err)
	}

	// The steps' spelling in the repository is a difference: the main module could not build it.
	writeFile(t, lib, []byte(fixture.ShoutSource))
	if errs := v.Snapshots(); len(errs) != 1 || !strings.Contains(errs[0].Error(), "shout.go differs from the steps") {
		t.Errorf("Snapshots with workspace imports = %v, want shout.go to differ", errs)
	}
	// So is any other change.
	writeFile(t, lib, []byte(strings.Replace(string(data), "in capitals", "in CAPITALS", 1)))
	if errs := v.Reference("shout"); len(errs) != 1 || !strings.Contains(errs[0].Error(), "differs from what the steps") {
		t.Errorf("Reference with an edited library = %v, want one difference", errs)
	}
}

func TestImportsOfUnfinishedPackagesAreRefused(t *testing.T) {
	files, lessons := fixture.WithImporter()
	// calc's first step imports greet, whose line comes later, and itself; shout imports a
	// package that does not exist.
	files["01.01-add/_solution/calc/add.go"] = &fstest.MapFile{Data: []byte("package calc\n\nimport (\n\t\"workspace/calc\"\n" +
		"\t\"workspace/greet\"\n)\n\nvar _ = greet.Greet\nvar _ = calc.Add\n\n// Add returns a+b.\nfunc Add(a, b int) int {\n\treturn a + b\n}\n")}
	files["03.01-shout/_check/shout/check_more_test.go"] = &fstest.MapFile{Data: []byte("package shout\n\nimport (\n\t\"testing\"\n\n" +
		"\t\"workspace/nothing\"\n)\n\nfunc TestMore(t *testing.T) { nothing.X() }\n")}
	book, err := steps.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	v := &Verifier{Book: book, Chapters: lessons}
	var all []string
	for _, s := range book.Steps {
		for _, err := range v.Imports(s) {
			all = append(all, s.ID+": "+err.Error())
		}
	}
	got := strings.Join(all, "\n")
	for _, want := range []string{
		"01.01-add: _solution/calc/add.go imports its own package workspace/calc",
		"01.01-add: _solution/calc/add.go imports workspace/greet, whose steps go on after this one (to 02.01-greet)",
		"03.01-shout: _check/shout/check_more_test.go imports workspace/nothing, which is not a package of the book",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Imports =\n%s\nwant a line containing %q", got, want)
		}
	}
	if len(all) != 3 {
		t.Errorf("Imports found %d problems, want 3:\n%s", len(all), got)
	}
}
