// Command rawhttpd serves a few demonstration pages with the rawhttp package of
// chapter 5, so that you can point curl, nc or a browser at an HTTP/1.1 server
// whose every byte you can read in the chapter.
//
//	go run ./chapters/ch05/cmd/rawhttpd -addr 127.0.0.1:8080
//
// Pages: / (hello), /echo (your request, as the server read it), /stream (a
// chunked body, one line a second), /greet (Accept negotiation), /visits (a
// cookie), /ua (your User-Agent, parsed). It stops on Ctrl-C.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch05/rawhttp"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stderr, nil); err != nil {
		fmt.Fprintln(os.Stderr, "rawhttpd:", err)
		os.Exit(1)
	}
}

// run parses the flags, listens, and serves until ctx is done. It sends the
// address it listens on to ready, if ready is not nil.
func run(ctx context.Context, args []string, stderr io.Writer, ready chan<- net.Addr) error {
	fs := flag.NewFlagSet("rawhttpd", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` to listen on (port 0 picks a free one)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "rawhttpd: listening on http://%s\n", l.Addr())
	if ready != nil {
		ready <- l.Addr()
	}
	go func() {
		<-ctx.Done()
		l.Close()
	}()
	srv := &rawhttp.Server{Handler: rawhttp.HandlerFunc(route)}
	if err := srv.Serve(l); !errors.Is(err, net.ErrClosed) {
		return err
	}
	return nil
}

// page is one demonstration page: the methods it answers and its handler.
type page struct {
	methods []string
	handle  func(w *rawhttp.ResponseWriter, r *rawhttp.Request)
}

var pages = map[string]page{
	"/":       {[]string{"GET", "HEAD"}, hello},
	"/echo":   {[]string{"GET", "HEAD", "POST", "PUT"}, echo},
	"/stream": {[]string{"GET"}, stream},
	"/greet":  {[]string{"GET", "HEAD"}, greet},
	"/visits": {[]string{"GET"}, visits},
	"/ua":     {[]string{"GET"}, userAgent},
}

// route finds the page for r: 404 if there is none, 405 with Allow if the page
// does not answer r's method.
func route(w *rawhttp.ResponseWriter, r *rawhttp.Request) {
	p, ok := pages[r.Path]
	if !ok {
		text(w, 404, "404 Not Found: try /, /echo, /stream, /greet, /visits or /ua\n")
		return
	}
	if !slices.Contains(p.methods, r.Method) {
		w.Header().Set("Allow", strings.Join(p.methods, ", "))
		text(w, 405, "405 Method Not Allowed\n")
		return
	}
	p.handle(w, r)
}

func hello(w *rawhttp.ResponseWriter, r *rawhttp.Request) {
	text(w, 200, "Hello from rawhttp!\n")
}

// echo shows the request as the server read it.
func echo(w *rawhttp.ResponseWriter, r *rawhttp.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "%s %s %s\n", r.Method, r.Target, r.Proto())
	names := make([]string, 0, len(r.Header))
	for name := range r.Header {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		for _, v := range r.Header[name] {
			fmt.Fprintf(w, "%s: %s\n", name, v)
		}
	}
	fmt.Fprintf(w, "\nbody: %d bytes %q\n", len(r.Body), r.Body)
}

// stream sends five lines one second apart, each one a chunk.
func stream(w *rawhttp.ResponseWriter, r *rawhttp.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	for i := 1; i <= 5; i++ {
		fmt.Fprintf(w, "line %d of 5\n", i)
		if w.Flush() != nil {
			return
		}
		if i < 5 {
			time.Sleep(time.Second)
		}
	}
}

// greet answers in the format the client's Accept prefers.
func greet(w *rawhttp.ResponseWriter, r *rawhttp.Request) {
	w.Header().Set("Vary", "Accept")
	switch rawhttp.Negotiate(r.Header.Get("Accept"), "text/plain", "application/json", "text/html") {
	case "text/plain":
		text(w, 200, "hello\n")
	case "application/json":
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"greeting":"hello"}`+"\n")
	case "text/html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><title>hello</title><p>hello</p>\n")
	default:
		text(w, 406, "406 Not Acceptable: this page is text/plain, application/json or text/html\n")
	}
}

// visits counts your visits in a cookie.
func visits(w *rawhttp.ResponseWriter, r *rawhttp.Request) {
	n := 0
	for _, c := range r.Cookies() {
		if c.Name == "visits" {
			n, _ = strconv.Atoi(c.Value)
		}
	}
	n++
	rawhttp.SetCookie(w.Header(), rawhttp.Cookie{Name: "visits", Value: strconv.Itoa(n), Path: "/", MaxAge: 3600, HttpOnly: true, SameSite: "Lax"})
	text(w, 200, fmt.Sprintf("visit number %d (send the cookie back: curl -b visits=%d)\n", n, n))
}

// userAgent shows the products of the User-Agent.
func userAgent(w *rawhttp.ResponseWriter, r *rawhttp.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "User-Agent: %s\n", r.Header.Get("User-Agent"))
	for _, p := range rawhttp.ParseUserAgent(r.Header.Get("User-Agent")) {
		fmt.Fprintf(w, "  product %-20s comments %q\n", p, p.Comments)
	}
}

func text(w *rawhttp.ResponseWriter, code int, msg string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	io.WriteString(w, msg)
}
