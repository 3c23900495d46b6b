package learnbench

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// prog is the benchmark program and its adapters. The folder starts with an underscore so the
// go tool does not build it as a package of this module: it imports "reference/..." and
// "workspace/...", which only the generated module resolves.
//
//go:embed _prog
var prog embed.FS

// thirdModule is the module path of the third-party contenders inside the generated module.
const thirdModule = "learnbench/third"

// A Module is a generated benchmark module on disk.
type Module struct {
	Dir      string   // its root
	Packages []string // the suites it measures
	// Yours lists the packages whose workspace code is included (it exists); Prepare removes a
	// package from it when the code does not build against the benchmark.
	Yours []string
	Third bool // the third-party contenders are included
}

// generate writes the module for pkgs into dir: the program, the reference copy of each package
// (rebuilt from the book), an adapter and a registration for each contender, and a go.mod that
// replaces "workspace" with the workspace folder when yours is not empty.
func generate(dir string, book *steps.Book, workspace string, pkgs, yours []string) (*Module, error) {
	m := &Module{Dir: dir, Packages: pkgs, Yours: yours}
	write := func(rel string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		return os.WriteFile(p, data, 0o644)
	}
	read := func(name string) []byte {
		data, err := prog.ReadFile("_prog/" + name)
		if err != nil {
			panic(err) // the embedded program is part of this binary
		}
		return data
	}
	fields := read("fields.go")
	files := map[string][]byte{
		"reference/go.mod": []byte("module reference\n\ngo 1.25\n"),
		"main.go":          read("main.go"),
		"fields.go":        fields,
	}
	for _, pkg := range pkgs {
		line := book.Package(pkg)
		if len(line) == 0 {
			return nil, fmt.Errorf("this book has no steps for %s", pkg)
		}
		n := 0
		for p, data := range book.StateAfter(pkg, line[len(line)-1]) {
			if rest, ok := strings.CutPrefix(p, pkg+"/"); ok && isSource(rest) {
				files["reference/"+p] = data
				n++
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("this book's steps leave no code in %s", pkg)
		}
		switch pkg {
		case "velocy":
			files["routers.go"] = read("routers.go")
			files["github-api-routes.txt"] = read("github-api-routes.txt")
		case "logtar":
			files["loggers.go"] = read("loggers.go")
		}
		for _, who := range []string{"ref", "yours"} {
			if who == "yours" && !slices.Contains(yours, pkg) {
				continue
			}
			adapter := string(read("ref" + pkg + "/adapter.go"))
			register := string(read("register_" + pkg + ".go"))
			if who == "yours" {
				adapter = strings.NewReplacer("package ref", "package yours", `"reference/`, `"workspace/`).Replace(adapter)
				register = strings.NewReplacer("learnbench/ref", "learnbench/yours", "ref"+pkg+".", "yours"+pkg+".",
					pkg+` (reference)", "reference"`, pkg+` (yours)", "yours"`).Replace(register)
			}
			files[who+pkg+"/adapter.go"] = []byte(adapter)
			files["register_"+who+"_"+pkg+".go"] = []byte(register)
			if pkg == "logtar" {
				files[who+pkg+"/fields.go"] = withPackage(fields, who+pkg)
			}
		}
	}
	files["go.mod"] = []byte(goMod(workspace, len(yours) > 0, false))
	for rel, data := range files {
		if err := write(rel, data); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// addThird writes the third-party module and the file that registers its contenders; Prepare
// calls it before resolving the module's dependencies.
func (m *Module) addThird() error {
	if err := os.MkdirAll(filepath.Join(m.Dir, "third"), 0o755); err != nil {
		return err
	}
	err := fs.WalkDir(prog, "_prog/third", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := prog.ReadFile(p)
		return os.WriteFile(filepath.Join(m.Dir, "third", strings.TrimSuffix(d.Name(), ".tmpl")), data, 0o644)
	})
	if err != nil {
		return err
	}
	fields, _ := prog.ReadFile("_prog/fields.go")
	return os.WriteFile(filepath.Join(m.Dir, "third", "fields.go"), withPackage(fields, "third"), 0o644)
}

// useThird includes the resolved third-party module in the program.
func (m *Module) useThird(workspace string) error {
	sum, err := os.ReadFile(filepath.Join(m.Dir, "third", "go.sum"))
	if err != nil {
		return err
	}
	files := map[string][]byte{
		"go.sum": sum,
		"go.mod": []byte(goMod(workspace, len(m.Yours) > 0, true)),
	}
	for _, pkg := range m.Packages {
		name := "register_third_" + pkg + ".go"
		files[name], _ = prog.ReadFile("_prog/" + name)
	}
	for rel, data := range files {
		if err := os.WriteFile(filepath.Join(m.Dir, rel), data, 0o644); err != nil {
			return err
		}
	}
	m.Third = true
	return nil
}

// dropYours removes the workspace's contender for pkg (its code does not build).
func (m *Module) dropYours(pkg, workspace string) error {
	m.Yours = slices.DeleteFunc(m.Yours, func(p string) bool { return p == pkg })
	if err := os.RemoveAll(filepath.Join(m.Dir, "yours"+pkg)); err != nil {
		return err
	}
	if err := os.Remove(filepath.Join(m.Dir, "register_yours_"+pkg+".go")); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(m.Dir, "go.mod"), []byte(goMod(workspace, len(m.Yours) > 0, m.Third)), 0o644)
}

// goMod is the generated module's go.mod.
func goMod(workspace string, yours, third bool) string {
	var b strings.Builder
	b.WriteString("module learnbench\n\ngo 1.25\n\nrequire reference v0.0.0\n\nreplace reference => ./reference\n")
	if yours {
		fmt.Fprintf(&b, "\nrequire workspace v0.0.0\n\nreplace workspace => %s\n", quoteModPath(workspace))
	}
	if third {
		fmt.Fprintf(&b, "\nrequire %s v0.0.0\n\nreplace %s => ./third\n", thirdModule, thirdModule)
	}
	return b.String()
}

// quoteModPath quotes a directory for go.mod when it needs it (spaces, quotes).
func quoteModPath(p string) string {
	if strings.ContainsAny(p, " \t\"'`\\") {
		return fmt.Sprintf("%q", p)
	}
	return p
}

// withPackage returns Go source with its package clause renamed.
func withPackage(src []byte, name string) []byte {
	return []byte(strings.Replace(string(src), "package main\n", "package "+name+"\n", 1))
}
