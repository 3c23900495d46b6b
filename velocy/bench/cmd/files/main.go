// Command files serves the files of a directory under /static/, through one
// of three handlers, so that a load generator can compare them:
//
//	fileserver  net/http's http.FileServer over http.Dir
//	fileserver2 the same again: an A/A control, whose ratio to fileserver
//	            shows how much two runs of one server differ on this machine
//	static      velocy/static's Handler over an os.Root
//	static-mw   the same behind velocy/middleware's RequestID and Recover,
//	            which wrap the response writer (middleware.Wrap), to show
//	            that sendfile survives the wrappers
//
// Every handler is mounted with http.StripPrefix("/static", ...), and the
// server settings are the same; only the handler differs.
//
//	files -addr 127.0.0.1:8080 -dir /tmp/files -handler static
//
// It stops on Ctrl-C or SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/static"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "files:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("files", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	dir := fs.String("dir", "", "serve the files of `DIR`")
	which := fs.String("handler", "static", "`fileserver` (or fileserver2), static or static-mw")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return fmt.Errorf("-addr %q: want HOST:PORT", *addr)
	}
	if *dir == "" {
		return errors.New("-dir is required")
	}
	var h http.Handler
	switch *which {
	case "fileserver", "fileserver2":
		h = http.FileServer(http.Dir(*dir))
	case "static", "static-mw":
		s, err := static.Dir(*dir, static.Options{})
		if err != nil {
			return err
		}
		defer s.Close()
		h = s
		if *which == "static-mw" {
			logger := slog.New(slog.DiscardHandler)
			h = middleware.Chain(middleware.RequestID(middleware.RequestIDOptions{}), middleware.Recover(logger))(h)
		}
	default:
		return errors.New("-handler must be fileserver, fileserver2, static or static-mw")
	}
	fmt.Fprintf(stderr, "files: %s handler on http://%s/static/\n", *which, *addr)
	ctx, stop := velocy.SignalContext(context.Background()) // load.sh stops it with SIGTERM
	defer stop()
	return velocy.ListenAndServe(ctx, *addr, http.StripPrefix("/static", h))
}
