package logtar

import (
	"go/ast"
	"go/doc/comment"
	"regexp"
	"strings"
	"testing"
)

// libraryDocNames returns the package's top-level names and its methods
// (as "Type.Method"), for resolving doc links.
func libraryDocNames(t *testing.T) map[string]bool {
	t.Helper()
	names := map[string]bool{}
	for _, f := range docCheckFiles(t) {
		for _, decl := range f.Decls {
			switch d := decl.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					names[d.Name.Name] = true
					continue
				}
				typ := d.Recv.List[0].Type
				if star, ok := typ.(*ast.StarExpr); ok {
					typ = star.X
				}
				if id, ok := typ.(*ast.Ident); ok {
					names[id.Name+"."+d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, spec := range d.Specs {
					switch s := spec.(type) {
					case *ast.TypeSpec:
						names[s.Name.Name] = true
					case *ast.ValueSpec:
						for _, n := range s.Names {
							names[n.Name] = true
						}
					}
				}
			}
		}
	}
	return names
}

// libraryDocLinks returns the text of every doc link in d, such as
// "Logger.Sync" or "log/slog".
func libraryDocLinks(d *comment.Doc) map[string]bool {
	links := map[string]bool{}
	var walk func(texts []comment.Text)
	walk = func(texts []comment.Text) {
		for _, t := range texts {
			if l, ok := t.(*comment.DocLink); ok {
				name := l.Name
				if l.Recv != "" {
					name = l.Recv + "." + name
				}
				if l.ImportPath != "" {
					if name == "" {
						name = l.ImportPath
					} else {
						name = l.ImportPath[strings.LastIndexByte(l.ImportPath, '/')+1:] + "." + name
					}
				}
				links[name] = true
			}
		}
	}
	for _, b := range d.Content {
		switch b := b.(type) {
		case *comment.Paragraph:
			walk(b.Text)
		case *comment.List:
			for _, it := range b.Items {
				for _, c := range it.Content {
					if p, ok := c.(*comment.Paragraph); ok {
						walk(p.Text)
					}
				}
			}
		}
	}
	return links
}

var libraryDocBracket = regexp.MustCompile(`\[([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*|[a-z]+/[a-z/]+)\]`)

func TestLibraryDocCoversTheLibrary(t *testing.T) {
	file, ok := docCheckFiles(t)["doc.go"]
	if !ok || file.Doc == nil {
		t.Fatal("doc.go has no package comment")
	}
	raw := file.Doc.Text()
	names := libraryDocNames(t)
	var p comment.Parser
	p.LookupSym = func(recv, name string) bool {
		if recv != "" {
			return names[recv+"."+name]
		}
		return names[name]
	}
	doc := p.Parse(raw)
	links := libraryDocLinks(doc)

	headings := 0
	for _, b := range doc.Content {
		if _, ok := b.(*comment.Heading); ok {
			headings++
		}
	}
	if headings < 6 {
		t.Errorf("the package comment has %d headings, want at least 6: besides levels and configuration, one each for records, files and rolling, caller info, async mode, errors (and performance, if you like)", headings)
	}
	if strings.Contains(raw, "So far") {
		t.Errorf("the package comment still says \"So far ...\": the library is finished, so describe all of it")
	}
	var missing []string
	for _, want := range []string{"New", "Logger.Sync", "Logger.Close", "ErrClosed", "Handler", "Logger.LogAttrs",
		"Config.WithRollingSize", "Config.WithRollingInterval", "Config.WithCaller", "Config.WithAsync",
		"Logger.With", "Logger.SetLevel", "ContextWith", "Config.WithActiveFile", "Config.WithMaxBackups",
		"Config.WithCompress", "Config.WithErrorHandler", "Config.WithDropWhenFull", "Logger.CloseContext"} {
		if !links[want] {
			missing = append(missing, "["+want+"]")
		}
	}
	if len(missing) > 0 {
		t.Errorf("the package comment does not link %s: a reader should reach every part of the library from it (write a name in square brackets to link it)", strings.Join(missing, ", "))
	}
	for _, m := range libraryDocBracket.FindAllStringSubmatch(raw, -1) {
		if !links[m[1]] && !strings.Contains(m[1], "/") && !strings.HasPrefix(m[1], "slog.") {
			t.Errorf("the package comment links [%s], which names nothing in the package: go doc will show the brackets instead of a link", m[1])
		}
	}
	example := false
	for _, b := range doc.Content {
		if c, ok := b.(*comment.Code); ok && strings.Contains(c.Text, "logtar.New(") && strings.Contains(c.Text, "Close()") {
			example = true
		}
	}
	if !example {
		t.Errorf("the package comment has no code block showing a program's use of the library from logtar.New( to Close(): indent it by a tab after the //, as go doc expects")
	}
}
