// Command chat is a small chat server over WebSockets: velocy routes the
// requests, velocy/middleware keeps a session per browser, velocy/static
// serves the page (embedded in the binary), velocy/ws upgrades the
// connections and its Hub broadcasts each message to the room it was sent
// in, and logtar writes the access log. Chapter 11 ends with it.
//
//	go run ./chapters/ch11/chat -addr 127.0.0.1:8080
//
// The routes:
//
//	GET  /              the chat page (index.html, chat.js, chat.css)
//	POST /login         nickname=NAME: starts a session (a new session id)
//	GET  /me            {"nick": NAME}, or 401 without a session
//	POST /logout        ends the session
//	GET  /ws?room=NAME  the WebSocket of one room; 401 without a session
//
// On the WebSocket the client sends {"text": "..."} and receives every
// message of its room, its own included, as
// {"type":"message","room":..,"from":..,"text":..,"at":..}, with notices of
// type "join" and "leave" when someone comes or goes and "error" (to the
// sender only) for a message the server refuses.
//
// On SIGINT or SIGTERM the server stops taking connections, lets the
// requests in flight finish, then closes every WebSocket with 1001 (going
// away) and waits for their handlers to end.
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
)

func main() {
	ctx, stop := velocy.SignalContext(context.Background())
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "chat:", err)
		os.Exit(1)
	}
}

// run is the whole program: it serves until ctx is done. It prints the
// address it listens on to stdout (with -addr 127.0.0.1:0 the system picks
// the port, and a test reads it there) and the logs to stderr or -logs.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("chat", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", "127.0.0.1:8080", "`address` to listen on")
	logDir := flags.String("logs", "", "`directory` for log files (default: standard error)")
	secure := flags.Bool("secure-cookies", false, "mark the session cookie Secure (behind HTTPS)")
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

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	app := New(Options{Log: log, SecureCookies: *secure})
	fmt.Fprintf(stdout, "listening on http://%s\n", ln.Addr())
	log.Info("listening", "addr", ln.Addr().String())

	// Serve returns once ctx is done and the plain HTTP requests in flight
	// have finished. The WebSockets are not among them: net/http forgets a
	// connection once it is hijacked, so the app closes them itself.
	serveErr := velocy.Serve(ctx, ln, app.Handler())
	closeErr := app.Close()
	log.Info("stopped", "serve_err", serveErr, "close_err", closeErr)
	return errors.Join(serveErr, closeErr)
}
