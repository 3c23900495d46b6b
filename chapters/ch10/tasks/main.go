// Command tasks is a small REST service for to-do tasks: velocy routes the
// requests, velocy/middleware decodes and checks their bodies and answers
// every error as problem details (RFC 9457), velocy/db keeps the tasks,
// and logtar writes the access log. Lesson 10.9 builds it.
//
//	go run ./chapters/ch10/tasks -addr 127.0.0.1:8080 -dir tasks-data
//
// The routes:
//
//	POST   /tasks       create a task: 201 with Location and ETag
//	GET    /tasks       list: limit, offset, status, due_before, sort=due
//	GET    /tasks/{id}  read: 200 with ETag, 304 for If-None-Match
//	PUT    /tasks/{id}  replace the writable fields; If-Match gives 412
//	PATCH  /tasks/{id}  change some fields (a JSON merge patch)
//	DELETE /tasks/{id}  204; If-Match gives 412
//
// A 2xx answer to a write means the write is on disk: velocy/db returns
// from Put and Delete only once the record is synced. On SIGINT or SIGTERM
// the server stops taking connections, lets the requests in flight finish,
// then closes the database.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"

	"github.com/learn-go-hard-way/learn-go-hard-way/logtar"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
)

func main() {
	ctx, stop := velocy.SignalContext(context.Background())
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "tasks:", err)
		os.Exit(1)
	}
}

// run is the whole program: it serves until ctx is done. It prints the
// address it listens on to stdout (with -addr 127.0.0.1:0 the system picks
// the port, and a test reads it there) and the logs to stderr or -logs.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("tasks", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", "127.0.0.1:8080", "`address` to listen on")
	dir := flags.String("dir", "tasks-data", "the database's `directory`")
	logDir := flags.String("logs", "", "`directory` for log files (default: standard error)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", flags.Arg(0))
	}

	cfg := logtar.NewConfig()
	if *logDir == "" {
		cfg = cfg.WithWriter(stderr)
	} else {
		cfg = cfg.WithDir(*logDir)
	}
	logger, err := logtar.New(cfg)
	if err != nil {
		return err
	}
	defer logger.Close()
	log := slog.New(logger.Handler())
	// middleware.WriteError logs the errors it answers through the default
	// logger: send those to logtar too.
	slog.SetDefault(log)

	store, err := db.Open(*dir, Options())
	if err != nil {
		return err
	}
	rec := store.Recovery()
	log.Info("database open", "dir", *dir, "tasks", store.Len(),
		"segments", rec.Segments, "records", rec.Records, "truncated", rec.Truncated)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return errors.Join(err, store.Close())
	}
	fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr())
	log.Info("listening", "addr", ln.Addr().String())

	// Serve returns once ctx is done and the requests in flight have
	// finished (or ShutdownTimeout has passed): only then is it safe to
	// close the database under the handlers.
	serveErr := velocy.Serve(ctx, ln, New(store, log).Handler())
	closeErr := store.Close()
	log.Info("stopped", "serve_err", serveErr, "close_err", closeErr)
	return errors.Join(serveErr, closeErr)
}
