// Command app is chapter 12's example service, with everything the
// chapter adds to a velocy service: structured request logs that carry a
// W3C trace id, Prometheus metrics, liveness and readiness probes, the
// profiler on an admin listener, and a graceful shutdown in order under
// one deadline.
//
//	go run ./chapters/ch12/app -addr 127.0.0.1:8080 -admin 127.0.0.1:8081 -dir app-data
//
// The public listener (-addr) serves a small notes API on velocy/db and
// websocket rooms on velocy/ws:
//
//	POST /notes         {"text": "..."}: 201 with the note, once it is on disk
//	GET  /notes         the notes, oldest first (?limit=1..100)
//	GET  /notes/{id}    one note
//	GET  /rooms/{room}  a websocket: each text message goes to everyone in the room
//
// behind chapter 7's middleware (request id, client address, access log
// through logtar, recovery from panics), trace.Middleware and
// trace.Logger, and metrics.Middleware. The admin listener (-admin,
// loopback by default) serves /metrics, /livez, /readyz and, to loopback
// clients only, /debug/pprof/ (with the bearer token in $APP_ADMIN_TOKEN
// too, when it is set).
//
// To see it work, with the service running:
//
//	curl -s -H 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' \
//	     -d '{"text":"hello"}' -H 'Content-Type: application/json' 127.0.0.1:8080/notes
//	curl -s 127.0.0.1:8081/metrics | grep '^http_requests_total'
//	curl -s 127.0.0.1:8081/readyz
//	go tool pprof -top 'http://127.0.0.1:8081/debug/pprof/profile?seconds=10'
//
// The access log record of the first request carries the caller's trace
// id (4bf9...) and a span of its own; /metrics counts it under the route
// "/notes", never under a note's path.
//
// On SIGINT or SIGTERM the service shuts down in the order chapter 12
// explains, all within -shutdown-timeout: it stops accepting connections,
// fails readiness, waits for the requests in flight, closes the websockets
// with 1001 (going away), flushes the log, closes the database, and last
// closes the admin listener. The shutdown's progress goes to standard
// error, not to the log, which it closes on the way.
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
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/logtar"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/db"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/graceful"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/trace"
)

func main() {
	ctx, stop := velocy.SignalContext(context.Background())
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "app:", err)
		os.Exit(1)
	}
}

// run is the whole program: it serves until ctx is done, then shuts down.
// It prints the addresses it listens on to stdout (with port 0 the
// system picks them, and a test or a script reads them there):
//
//	listening on http://127.0.0.1:8080
//	admin on http://127.0.0.1:8081
//
// and writes the log to stderr or to files in -logs.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("app", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", "127.0.0.1:8080", "public `address` to listen on")
	adminAddr := flags.String("admin", "127.0.0.1:8081", "admin `address` (metrics, probes, profiler)")
	dir := flags.String("dir", "app-data", "the database's `directory`")
	logDir := flags.String("logs", "", "`directory` for log files (default: standard error)")
	timeout := flags.Duration("shutdown-timeout", 20*time.Second, "the whole shutdown's `deadline`")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", flags.Arg(0))
	}

	// The log is asynchronous: a request does not wait for the disk, and
	// the shutdown flushes what is queued.
	cfg := logtar.NewConfig().WithAsync(true)
	if *logDir == "" {
		cfg = cfg.WithWriter(stderr)
	} else {
		cfg = cfg.WithDir(*logDir)
	}
	logs, err := logtar.New(cfg)
	if err != nil {
		return err
	}
	log := slog.New(trace.LogHandler(logs.Handler()))
	// middleware.WriteError logs the errors it answers through the default
	// logger: send those to logtar too, with their trace ids.
	slog.SetDefault(log)

	store, err := db.Open(*dir, db.Options{})
	if err != nil {
		return errors.Join(err, logs.Close())
	}
	log.Info("database open", "dir", *dir, "notes", store.Len())

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return errors.Join(err, store.Close(), logs.Close())
	}
	adminLn, err := net.Listen("tcp", *adminAddr)
	if err != nil {
		return errors.Join(err, ln.Close(), store.Close(), logs.Close())
	}

	token := os.Getenv("APP_ADMIN_TOKEN")
	if token == "" {
		// Loopback alone is a weak guard: any local process, and any feature of this one that
		// fetches URLs for users (lesson 13.7), reaches the profiler. Say so where it is read.
		log.Warn("APP_ADMIN_TOKEN is not set: /debug/pprof/ is open to every process on this host")
	}
	app := New(Options{DB: store, Log: log, AdminToken: token})
	public := velocy.NewServer(ln.Addr().String(), app.Handler())
	admin := velocy.NewServer(adminLn.Addr().String(), app.AdminHandler())
	serveErrs := make(chan error, 2)
	go func() { serveErrs <- serve(public, ln) }()
	go func() { serveErrs <- serve(admin, adminLn) }()
	fmt.Fprintf(stdout, "listening on http://%s\nadmin on http://%s\n", ln.Addr(), adminLn.Addr())
	log.Info("listening", "addr", ln.Addr().String(), "admin", adminLn.Addr().String())

	var serveErr error
	received := 0
	select {
	case <-ctx.Done():
	case serveErr = <-serveErrs: // a listener failed: shut down the rest
		received++
	}
	if serveErr != nil {
		log.Error("shutting down", "err", serveErr)
	} else {
		log.Info("shutting down")
	}

	seq := &graceful.Sequence{
		Timeout: *timeout,
		Logger:  slog.New(slog.NewTextHandler(stderr, nil)),
		Stages:  shutdownStages(app, public, admin, logs, store),
	}
	err = seq.Run(context.Background())
	for ; received < cap(serveErrs); received++ {
		serveErr = errors.Join(serveErr, <-serveErrs)
	}
	return errors.Join(serveErr, err)
}

// shutdownStages is the shutdown, in the order chapter 12 explains:
//
//  1. stop accepting: the public listener closes, new connections are
//     refused and the clients retry elsewhere;
//  2. fail readiness: /readyz answers 503, on the admin listener, which
//     is still open, so the load balancer sees it;
//  3. drain: the requests in flight finish;
//  4. websockets: each closed with 1001, going away (http.Server's
//     Shutdown forgets hijacked connections: the app closes them);
//  5. logs: logtar writes what is queued and closes its file;
//  6. database: closed once no handler can use it;
//  7. admin: the admin listener closes last, so the probes see the
//     service draining until the end.
func shutdownStages(app *App, public, admin *http.Server, logs *logtar.Logger, store *db.DB) []graceful.Stage {
	stop, drain := graceful.StopAccepting(public)
	return []graceful.Stage{
		stop,
		graceful.FailReadiness(app.Health()),
		drain,
		{Name: "websockets", Run: app.CloseSockets},
		{Name: "logs", Run: logs.CloseContext},
		graceful.Closer("database", store.Close),
		{Name: "admin", Run: func(ctx context.Context) error {
			if err := admin.Shutdown(ctx); err != nil {
				return errors.Join(err, admin.Close())
			}
			return nil
		}},
	}
}

// serve serves srv on ln until srv is shut down, which is not an error.
func serve(srv *http.Server, ln net.Listener) error {
	if err := srv.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	}
	return nil
}
