package steps

import (
	"bytes"
	"strings"
	"testing"
)

// importBook is a book whose reference directories do not sort like their packages: "zeta" lives
// in chapters/ch01/zeta and "alpha" in lib/alpha, so rewriting reorders an import group.
func importBook(t *testing.T) *Book {
	t.Helper()
	b, err := Load(book(map[string]string{
		"order.txt":                              "01.01-a\n01.02-z\n02.01-app\n",
		"packages.txt":                           "alpha lib/alpha\nzeta chapters/ch01/zeta\napp chapters/ch02/app\n",
		"01.01-a/step.json":                      `{"title": "A", "lesson": "ch01/01.01-x.md#h", "package": "alpha"}`,
		"01.01-a/_solution/alpha/a.go":           "package alpha\n\n// A is a.\nconst A = 1\n",
		"01.02-z/step.json":                      `{"title": "Z", "lesson": "ch01/01.02-x.md#h", "package": "zeta"}`,
		"01.02-z/_solution/zeta/z.go":            "package zeta\n\nimport \"workspace/alpha\"\n\n// Z is two.\nconst Z = alpha.A + 1\n",
		"01.02-z/_solution/zeta/z_test.go":       "package zeta\n",
		"02.01-app/step.json":                    `{"title": "App", "lesson": "ch02/02.01-x.md#h", "package": "app"}`,
		"02.01-app/_solution/app/app.go":         appWorkspace,
		"02.01-app/_check/app/check_app_test.go": "package app\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

const appWorkspace = `package app

import (
	"fmt"

	// the libraries
	"workspace/alpha"
	other "workspace/unknown"
	"workspace/zeta"
)

// S is a string that mentions "workspace/alpha" and must not change.
var S = fmt.Sprint(alpha.A, zeta.Z, other.X, "workspace/alpha")
`

const appRepo = `package app

import (
	"fmt"

	// the libraries
	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch01/zeta"
	"github.com/learn-go-hard-way/learn-go-hard-way/lib/alpha"
	other "workspace/unknown"
)

// S is a string that mentions "workspace/alpha" and must not change.
var S = fmt.Sprint(alpha.A, zeta.Z, other.X, "workspace/alpha")
`

func TestImportsRewriteBothWays(t *testing.T) {
	b := importBook(t)
	repo, err := b.ToRepo("app.go", []byte(appWorkspace))
	if err != nil {
		t.Fatal(err)
	}
	if string(repo) != appRepo {
		t.Errorf("ToRepo =\n%s\nwant (paths of the reference directories, sorted as gofmt sorts them; strings and unknown packages kept)\n%s", repo, appRepo)
	}
	back, err := b.ToWorkspace("app.go", repo)
	if err != nil {
		t.Fatal(err)
	}
	if string(back) != appWorkspace {
		t.Errorf("ToWorkspace(ToRepo(src)) =\n%s\nwant the source back\n%s", back, appWorkspace)
	}
}

func TestImportsLeaveOtherFilesAlone(t *testing.T) {
	b := importBook(t)
	for _, tt := range []struct{ name, src string }{
		{"plain.go", "package p\n\nimport   \"fmt\"\n\nvar _ = fmt.Sprint\n"}, // not even formatted: untouched
		{"notes.md", "import \"workspace/alpha\"\n"},
		{"data.json", "{}"},
	} {
		for _, rewrite := range []func(string, []byte) ([]byte, error){b.ToRepo, b.ToWorkspace} {
			got, err := rewrite(tt.name, []byte(tt.src))
			if err != nil || !bytes.Equal(got, []byte(tt.src)) {
				t.Errorf("rewriting %s = %q, %v; want it unchanged", tt.name, got, err)
			}
		}
	}
}

func TestImportsBadSourceIsAnError(t *testing.T) {
	b := importBook(t)
	for _, src := range []string{
		"import \"workspace/alpha\"\n",                      // no package clause
		"package p\n\nimport \"workspace/alpha\"\n\nfunc {", // imports fine, the body not: format fails
	} {
		got, err := b.ToRepo("broken.go", []byte(src))
		if err == nil || !strings.Contains(err.Error(), "broken.go") {
			t.Errorf("ToRepo(%q): err = %v, want one naming the file", src, err)
		}
		if string(got) != src {
			t.Errorf("ToRepo(%q) on error = %q, want the source unchanged", src, got)
		}
	}
}

func TestWithImportsAddsTheImportedPackages(t *testing.T) {
	b := importBook(t)
	app, _ := b.ByID("02.01-app")
	state := b.StateAfter("app", app)
	got := b.WithImports(app, state)
	for _, want := range []string{"app/app.go", "zeta/z.go", "alpha/a.go"} { // alpha only through zeta... and app
		if _, ok := got[want]; !ok {
			t.Errorf("WithImports lacks %s; has %v", want, keys(got))
		}
	}
	if _, ok := got["zeta/z_test.go"]; ok {
		t.Error("WithImports copied a test file of an imported package; only the package is needed")
	}
	if len(state) != 1 {
		t.Errorf("WithImports changed the state passed in: %v", keys(state))
	}
	z, _ := b.ByID("01.02-z")
	if got := b.WithImports(z, b.StateAfter("zeta", z)); got["alpha/a.go"] == nil {
		t.Error("WithImports of zeta lacks alpha, which it imports")
	}
	if got := WorkspaceImports([]byte(appWorkspace)); strings.Join(got, " ") != "alpha unknown zeta" {
		t.Errorf("WorkspaceImports = %q, want [alpha unknown zeta]", got)
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
