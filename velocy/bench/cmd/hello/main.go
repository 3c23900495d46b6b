// Command hello serves a hello-world and a small JSON endpoint, either
// through a velocy Router or through a bare net/http handler, so that a load
// generator can compare the two. Both use the same http.Server settings;
// only the handler differs.
//
//	hello -addr 127.0.0.1:8080 -handler velocy
//	hello -addr 127.0.0.1:8081 -handler bare
//
// It stops on Ctrl-C or SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
)

const (
	helloBody = "Hello, World!"
	jsonBody  = `{"message":"Hello, World!"}`
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "hello:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("hello", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	which := fs.String("handler", "velocy", "`velocy` (a Router) or bare (a plain net/http handler)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return fmt.Errorf("-addr %q: want HOST:PORT", *addr)
	}
	var h http.Handler
	switch *which {
	case "velocy":
		h = velocyHandler()
	case "bare":
		h = bareHandler()
	default:
		return errors.New("-handler must be velocy or bare")
	}
	fmt.Fprintf(stderr, "hello: %s handler on http://%s\n", *which, *addr)
	ctx, stop := velocy.SignalContext(context.Background()) // load.sh stops it with SIGTERM
	defer stop()
	return velocy.ListenAndServe(ctx, *addr, h)
}

func hello(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	io.WriteString(w, helloBody)
}

func helloJSON(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, jsonBody)
}

// velocyHandler routes / and /json, plus a parameter route, the way an
// application would.
func velocyHandler() http.Handler {
	r := velocy.New()
	r.Get("/", hello)
	r.Get("/json", helloJSON)
	r.Get("/users/{id}", func(w http.ResponseWriter, req *http.Request) {
		io.WriteString(w, "user "+req.PathValue("id"))
	})
	return r
}

// bareHandler answers the same two paths with one function: the least a
// net/http program can do.
func bareHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		if req.URL.Path == "/json" {
			helloJSON(w, req)
			return
		}
		hello(w, req)
	})
}
