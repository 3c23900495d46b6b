package verify

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/author"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// Reference checks that the last step of a package that is also a library (packages.txt) leaves
// exactly the library's non-test Go files. It needs Root.
func (v *Verifier) Reference(pkg string) []error {
	ref, ok := v.Book.References[pkg]
	if v.Root == "" || !ok {
		return nil
	}
	line := v.Book.Package(pkg)
	if len(line) == 0 {
		return nil
	}
	state := v.Book.StateAfter(pkg, line[len(line)-1])
	want := map[string][]byte{}
	for p, d := range state {
		if rest, ok := strings.CutPrefix(p, pkg+"/"); ok && !strings.Contains(rest, "/") && strings.HasSuffix(rest, ".go") &&
			!strings.HasSuffix(rest, "_test.go") { // a step may hand out or solve a test file (chapter 14); the library holds its own tests
			want[rest] = d
		}
	}
	var errs []error
	entries, err := os.ReadDir(filepath.Join(v.Root, filepath.FromSlash(ref)))
	if err != nil {
		return []error{fmt.Errorf("reference directory %s: %w", ref, err)}
	}
	have := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		have[name] = true
		data, err := os.ReadFile(filepath.Join(v.Root, filepath.FromSlash(ref), name))
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if data, err = v.Book.ToWorkspace(name, data); err != nil { // the library spells workspace imports its own way
			errs = append(errs, err)
			continue
		}
		w, ok := want[name]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("%s/%s is not built by any step of package %s", ref, name, pkg))
		case !bytes.Equal(w, data):
			errs = append(errs, fmt.Errorf("%s/%s differs from what the steps of package %s leave (last written by %s): "+
				"learn author sync copies the library into it", ref, name, pkg, lastWriter(line, pkg+"/"+name)))
		}
	}
	for name := range want {
		if !have[name] {
			errs = append(errs, fmt.Errorf("the steps of package %s leave %s, which %s does not have", pkg, name, ref))
		}
	}
	return errs
}

func lastWriter(line []*steps.Step, p string) string {
	id := "no step"
	for _, s := range line {
		for _, f := range s.Solution {
			if f.Path == p {
				id = s.ID
			}
		}
	}
	return id
}

// Snapshots checks that every chapter folder holds, for each package the chapter builds, exactly
// the package as the steps leave it at the chapter's end and the chapter's checks: the files
// learn author sync writes, and no stale ones. It needs Root.
func (v *Verifier) Snapshots() []error {
	if v.Root == "" {
		return nil
	}
	var errs []error
	for _, snap := range author.Snapshots(v.Book) {
		dir := filepath.Join(v.Root, filepath.FromSlash(snap.Dir))
		for name, want := range snap.Files {
			got, err := os.ReadFile(filepath.Join(dir, name))
			switch {
			case err != nil:
				errs = append(errs, fmt.Errorf("%s/%s is missing: run learn author sync", snap.Dir, name))
			case !bytes.Equal(got, want):
				errs = append(errs, fmt.Errorf("%s/%s differs from the steps (it is generated: edit the step or the library, "+
					"then run learn author sync)", snap.Dir, name))
			}
		}
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if _, ok := snap.Files[e.Name()]; !ok && !e.IsDir() && author.Generated(e.Name()) {
				errs = append(errs, fmt.Errorf("%s/%s is not built by the steps of chapter %s: run learn author sync to remove it",
					snap.Dir, e.Name(), snap.Chapter))
			}
		}
	}
	return errs
}
