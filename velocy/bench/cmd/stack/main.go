// Command stack serves the same hello-world through several handlers, so
// that a load generator can measure what a realistic middleware stack
// costs:
//
//	bare            a plain net/http handler
//	velocy          a velocy Router
//	stack           a velocy Router behind RequestID, AccessLog and Recover
//	                from velocy/middleware, logging through logtar's slog
//	                handler (asynchronous, to a file) wrapped in
//	                middleware.ContextHandler
//	stack-nolog     the same stack with a logger that is never enabled, to
//	                tell the middleware's cost from the log's
//	stack-slogjson  the same stack logging through log/slog's JSONHandler,
//	                synchronously, to a file, to compare with logtar
//
// The handler body, the server settings and the response are the same for
// all three. The log goes to -logdir, or to a temporary directory removed at
// exit; on exit the command closes the logger and prints the number of log
// lines written, so that a load run can check that every request was logged.
//
//	stack -addr 127.0.0.1:8080 -handler stack -logdir /tmp/logs
//	stack -handler stack -cpuprofile stack.prof   # then go tool pprof
//
// It stops on Ctrl-C or SIGTERM.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"

	"github.com/learn-go-hard-way/learn-go-hard-way/logtar"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
)

const helloBody = "Hello, World!"

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "stack:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) (err error) {
	fs := flag.NewFlagSet("stack", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	which := fs.String("handler", "stack", "`bare`, velocy or stack")
	logDir := fs.String("logdir", "", "write the access log into `DIR` (default: a temporary directory, removed at exit)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to `FILE`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return fmt.Errorf("-addr %q: want HOST:PORT", *addr)
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	var h http.Handler
	switch *which {
	case "bare":
		h = http.HandlerFunc(hello)
	case "velocy":
		h = router()
	case "stack-nolog":
		h = stack(slog.New(slog.DiscardHandler))
	case "stack", "stack-slogjson":
		dir := *logDir
		if dir == "" {
			if dir, err = os.MkdirTemp("", "velocy-stack-"); err != nil {
				return err
			}
			defer os.RemoveAll(dir)
		}
		logger, closeLog, err := openLog(*which, dir)
		if err != nil {
			return err
		}
		defer func() {
			cerr := closeLog()
			n, lerr := countLines(dir)
			fmt.Fprintf(stderr, "stack: logged %d lines\n", n)
			err = errors.Join(err, cerr, lerr)
		}()
		h = stack(logger)
	default:
		return errors.New("-handler must be bare, velocy, stack, stack-nolog or stack-slogjson")
	}
	fmt.Fprintf(stderr, "stack: %s handler on http://%s\n", *which, *addr)
	ctx, stop := velocy.SignalContext(context.Background()) // load.sh stops it with SIGTERM
	defer stop()
	return velocy.ListenAndServe(ctx, *addr, h)
}

// openLog opens the access log of the stack in dir: through logtar's slog
// handler in async mode (which "stack"), or through log/slog's own
// JSONHandler writing to a file,
// synchronously ("stack-slogjson"), always behind middleware.ContextHandler.
// closeLog flushes and closes it.
func openLog(which, dir string) (logger *slog.Logger, closeLog func() error, err error) {
	if which == "stack-slogjson" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, nil, err
		}
		f, err := os.Create(filepath.Join(dir, "access.log"))
		if err != nil {
			return nil, nil, err
		}
		return slog.New(middleware.ContextHandler(slog.NewJSONHandler(f, nil))), f.Close, nil
	}
	cfg := logtar.NewConfig().WithDir(dir).WithAsync(true).WithRollingSize(64 * logtar.MiB)
	lt, err := logtar.New(cfg)
	if err != nil {
		return nil, nil, err
	}
	return slog.New(middleware.ContextHandler(lt.Handler())), lt.Close, nil
}

// hello is the one handler body of all three servers.
func hello(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, helloBody)
}

// router answers / the way an application would: through a Router.
func router() *velocy.Router {
	r := velocy.New()
	r.Get("/", hello)
	return r
}

// stack is router behind the middleware a production server runs on every
// request.
func stack(logger *slog.Logger) http.Handler {
	r := router()
	r.Use(
		middleware.RequestID(middleware.RequestIDOptions{}),
		middleware.AccessLog(logger),
		middleware.Recover(logger),
	)
	return r
}

// countLines counts the lines of every file in dir.
func countLines(dir string) (int, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return n, err
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			n++
		}
		f.Close()
		if err := sc.Err(); err != nil {
			return n, err
		}
	}
	return n, nil
}
