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
// velocy, middleware and logtar (chapter 15), on a book directory exported to a temporary folder.
func (a *app) serveOwn(ctx context.Context, addr string) int {
	tmp, err := os.MkdirTemp("", "learn-serve-own-")
	if err != nil {
		return a.fail(err)
	}
	defer os.RemoveAll(tmp)
	bookDir, progDir := filepath.Join(tmp, "book"), filepath.Join(tmp, "prog")
	if err := os.Mkdir(progDir, 0o755); err != nil {
		return a.fail(err)
	}
	site, err := web.New(web.Options{Book: a.book, Lessons: a.lessons, Assets: assets.FS()})
	if err != nil {
		return a.fail(err)
	}
	if err := site.ExportBook(bookDir, false); err != nil {
		return a.fail(err)
	}
	fmt.Fprintf(a.stderr, "%s\n", a.paint(dim, "building your web edition from "+a.dir+"…"))
	bin, err := bookrun.Build(ctx, a.dir, progDir, a.goCmd)
	var be *bookrun.BuildError
	if errors.Is(err, bookrun.ErrNoProgram) {
		fmt.Fprintf(a.stderr, "learn: %v; until then, learn serve shows the reference edition\n", err)
		return exitFail
	}
	if errors.As(err, &be) {
		fmt.Fprintf(a.stderr, "learn: your web edition does not build yet (chapter 15's steps: learn list):\n%s\n", be.Output)
		return exitFail
	}
	if err != nil {
		return a.fail(err)
	}
	if err := bookrun.Run(ctx, bin, bookDir, addr, a.stdout, a.stderr); err != nil {
		return a.fail(err)
	}
	return exitOK
}
