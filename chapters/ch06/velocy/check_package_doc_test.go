package velocy

import (
	"go/ast"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// packageDocFiles parses the package's non-test files, with comments.
func packageDocFiles(t *testing.T) []*ast.File {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	fset := token.NewFileSet()
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return files
}

func TestPackageDocHeadings(t *testing.T) {
	var docs []string
	for _, f := range packageDocFiles(t) {
		if f.Doc != nil {
			docs = append(docs, f.Name.Name+": "+strings.SplitN(f.Doc.Text(), "\n", 2)[0])
		}
	}
	if len(docs) != 1 {
		t.Fatalf("%d files have a package comment (%q), want exactly one, in doc.go", len(docs), docs)
	}
	var text string
	for _, f := range packageDocFiles(t) {
		if f.Doc != nil {
			text = f.Doc.Text()
		}
	}
	if !strings.HasPrefix(text, "Package velocy ") {
		t.Errorf("the package comment starts %q, want \"Package velocy ...\"", strings.SplitN(text, "\n", 2)[0])
	}
	var headings []string
	var p comment.Parser
	for _, block := range p.Parse(text).Content {
		if h, ok := block.(*comment.Heading); ok {
			var b strings.Builder
			for _, t := range h.Text {
				if plain, ok := t.(comment.Plain); ok {
					b.WriteString(string(plain))
				}
			}
			headings = append(headings, b.String())
		}
	}
	for _, want := range []string{"Example", "Patterns", "Matching", "Registration errors", "Middleware, groups and mounts", "Query strings", "Serving"} {
		if !slices.Contains(headings, want) {
			t.Errorf("the package comment has the headings %q; it lacks %q (a line \"# %s\", with a blank comment line before and after)", headings, want, want)
		}
	}
	if strings.Contains(text, "TODO") {
		t.Errorf("the package comment still holds a TODO")
	}
}

// TestPackageDocSectionsHaveContent reads what is under each heading: a
// heading alone documents nothing, and the example must be a whole program.
func TestPackageDocSectionsHaveContent(t *testing.T) {
	var text string
	for _, f := range packageDocFiles(t) {
		if f.Doc != nil {
			text = f.Doc.Text()
		}
	}
	var p comment.Parser
	sections := map[string][]comment.Block{}
	current := ""
	for _, block := range p.Parse(text).Content {
		if h, ok := block.(*comment.Heading); ok {
			current = ""
			for _, t := range h.Text {
				if plain, ok := t.(comment.Plain); ok {
					current += string(plain)
				}
			}
			sections[current] = nil
			continue
		}
		if current != "" {
			sections[current] = append(sections[current], block)
		}
	}
	for _, name := range []string{"Example", "Patterns", "Matching", "Registration errors", "Middleware, groups and mounts", "Query strings", "Serving"} {
		if blocks, ok := sections[name]; ok && len(blocks) == 0 {
			t.Errorf("the section %q of the package comment is empty: write what a reader needs to know there", name)
		}
	}
	var program string
	for _, b := range sections["Example"] {
		if code, ok := b.(*comment.Code); ok && strings.Contains(code.Text, "package main") {
			program = code.Text
		}
	}
	if program == "" {
		t.Fatalf("the Example section has no program: a code block (indented by a tab after //) starting with \"package main\"")
	}
	f, err := parser.ParseFile(token.NewFileSet(), "example.go", program, 0)
	if err != nil {
		t.Fatalf("the program in the Example section does not parse: %v", err)
	}
	calls := false
	ast.Inspect(f, func(n ast.Node) bool {
		if sel, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == "velocy" && sel.Sel.Name == "New" {
				calls = true
			}
		}
		return true
	})
	if !calls {
		t.Errorf("the program in the Example section never calls velocy.New: show a reader how to start")
	}
}

func TestExportedNamesDocumented(t *testing.T) {
	check := func(name string, doc *ast.CommentGroup, where string) {
		if !ast.IsExported(name) {
			return
		}
		if doc == nil {
			t.Errorf("%s %s has no doc comment", where, name)
			return
		}
		words := strings.Fields(doc.Text())
		if len(words) > 1 && (words[0] == "A" || words[0] == "An" || words[0] == "The") {
			words = words[1:]
		}
		if len(words) == 0 || words[0] != name {
			t.Errorf("the doc comment of %s %s starts %q, want it to start with the name: %q", where, name, strings.SplitN(doc.Text(), "\n", 2)[0], name+" ...")
		}
	}
	for _, f := range packageDocFiles(t) {
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv != nil {
					recv := d.Recv.List[0].Type
					if star, ok := recv.(*ast.StarExpr); ok {
						recv = star.X
					}
					if id, ok := recv.(*ast.Ident); !ok || !ast.IsExported(id.Name) {
						continue // a method of an unexported type
					}
				}
				check(d.Name.Name, d.Doc, "func")
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						doc := s.Doc
						if doc == nil && len(d.Specs) == 1 {
							doc = d.Doc
						}
						check(s.Name.Name, doc, "type")
					case *ast.ValueSpec:
						doc := s.Doc
						if doc == nil && len(d.Specs) == 1 {
							doc = d.Doc
						}
						for _, n := range s.Names {
							check(n.Name, doc, d.Tok.String())
						}
					}
				}
			}
		}
	}
}
