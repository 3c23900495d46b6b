// Command rawhttpd runs your rawhttp server, so that you can talk to it with curl
// and nc. From your workspace folder:
//
//	go run ./rawhttpd -addr 127.0.0.1:8080
//
// It answers every request with what the server read: the request line, the
// header fields and the body. Change it as you like: no check reads this file.
package main

import (
	"flag"
	"fmt"
	"maps"
	"net"
	"os"
	"slices"

	"workspace/rawhttp"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "`host:port` to listen on (port 0 picks a free one)")
	flag.Parse()
	l, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "rawhttpd:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "rawhttpd: listening on http://%s (Ctrl-C stops it)\n", l.Addr())
	srv := &rawhttp.Server{Handler: rawhttp.HandlerFunc(echo)}
	if err := srv.Serve(l); err != nil {
		fmt.Fprintln(os.Stderr, "rawhttpd:", err)
		os.Exit(1)
	}
}

// echo answers with the request as the server read it.
func echo(w *rawhttp.ResponseWriter, r *rawhttp.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	fmt.Fprintf(w, "%s %s %s\n", r.Method, r.Target, r.Proto())
	for _, name := range slices.Sorted(maps.Keys(r.Header)) {
		for _, v := range r.Header[name] {
			fmt.Fprintf(w, "%s: %s\n", name, v)
		}
	}
	fmt.Fprintf(w, "\nbody: %d bytes %q\n", len(r.Body), r.Body)
}
