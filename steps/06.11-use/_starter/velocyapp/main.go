// Command velocyapp is your first web application on velocy: three routes, a
// request log, and a server that stops gracefully on Ctrl-C. From your
// workspace folder:
//
//	go run ./velocyapp -addr 127.0.0.1:8080
//
// and then, from another terminal:
//
//	curl -i http://127.0.0.1:8080/user/ada
//
// It is yours to change: no check reads this file.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strconv"
	"time"

	"workspace/velocy"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "`host:port` to listen on (port 0 picks a free one)")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))

	r := velocy.New()
	r.Use(logRequests(logger))
	r.Get("/", home)
	r.Get("/user/{name}", greet)
	r.Get("/user/{age}/class/{subject}", class)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		logger.Error("cannot listen", "err", err)
		os.Exit(1)
	}
	// Ctrl-C and SIGTERM end ctx, and Serve then stops gracefully.
	ctx, stop := velocy.SignalContext(context.Background())
	defer stop()
	logger.Info("listening (Ctrl-C stops)", "url", "http://"+ln.Addr().String())
	if err := velocy.Serve(ctx, ln, r); err != nil {
		logger.Error("server stopped", "err", err)
		os.Exit(1)
	}
	logger.Info("stopped")
}

// home answers GET /.
func home(w http.ResponseWriter, req *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintln(w, "Hello from velocy! Try /user/ada or /user/36/class/maths.")
}

// greet answers GET /user/{name}.
func greet(w http.ResponseWriter, req *http.Request) {
	// Set the type: without it, net/http guesses from the first bytes of the
	// body. "Hello, " keeps this answer text by luck; a body that started
	// with the name, and a name like "<script>...", would be served as HTML.
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "Hello, %s!\n", req.PathValue("name"))
}

// class answers GET /user/{age}/class/{subject}. The router has checked the
// shape of the path; the values are still text that the handler must check.
func class(w http.ResponseWriter, req *http.Request) {
	age, err := strconv.Atoi(req.PathValue("age"))
	if err != nil || age < 0 || age > 150 {
		http.Error(w, "age must be a whole number from 0 to 150", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "At %d, you are studying %s.\n", age, req.PathValue("subject"))
}

// logRequests is middleware: it logs one line per request once the handler
// has answered, with the status and the time it took.
func logRequests(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			start := time.Now()
			sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
			next.ServeHTTP(sw, req)
			logger.Info("request", "method", req.Method, "path", req.URL.Path,
				"pattern", req.Pattern, "status", sw.status, "took", time.Since(start))
		})
	}
}

// statusWriter remembers the status code a handler sends.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}
