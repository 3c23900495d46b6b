// Package author holds the tools that keep the book's copies of code in step: learn author sync,
// restack and new. They work on the repository's files (steps/, chapters/, the libraries), not
// on the book embedded in the binary.
//
// The book keeps whole-file snapshots: a step's _solution/ holds every file it changes as it
// stands after the step, so velocy/router.go exists in many step folders. Three derived copies
// exist as well, and these tools write them so that no person has to:
//
//   - the last snapshot of a library file equals the library (logtar/, velocy/): Sync copies the
//     library into the last step that writes each file;
//   - chapters/chNN/<pkg>/ holds each package the chapter builds as it stands at the chapter's
//     end, with the chapter's checks as its tests: Sync writes it from the steps;
//   - a fix in the middle of a chain of snapshots belongs in every later snapshot too: Restack
//     carries it forward with a three-way merge.
//
// The dev check (internal/verify) proves all of it, so a forgotten sync fails go test.
package author

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// A Repo is the book's repository on disk.
type Repo struct {
	Root string
	Book *steps.Book
}

// Open loads the steps of the repository at root.
func Open(root string) (*Repo, error) {
	book, err := steps.Load(os.DirFS(filepath.Join(root, "steps")))
	if err != nil {
		return nil, err
	}
	return &Repo{Root: root, Book: book}, nil
}

// A Change is one file a tool wrote or removed, relative to the repository root.
type Change struct {
	Path string
	What string // "wrote", "removed"
}

func (c Change) String() string { return c.What + " " + c.Path }

// Snapshot is the generated content of one chapter folder for one package: the package's files
// after the chapter's last step that touches it, plus the check files of the steps active there,
// keyed by file name.
type Snapshot struct {
	Chapter string // "ch06"
	Package string // "velocy"
	Dir     string // "chapters/ch06/velocy", relative to the root
	Files   map[string][]byte
}

// Snapshots returns every chapter snapshot the steps define, in book order.
func Snapshots(book *steps.Book) []Snapshot {
	type key struct{ chapter, pkg string }
	last := map[key]*steps.Step{}
	var order []key
	for _, s := range book.Steps {
		k := key{s.Chapter, s.Package}
		if _, ok := last[k]; !ok {
			order = append(order, k)
		}
		last[k] = s
	}
	var out []Snapshot
	for _, k := range order {
		s := last[k]
		files := map[string][]byte{}
		for p, data := range book.StateAfter(k.pkg, s) {
			if dir, name := path.Split(p); dir == k.pkg+"/" {
				files[name] = toRepo(book, name, data)
			}
		}
		for _, t := range book.Active(s) {
			for _, f := range t.Check {
				name := path.Base(f.Path)
				files[name] = toRepo(book, name, f.Data)
			}
		}
		out = append(out, Snapshot{Chapter: k.chapter, Package: k.pkg, Dir: path.Join("chapters", k.chapter, k.pkg), Files: files})
	}
	return out
}

// toRepo spells a snapshot file's imports of workspace packages the repository's way (see
// steps.Book.ToRepo): the chapter folders are compiled by the main module. A file that does not
// parse is kept as it is; the dev check reports it.
func toRepo(book *steps.Book, name string, data []byte) []byte {
	out, err := book.ToRepo(name, data)
	if err != nil {
		return data
	}
	return out
}

// Generated reports whether a file name in a chapter snapshot folder is one Sync writes: Go
// source that is not a test, and check tests. Other files there (the chapter's own tests and
// examples, testdata) are written by hand.
func Generated(name string) bool {
	if !strings.HasSuffix(name, ".go") {
		return false
	}
	return !strings.HasSuffix(name, "_test.go") || (strings.HasPrefix(name, "check_") && strings.HasSuffix(name, "_test.go"))
}

// Sync makes every derived copy true: the last snapshot of each library file equals the library,
// solution files that change nothing are dropped, and the chapter snapshots are written from the
// steps. With dryRun it only reports what it would change. Problems that need a person (a library
// file no step builds) are returned as an error after everything else is done.
func (r *Repo) Sync(dryRun bool) ([]Change, error) {
	var changes []Change
	var errs []error
	write := func(rel string, data []byte) {
		full := filepath.Join(r.Root, filepath.FromSlash(rel))
		if old, err := os.ReadFile(full); err == nil && bytes.Equal(old, data) {
			return
		}
		changes = append(changes, Change{rel, "wrote"})
		if dryRun {
			return
		}
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			errs = append(errs, err)
			return
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			errs = append(errs, err)
		}
	}
	remove := func(rel string) {
		changes = append(changes, Change{rel, "removed"})
		if !dryRun {
			if err := os.Remove(filepath.Join(r.Root, filepath.FromSlash(rel))); err != nil {
				errs = append(errs, err)
			}
		}
	}

	// 1. Libraries into their last snapshots.
	for _, pkg := range slices.Sorted(maps.Keys(r.Book.References)) {
		lib := r.Book.References[pkg]
		entries, err := os.ReadDir(filepath.Join(r.Root, filepath.FromSlash(lib)))
		if errors.Is(err, fs.ErrNotExist) && strings.HasPrefix(lib, "chapters/") {
			continue // a new chapter's package: step 3 writes its folder from the steps
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("library %s: %w", lib, err))
			continue
		}
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			data, err := os.ReadFile(filepath.Join(r.Root, filepath.FromSlash(lib), name))
			if err != nil {
				errs = append(errs, err)
				continue
			}
			if data, err = r.Book.ToWorkspace(name, data); err != nil { // steps import "workspace/..."
				errs = append(errs, err)
				continue
			}
			tree, s := r.lastWriter(pkg, pkg+"/"+name)
			if s == nil {
				errs = append(errs, fmt.Errorf("%s/%s is built by no step of package %s: add it to a step "+
					"(learn author new) before syncing", lib, name, pkg))
				continue
			}
			write(path.Join("steps", s.ID, tree, pkg, name), data)
		}
	}

	// 2. Solution files that change nothing.
	for _, s := range r.Book.Steps {
		before := r.Book.StateBefore(s)
		for _, f := range s.Solution {
			if old, ok := before[f.Path]; ok && bytes.Equal(old, f.Data) {
				remove(path.Join("steps", s.ID, "_solution", f.Path))
			}
		}
	}

	// Reload, so the chapters are written from what the steps hold now.
	if !dryRun && len(changes) > 0 {
		fresh, err := Open(r.Root)
		if err != nil {
			return changes, err
		}
		r.Book = fresh.Book
	}

	// 3. Chapter snapshots.
	for _, snap := range Snapshots(r.Book) {
		for name, data := range snap.Files {
			write(path.Join(snap.Dir, name), data)
		}
		entries, _ := os.ReadDir(filepath.Join(r.Root, filepath.FromSlash(snap.Dir)))
		for _, e := range entries {
			if _, keep := snap.Files[e.Name()]; !keep && !e.IsDir() && Generated(e.Name()) {
				remove(path.Join(snap.Dir, e.Name()))
			}
		}
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i].Path < changes[j].Path })
	return changes, errors.Join(errs...)
}

// lastWriter returns the last step of pkg that writes the workspace file p, and the tree it is
// in ("_solution", or "_starter" for a file that only a starter hands out).
func (r *Repo) lastWriter(pkg, p string) (tree string, last *steps.Step) {
	has := func(files []steps.File) bool {
		for _, f := range files {
			if f.Path == p {
				return true
			}
		}
		return false
	}
	for _, s := range r.Book.Package(pkg) {
		switch {
		case has(s.Solution):
			tree, last = "_solution", s
		case last == nil && has(s.Starter):
			tree, last = "_starter", s // a later starter never lands: the file exists by then
		}
	}
	return tree, last
}

// readFile reads a repository file; a missing one is nil.
func (r *Repo) readFile(rel string) ([]byte, error) {
	data, err := os.ReadFile(filepath.Join(r.Root, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}
