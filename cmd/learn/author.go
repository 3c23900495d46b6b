package main

import (
	"errors"
	"fmt"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/author"
)

const authorUsage = `learn author: tools for the book's authors (run inside the repository).

  learn author sync [--dry-run]
      make every derived copy true: the last snapshot of each library file equals the library
      (logtar/, velocy/), solution files that change nothing are dropped, and chapters/chNN/<pkg>/
      holds each package as it stands at the chapter's end, with the chapter's checks as tests.
  learn author restack STEP [--from REV]
      carry the edits made to STEP's snapshots (against git revision REV, default HEAD) into every
      later snapshot of the same files and into the library, by three-way merge; stops at a
      conflict. Then run sync.
  learn author new ID --after STEP [--package PKG] [--title TITLE]
      scaffold step ID right after STEP: step.json, hints.md, a failing check to fill in, and the
      package as it stands before the step in _solution/ (edit what changes; sync drops the rest).

After any of them: go test ./internal/verify -dynamic -run 'TestSteps/ID' proves the steps, and
go test ./internal/verify the copies. See steps/README.md.
`

func (a *app) author(args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(a.stdout, authorUsage)
		return exitOK
	}
	root := repoRoot()
	if root == "" {
		return a.fail(errors.New("learn author works inside the learn-go-hard-way repository; cd into it"))
	}
	repo, err := author.Open(root)
	if err != nil {
		return a.fail(err)
	}
	var changes []author.Change
	switch cmd, rest := args[0], args[1:]; cmd {
	case "sync":
		fs := a.newFlags("author sync")
		dry := fs.Bool("dry-run", false, "only report what would change")
		if pos, err := parseArgs(fs, rest); err != nil || len(pos) > 0 {
			return a.usageError("usage: learn author sync [--dry-run]")
		}
		changes, err = repo.Sync(*dry)
	case "restack":
		fs := a.newFlags("author restack")
		from := fs.String("from", "HEAD", "the git revision the edit is measured against")
		pos, perr := parseArgs(fs, rest)
		if perr != nil || len(pos) != 1 {
			return a.usageError("usage: learn author restack STEP [--from REV]")
		}
		changes, err = repo.Restack(pos[0], *from)
	case "new":
		fs := a.newFlags("author new")
		after := fs.String("after", "", "the step the new one follows")
		pkg := fs.String("package", "", "the workspace package (default: the --after step's)")
		title := fs.String("title", "", "the step's title")
		pos, perr := parseArgs(fs, rest)
		if perr != nil || len(pos) != 1 || *after == "" {
			return a.usageError("usage: learn author new ID --after STEP [--package PKG] [--title TITLE]")
		}
		changes, err = repo.New(pos[0], *after, *pkg, *title)
	default:
		return a.usageError(fmt.Sprintf("unknown author command %q (learn author help lists them)", cmd))
	}
	for _, c := range changes {
		fmt.Fprintln(a.stdout, c)
	}
	if err != nil {
		return a.fail(err)
	}
	if len(changes) == 0 {
		fmt.Fprintln(a.stdout, "nothing to change")
	}
	return exitOK
}
