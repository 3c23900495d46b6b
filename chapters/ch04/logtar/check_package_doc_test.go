package logtar

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// docCheckFiles parses the package's non-test files in the current
// directory (go test runs in the package's folder).
func docCheckFiles(t *testing.T) map[string]*ast.File {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	files := map[string]*ast.File{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = f
	}
	return files
}

func TestDocPackageCommentInDocGo(t *testing.T) {
	files := docCheckFiles(t)
	doc, ok := files["doc.go"]
	if !ok {
		t.Fatal("there is no doc.go: the package comment belongs in a file of its own, doc.go")
	}
	for name, f := range files {
		if name != "doc.go" && f.Doc != nil {
			t.Errorf("%s has a package comment (the comment right above `package logtar`), want it only in doc.go: remove it or put a blank line between it and the package clause", name)
		}
	}
	if doc.Doc == nil {
		t.Fatal("doc.go has no package comment: write it directly above `package logtar`, with no blank line between them")
	}
	text := doc.Doc.Text()
	if !strings.HasPrefix(text, "Package logtar ") {
		first, _, _ := strings.Cut(text, "\n")
		t.Errorf("the package comment starts %q, want it to start with \"Package logtar \" (go doc and pkg.go.dev show that sentence as the summary)", first)
	}
	headings := 0
	for line := range strings.SplitSeq(text, "\n") {
		if strings.HasPrefix(line, "# ") {
			headings++
		}
	}
	if headings < 2 {
		t.Errorf("the package comment has %d headings (lines such as \"# Levels\", with a blank line before and after), want at least 2: one for the levels, one for the configuration", headings)
	}
}

func TestDocEveryExportedName(t *testing.T) {
	for name, file := range docCheckFiles(t) {
		for _, decl := range file.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Name.IsExported() && docCheckReceiverExported(d) {
					docCheckStartsWith(t, name, d.Name.Name, d.Doc)
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							doc := s.Doc
							if doc == nil {
								doc = d.Doc
							}
							docCheckStartsWith(t, name, s.Name.Name, doc)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() && s.Doc == nil && s.Comment == nil && d.Doc == nil {
								t.Errorf("%s: %s has no doc comment (nor a comment on its group)", name, n.Name)
							}
						}
					}
				}
			}
		}
	}
}

// docCheckReceiverExported reports whether a function is a plain function
// or a method of an exported type.
func docCheckReceiverExported(d *ast.FuncDecl) bool {
	if d.Recv == nil {
		return true
	}
	typ := d.Recv.List[0].Type
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	id, ok := typ.(*ast.Ident)
	return ok && id.IsExported()
}

func docCheckStartsWith(t *testing.T, file, name string, doc *ast.CommentGroup) {
	t.Helper()
	text := doc.Text()
	for _, start := range []string{name + " ", "A " + name + " ", "An " + name + " "} {
		if strings.HasPrefix(text, start) {
			return
		}
	}
	t.Errorf("%s: %s has no doc comment starting with %q", file, name, name+" ")
}
