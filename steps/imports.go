package steps

import (
	"bytes"
	"fmt"
	"go/format"
	"go/parser"
	"go/token"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// RepoModule is the module path of the repository: the path by which the libraries and the
// chapter snapshots import each other.
const RepoModule = "github.com/learn-go-hard-way/learn-go-hard-way"

// A step-line package may import other workspace packages ("workspace/velocy"): the capstone is
// built on the learner's own libraries. The same code then exists in two spellings. In the steps
// (and in a learner's workspace) it imports "workspace/X"; in the repository (a library, a
// chapter snapshot, which the main module compiles) it imports X's reference directory,
// RepoModule + "/" + References[X]. ToRepo and ToWorkspace turn one spelling into the other,
// and every tool that copies or compares code across that line (learn author sync and restack,
// the dev check's library and snapshot comparisons) goes through them, so the two spellings of
// an import count as the same. Nothing else in a file is touched.

// ToRepo returns a Go file of the steps as the repository spells it: every import of a workspace
// package of the book becomes an import of its reference directory. A file that imports no
// workspace package, or that is not Go, is returned as it is.
func (b *Book) ToRepo(name string, src []byte) ([]byte, error) {
	return b.rewriteImports(name, src, func(p string) (string, bool) {
		pkg, ok := strings.CutPrefix(p, Module+"/")
		if !ok {
			return "", false
		}
		dir, ok := b.References[pkg]
		if !ok {
			return "", false
		}
		return RepoModule + "/" + dir, true
	})
}

// ToWorkspace is the inverse of ToRepo: every import of a reference directory of the book
// becomes an import of its workspace package.
func (b *Book) ToWorkspace(name string, src []byte) ([]byte, error) {
	return b.rewriteImports(name, src, func(p string) (string, bool) {
		dir, ok := strings.CutPrefix(p, RepoModule+"/")
		if !ok {
			return "", false
		}
		for pkg, ref := range b.References {
			if ref == dir {
				return Module + "/" + pkg, true
			}
		}
		return "", false
	})
}

// WorkspaceImports returns the workspace packages a Go file imports ("velocy/middleware" for an
// import of "workspace/velocy/middleware"), sorted. A file that does not parse imports nothing.
func WorkspaceImports(src []byte) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.ImportsOnly)
	if err != nil {
		return nil
	}
	seen := map[string]bool{}
	for _, spec := range f.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		if pkg, ok := strings.CutPrefix(p, Module+"/"); ok {
			seen[pkg] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// rewriteImports replaces the import paths that rename maps, in place, and formats the file
// again only when one changed (the new paths may sort differently within their group, which
// gofmt would change).
func (b *Book) rewriteImports(name string, src []byte, rename func(string) (string, bool)) ([]byte, error) {
	if !strings.HasSuffix(name, ".go") {
		return src, nil
	}
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, name, src, parser.ImportsOnly|parser.ParseComments)
	if err != nil {
		return src, fmt.Errorf("steps: rewriting the imports of %s: %w", name, err)
	}
	type edit struct {
		start, end int
		text       string
	}
	var edits []edit
	for _, spec := range f.Imports {
		p, err := strconv.Unquote(spec.Path.Value)
		if err != nil {
			continue
		}
		if to, ok := rename(p); ok {
			edits = append(edits, edit{
				start: fset.Position(spec.Path.Pos()).Offset,
				end:   fset.Position(spec.Path.End()).Offset,
				text:  strconv.Quote(to),
			})
		}
	}
	if len(edits) == 0 {
		return src, nil
	}
	var out bytes.Buffer
	at := 0
	for _, e := range edits { // f.Imports is in source order
		out.Write(src[at:e.start])
		out.WriteString(e.text)
		at = e.end
	}
	out.Write(src[at:])
	formatted, err := format.Source(out.Bytes())
	if err != nil {
		return src, fmt.Errorf("steps: formatting %s after rewriting its imports: %w", name, err)
	}
	return formatted, nil
}

// WithImports returns state (the files of s's package at some point of step s, with or without
// check files) plus, for every workspace package its Go files in s's folder import, directly or through another, that
// package's reference as it stands right before s (after its last step before s), without its
// tests. A package of
// the capstone is built on the earlier packages, and a throwaway module that builds it (the dev
// check, the workbook's warm-up) needs them beside it. The map passed in is not changed.
func (b *Book) WithImports(s *Step, state map[string][]byte) map[string][]byte {
	out := maps.Clone(state)
	done := map[string]bool{s.Package: true}
	queue := importsIn(state, s.Package)
	for len(queue) > 0 {
		pkg := queue[0]
		queue = queue[1:]
		if done[pkg] {
			continue
		}
		done[pkg] = true
		var last *Step
		for _, t := range b.Package(pkg) {
			if t.Index < s.Index {
				last = t
			}
		}
		if last == nil {
			continue // not a package of the book before s: the build says what is missing
		}
		dep := b.StateAfter(pkg, last)
		for p, d := range dep {
			if rest, ok := strings.CutPrefix(p, pkg+"/"); ok && !strings.Contains(rest, "/") && !strings.HasSuffix(rest, "_test.go") {
				out[p] = d
			}
		}
		queue = append(queue, importsIn(dep, pkg)...)
	}
	return out
}

// importsIn returns the workspace packages the Go files directly in folder dir of state import.
func importsIn(state map[string][]byte, dir string) []string {
	var out []string
	for _, p := range slices.Sorted(maps.Keys(state)) {
		if rest, ok := strings.CutPrefix(p, dir+"/"); ok && !strings.Contains(rest, "/") && strings.HasSuffix(rest, ".go") {
			out = append(out, WorkspaceImports(state[p])...)
		}
	}
	return out
}
