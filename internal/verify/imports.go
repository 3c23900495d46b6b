package verify

import (
	"fmt"
	"path"

	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// Imports checks the rule that lets a step-line package import another workspace package (the
// capstone is built on velocy and logtar): the imported package must be a package of the book
// with a reference directory (packages.txt), other than the step's own, whose steps all come
// before this one. Then the learner has finished it, the dev check can build it from its last
// reference, and the repository's spelling of the import (its reference directory, see
// steps.Book.ToRepo) names exactly that code. Files outside the step's folder (a starter's
// main package elsewhere) are not the package's and are not held to it.
func (v *Verifier) Imports(s *steps.Step) []error {
	var errs []error
	for _, group := range []struct {
		name  string
		files []steps.File
	}{{"_starter", s.Starter}, {"_solution", s.Solution}, {"_check", s.Check}} {
		for _, f := range group.files {
			if path.Dir(f.Path) != s.Package || path.Ext(f.Path) != ".go" {
				continue
			}
			for _, pkg := range steps.WorkspaceImports(f.Data) {
				line := v.Book.Package(pkg)
				_, hasRef := v.Book.References[pkg]
				switch {
				case pkg == s.Package:
					errs = append(errs, fmt.Errorf("%s/%s imports its own package %s/%s", group.name, f.Path, steps.Module, pkg))
				case len(line) == 0 || !hasRef:
					errs = append(errs, fmt.Errorf("%s/%s imports %s/%s, which is not a package of the book with a "+
						"reference directory in packages.txt", group.name, f.Path, steps.Module, pkg))
				case line[len(line)-1].Index > s.Index:
					errs = append(errs, fmt.Errorf("%s/%s imports %s/%s, whose steps go on after this one (to %s): "+
						"a package may import only packages the learner has finished", group.name, f.Path, steps.Module, pkg,
						line[len(line)-1].ID))
				}
			}
		}
	}
	return errs
}
