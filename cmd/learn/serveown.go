package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/learn-go-hard-way/learn-go-hard-way/assets"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/bookrun"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/web"
)

// serveOwn is learn serve --own: the book's web edition built from the learner's own bookweb,
// velocy, middleware and logtar (chapter 15), on a book directory exported to a temporary folder,
// keeping its progress database in the workspace's .learn/bookweb.
func (a *app) serveOwn(ctx context.Context, addr string) int {
	ws, err := filepath.Abs(a.dir)
	if err != nil {
		return a.fail(err)
	}
	tmp, bookDir, progDir, err := a.editionFolders("learn-serve-own-")
	if err != nil {
		return a.fail(err)
	}
	defer os.RemoveAll(tmp)
	fmt.Fprintf(a.stderr, "%s\n", a.paint(dim, "building your web edition from "+ws+"…"))
	bin, err := bookrun.Build(ctx, ws, progDir, a.goCmd)
	var be *bookrun.BuildError
	switch {
	case errors.Is(err, bookrun.ErrNoProgram):
		fmt.Fprintf(a.stderr, "learn: %v; until then, learn serve shows the reference edition\n", err)
		return exitFail
	case errors.Is(err, bookrun.ErrNoMain):
		fmt.Fprintf(a.stderr, "learn: %v; until then, learn serve --reference runs the finished one\n", err)
		return exitFail
	case errors.As(err, &be):
		fmt.Fprintf(a.stderr, "learn: your web edition does not build yet (chapter 15's steps: learn list):\n%s\n", be.Output)
		return exitFail
	case err != nil:
		return a.fail(err)
	}
	return a.runEdition(ctx, bin, bookDir, filepath.Join(ws, ".learn", "bookweb"), addr)
}

// serveReference is learn serve --reference: the same program as serveOwn, built from the
// reference code of bookweb and the libraries it imports (what a learner who typed every
// solution has), its checks still judging the learner's workspace. Its progress database is
// .learn/bookweb-reference: not the learner's own .learn/bookweb, which their program, perhaps
// halfway through the capstone, must not find written by another; but in the workspace, since
// the verdicts it records are this workspace's.
func (a *app) serveReference(ctx context.Context, addr string) int {
	wb, err := a.open() // the workspace the checks judge: made if missing, refused if something else
	if err != nil {
		return a.fail(err)
	}
	tmp, bookDir, progDir, err := a.editionFolders("learn-serve-reference-")
	if err != nil {
		return a.fail(err)
	}
	defer os.RemoveAll(tmp)
	ref := filepath.Join(tmp, "reference")
	if err := bookrun.ReferenceWorkspace(a.book, ref); err != nil {
		return a.fail(err)
	}
	fmt.Fprintf(a.stderr, "%s\n", a.paint(dim, "building the reference web edition…"))
	bin, err := bookrun.Build(ctx, ref, progDir, a.goCmd)
	if errors.Is(err, bookrun.ErrNoMain) {
		return a.fail(fmt.Errorf("the book in this learn stops before step %s, so its reference code has no bookweb.Main to run", bookrun.MainStep))
	}
	if err != nil {
		return a.fail(fmt.Errorf("the reference web edition: %w", err))
	}
	return a.runEdition(ctx, bin, bookDir, filepath.Join(wb.Dir, ".learn", "bookweb-reference"), addr)
}

// editionFolders makes a temporary folder named with prefix, exports the book into its book/
// and makes its prog/ for the program's module. The caller removes tmp, which is "" on an error.
func (a *app) editionFolders(prefix string) (tmp, bookDir, progDir string, err error) {
	tmp, err = os.MkdirTemp("", prefix)
	if err != nil {
		return "", "", "", err
	}
	bookDir, progDir = filepath.Join(tmp, "book"), filepath.Join(tmp, "prog")
	err = os.Mkdir(progDir, 0o755)
	if err == nil {
		var site *web.Site
		if site, err = web.New(web.Options{Book: a.book, Lessons: a.lessons, Assets: assets.FS()}); err == nil {
			err = site.ExportBook(bookDir, false)
		}
	}
	if err != nil {
		os.RemoveAll(tmp)
		return "", "", "", err
	}
	return tmp, bookDir, progDir, nil
}

// runEdition runs a built web edition until ctx ends, with its progress database in data
// (created private: it records who read what) and check buttons that run this learn on the
// workspace.
func (a *app) runEdition(ctx context.Context, bin, bookDir, data, addr string) int {
	if err := os.MkdirAll(data, 0o700); err != nil {
		return a.fail(err)
	}
	learnCmd, err := a.checkCommand()
	if err != nil {
		return a.fail(err)
	}
	err = bookrun.Run(ctx, bookrun.RunOptions{Bin: bin, Book: bookDir, Data: data, Addr: addr, Learn: learnCmd,
		Stdout: a.stdout, Stderr: a.stderr})
	if err != nil {
		return a.fail(err)
	}
	return exitOK
}

// checkCommand is the check command a web edition runs, without the step (it appends STEP
// --json): this learn binary, with the workspace as an absolute path, so that the command does
// not depend on the folder it runs in.
func (a *app) checkCommand() ([]string, error) {
	exe := a.exe
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return nil, fmt.Errorf("the check command: %w", err)
		}
	}
	ws, err := filepath.Abs(a.dir)
	if err != nil {
		return nil, err
	}
	return []string{exe, "--dir", ws, "check"}, nil
}
