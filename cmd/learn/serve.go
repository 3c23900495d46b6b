package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net"
	"os"

	"github.com/learn-go-hard-way/learn-go-hard-way/assets"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/web"
	"github.com/learn-go-hard-way/learn-go-hard-way/logtar"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
)

// serve runs the book's web edition on velocy, with logtar writing the access log to stderr.
func (a *app) serve(ctx context.Context, args []string) int {
	fs := a.newFlags("serve")
	addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on")
	own := fs.Bool("own", false, "serve the web edition you build in the capstone")
	reference := fs.Bool("reference", false, "serve the capstone's web edition built from the reference code")
	pos, err := parseArgs(fs, args)
	if err != nil || len(pos) > 0 || (*own && *reference) {
		return a.usageError("usage: learn serve [--addr HOST:PORT] [--own | --reference]")
	}
	if *own || *reference {
		a.warnReachable(*addr)
	}
	if *own {
		return a.serveOwn(ctx, *addr)
	}
	if *reference {
		return a.serveReference(ctx, *addr)
	}
	wb, err := a.open()
	if err != nil {
		return a.fail(err)
	}
	site, err := web.New(web.Options{Book: a.book, Lessons: a.lessons, Assets: assets.FS(), Source: repoSource(), Checks: true})
	if err != nil {
		return a.fail(err)
	}
	lt, err := logtar.New(logtar.NewConfig().WithWriter(a.stderr))
	if err != nil {
		return a.fail(err)
	}
	defer lt.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return a.fail(err)
	}
	a.warnReachable(*addr)
	fmt.Fprintf(a.stdout, "the book is at http://%s/ (Ctrl-C stops)\n", ln.Addr())
	h := site.Handler(web.ServeOptions{Workbook: wb, Logger: slog.New(lt.Handler())})
	if err := velocy.Serve(ctx, ln, h); err != nil {
		return a.fail(err)
	}
	return exitOK
}

// warnReachable warns when addr is reachable from other machines: every edition has check
// buttons, which run learn check on the workspace.
func (a *app) warnReachable(addr string) {
	if host, _, _ := net.SplitHostPort(addr); !isLoopback(host) {
		fmt.Fprintf(a.stderr, "%s %s is reachable from other machines: anyone who can reach it can run your checks\n",
			a.paint(yellow, "warning:"), addr)
	}
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// export writes the web edition as a static site.
func (a *app) export(args []string) int {
	fs := a.newFlags("export")
	force := fs.Bool("force", false, "write into a folder that is not empty")
	pos, err := parseArgs(fs, args)
	if err == nil && len(pos) == 2 && pos[0] == "book" {
		return a.exportBook(pos[1], *force)
	}
	if err != nil || len(pos) != 2 || pos[0] != "html" {
		return a.usageError("usage: learn export html|book DIR [--force]")
	}
	site, err := web.New(web.Options{Book: a.book, Lessons: a.lessons, Assets: assets.FS(), Source: repoSource()})
	if err != nil {
		return a.fail(err)
	}
	if err := site.Export(pos[1], *force); err != nil {
		if errors.Is(err, web.ErrNotEmpty) {
			fmt.Fprintf(a.stderr, "learn: %s is not empty; pass --force to write into it anyway\n", pos[1])
			return exitUsage
		}
		return a.fail(err)
	}
	fmt.Fprintf(a.stdout, "wrote %d pages to %s; open %s in a browser, or host the folder\n",
		len(site.Pages())+1, pos[1], pos[1]+string(os.PathSeparator)+"index.html")
	return exitOK
}

// repoSource returns the repository, for the pages showing the code that lessons link to, when
// learn runs from the repository's root; nil after go install, where those links become plain
// text. Images need no repository: they are embedded (package assets).
func repoSource() fs.FS {
	mod, err := os.ReadFile("go.mod")
	if err != nil || !bytes.HasPrefix(mod, []byte("module github.com/learn-go-hard-way/learn-go-hard-way\n")) {
		return nil
	}
	root, err := os.OpenRoot(".") // refuses symlinks that lead out of the repository
	if err != nil {
		return nil
	}
	return root.FS()
}
