package verify

import (
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// ApplySafe proves that applying step s's solution cannot break a learner's package: learn
// solution --apply writes the step's reference files over the learner's, and the learner wrote
// every earlier step their own way. So the files s writes may use, from the rest of the package,
// only what such a learner is sure to have:
//
//   - names declared in starter files handed out up to s (the learner got them as they are);
//   - names that the checks of earlier active steps use (a learner who passed them has those
//     names, or the checks would not compile).
//
// Everything else a reference file uses must be declared in the files s itself writes. The
// check type-checks the reference after s and looks at every identifier, field and method the
// written files use. Three kinds of name are always fine: the standard library's, those declared
// in the written files, and those of other workspace packages (imported, so exported and checked).
func (v *Verifier) ApplySafe(s *steps.Step) []error {
	written := map[string]bool{}
	for _, f := range v.Book.Reference(s) {
		if strings.HasSuffix(f.Path, ".go") {
			written[f.Path] = true
		}
	}
	if len(written) == 0 {
		return nil
	}
	sure := v.sureNames(s)
	state := v.Book.StateAfter(s.Package, s)
	fset := token.NewFileSet()
	files, err := parseDir(fset, state, s.Package)
	if err != nil {
		return []error{fmt.Errorf("apply-safe: %w", err)}
	}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}, Selections: map[*ast.SelectorExpr]*types.Selection{}}
	conf := types.Config{Importer: v.importer(s, fset), Error: func(error) {}}
	pkg, _ := conf.Check(steps.Module+"/"+s.Package, fset, files, info)
	if pkg == nil {
		return []error{fmt.Errorf("apply-safe: the reference after the step does not type-check")}
	}
	declaredIn := func(obj types.Object) string {
		return fset.Position(obj.Pos()).Filename
	}
	problems := map[string]map[string]bool{} // written file -> "name (declared in file)"
	for id, obj := range info.Uses {
		use := fset.Position(id.Pos()).Filename
		if !written[use] || obj.Pkg() != pkg || !obj.Pos().IsValid() {
			continue
		}
		if !isPackageLevel(pkg, obj) {
			continue
		}
		decl := declaredIn(obj)
		if written[decl] || sure[obj.Name()] {
			continue
		}
		if problems[use] == nil {
			problems[use] = map[string]bool{}
		}
		problems[use][fmt.Sprintf("%s (declared in %s)", describe(obj), path.Base(decl))] = true
	}
	var errs []error
	for _, use := range slices.Sorted(maps.Keys(problems)) {
		errs = append(errs, fmt.Errorf("apply-safe: the reference %s uses %s, which only earlier references declare: "+
			"a learner who wrote those steps their own way may not have it, and applying this solution would "+
			"break their package. Declare it in a starter, in a file this step writes, or require it in an earlier check",
			use, strings.Join(slices.Sorted(maps.Keys(problems[use])), ", ")))
	}
	return errs
}

// isPackageLevel reports whether obj is declared at the top level of pkg, or is a field or method
// of one of its types.
func isPackageLevel(pkg *types.Package, obj types.Object) bool {
	if obj.Parent() == pkg.Scope() {
		return true
	}
	switch o := obj.(type) {
	case *types.Var:
		return o.IsField()
	case *types.Func:
		return o.Signature().Recv() != nil
	}
	return false
}

func describe(obj types.Object) string {
	switch o := obj.(type) {
	case *types.Var:
		if o.IsField() {
			return "field " + o.Name()
		}
	case *types.Func:
		if o.Signature().Recv() != nil {
			return "method " + o.Name()
		}
	}
	return obj.Name()
}

// sureNames are the names a learner who did every step up to s their own way is sure to have in
// s's package: declared in a starter file handed out up to s (with the fields and methods the
// starter declares), or used by the check of an earlier active step.
func (v *Verifier) sureNames(s *steps.Step) map[string]bool {
	sure := map[string]bool{}
	for _, t := range v.Book.Package(s.Package) {
		if t.Index > s.Index {
			break
		}
		for _, f := range t.Starter {
			declaredNames(f.Data, sure)
		}
	}
	var prev *steps.Step
	for _, t := range v.Book.Package(s.Package) {
		if t.Index < s.Index {
			prev = t
		}
	}
	if prev != nil {
		for _, t := range v.Book.Active(prev) {
			for _, f := range t.Check {
				usedNames(f.Data, sure)
			}
		}
	}
	return sure
}

// declaredNames adds every name a Go file declares at top level, and the fields and methods of
// its types, to names.
func declaredNames(src []byte, names map[string]bool) {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	if err != nil {
		return
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.FuncDecl:
			names[n.Name.Name] = true
			return false // locals are not package-level
		case *ast.TypeSpec:
			names[n.Name.Name] = true
		case *ast.ValueSpec:
			for _, id := range n.Names {
				names[id.Name] = true
			}
		case *ast.Field:
			for _, id := range n.Names {
				names[id.Name] = true
			}
			if len(n.Names) == 0 { // embedded: its type name is the field name
				if id, ok := ast.Unparen(n.Type).(*ast.Ident); ok {
					names[id.Name] = true
				}
			}
		}
		return true
	})
}

// usedNames adds every identifier a Go file mentions to names, and every string literal that is
// an identifier (a check may require a field by name, through reflect's FieldByName): a superset
// of what it requires of the package, which is all the rule needs.
func usedNames(src []byte, names map[string]bool) {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	if err != nil {
		return
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.Ident:
			names[n.Name] = true
		case *ast.BasicLit:
			if s, err := strconv.Unquote(n.Value); err == nil && n.Kind == token.STRING && token.IsIdentifier(s) {
				names[s] = true
			}
		}
		return true
	})
}

// parseDir parses the non-test Go files directly in folder dir of state.
func parseDir(fset *token.FileSet, state map[string][]byte, dir string) ([]*ast.File, error) {
	var files []*ast.File
	for _, p := range slices.Sorted(maps.Keys(state)) {
		if path.Dir(p) != dir || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, p, state[p], parser.SkipObjectResolution)
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	return files, nil
}

// importer type-checks the standard library from source (once per Verifier) and other workspace
// packages from their reference as it stands at step s.
func (v *Verifier) importer(s *steps.Step, fset *token.FileSet) types.Importer {
	v.stdOnce.Do(func() {
		v.std = &lockedImporter{imp: importer.ForCompiler(token.NewFileSet(), "source", nil).(types.ImporterFrom)}
	})
	return importerFunc(func(p string) (*types.Package, error) {
		rest, ok := strings.CutPrefix(p, steps.Module+"/")
		if !ok {
			return v.std.Import(p)
		}
		var last *steps.Step
		for _, t := range v.Book.Package(rest) {
			if t.Index <= s.Index {
				last = t
			}
		}
		files, err := parseDir(fset, v.Book.StateAfter(rest, last), rest)
		if err != nil {
			return nil, err
		}
		conf := types.Config{Importer: v.importer(s, fset), Error: func(error) {}}
		return conf.Check(p, fset, files, nil)
	})
}

type importerFunc func(path string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

// lockedImporter serialises a shared importer, which caches what it has checked.
type lockedImporter struct {
	mu  sync.Mutex
	imp types.ImporterFrom
}

func (l *lockedImporter) Import(path string) (*types.Package, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.imp.ImportFrom(path, "", 0)
}
