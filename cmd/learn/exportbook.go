package main

import (
	"errors"
	"fmt"

	"github.com/learn-go-hard-way/learn-go-hard-way/assets"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/web"
)

// exportBook is learn export book DIR: the book rendered once, as data (book.json and an HTML
// fragment per page, see web.BookIndex), for the web edition the learner builds in the capstone.
func (a *app) exportBook(dir string, force bool) int {
	site, err := web.New(web.Options{Book: a.book, Lessons: a.lessons, Assets: assets.FS()})
	if err != nil {
		return a.fail(err)
	}
	if err := site.ExportBook(dir, force); err != nil {
		if errors.Is(err, web.ErrNotEmpty) {
			fmt.Fprintf(a.stderr, "learn: %s is not empty; pass --force to write into it anyway\n", dir)
			return exitUsage
		}
		return a.fail(err)
	}
	fmt.Fprintf(a.stdout, "wrote the book (%d pages) to %s; book.json lists them\n", len(site.Index().Pages), dir)
	return exitOK
}
