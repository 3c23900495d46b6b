package logtar

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryExportedNameIsDocumented checks the package's documentation
// rules: the package comment lives in doc.go and nowhere else, and every
// exported name has a doc comment that starts with that name. Constants in
// a group may share the group's comment.
func TestEveryExportedNameIsDocumented(t *testing.T) {
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		isDoc := name == "doc.go"
		if hasComment := file.Doc != nil; hasComment != isDoc {
			t.Errorf("%s: package comment present = %v, want %v (it belongs in doc.go only)", name, hasComment, isDoc)
		}
		for _, decl := range file.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Name.IsExported() && receiverExported(d) {
					checkDocStartsWith(t, name, d.Name.Name, d.Doc)
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
							checkDocStartsWith(t, name, s.Name.Name, doc)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() && s.Doc == nil && s.Comment == nil && d.Doc == nil {
								t.Errorf("%s: %s has no doc comment (or group comment)", name, n.Name)
							}
						}
					}
				}
			}
		}
	}
}

// receiverExported reports whether a function is a plain function or a
// method of an exported type.
func receiverExported(d *ast.FuncDecl) bool {
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

func checkDocStartsWith(t *testing.T, file, name string, doc *ast.CommentGroup) {
	t.Helper()
	text := doc.Text()
	if !strings.HasPrefix(text, name+" ") && !strings.HasPrefix(text, "A "+name+" ") && !strings.HasPrefix(text, "An "+name+" ") {
		t.Errorf("%s: %s has no doc comment starting with %q", file, name, name)
	}
}
