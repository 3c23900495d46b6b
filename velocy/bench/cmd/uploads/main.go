// Command uploads receives POST /upload through one of two handlers, so
// that upload-bench.sh can compare them on the same multipart body:
//
//	copy    io.Copy of the raw request body into a file: the floor, what
//	        receiving the bytes and writing them costs with no parsing
//	upload  velocy/upload's Save into an os.Root, with limits above the
//	        body's size and every type allowed
//
// Both write into -dir and remove what they wrote once they have answered,
// so a run of 1 GiB uploads does not fill the disk. Each answers with the
// number of bytes written.
//
//	uploads -addr 127.0.0.1:8080 -dir /tmp/up -handler upload
//	uploads -dir /tmp/up -handler upload -cpuprofile up.prof   # then go tool pprof
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
	"runtime/pprof"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/middleware"
	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/upload"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "uploads:", err)
		os.Exit(1)
	}
}

func run(args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("uploads", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `HOST:PORT`")
	dir := fs.String("dir", "", "write the uploads into `DIR`")
	which := fs.String("handler", "upload", "`copy` or upload")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to `FILE`")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		return fmt.Errorf("-addr %q: want HOST:PORT", *addr)
	}
	if *dir == "" {
		return errors.New("-dir is required")
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
	root, err := os.OpenRoot(*dir)
	if err != nil {
		return err
	}
	defer root.Close()
	var h http.HandlerFunc
	switch *which {
	case "copy":
		h = func(w http.ResponseWriter, r *http.Request) {
			f, err := os.CreateTemp(*dir, "copy-")
			if err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			defer os.Remove(f.Name())
			n, err := io.Copy(f, r.Body)
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			fmt.Fprintln(w, n)
		}
	case "upload":
		opts := upload.Options{
			Limits:       upload.Limits{MaxBodyBytes: -1, MaxFileBytes: -1},
			AllowedTypes: []string{"*/*"},
		}
		h = func(w http.ResponseWriter, r *http.Request) {
			form, err := upload.Save(w, r, root, opts)
			if err != nil {
				middleware.WriteError(w, r, err)
				return
			}
			defer form.Remove(root)
			var n int64
			for _, f := range form.Files {
				n += f.Size
			}
			fmt.Fprintln(w, n)
		}
	default:
		return errors.New("-handler must be copy or upload")
	}
	mux := http.NewServeMux()
	mux.Handle("POST /upload", h)
	fmt.Fprintf(stderr, "uploads: %s handler on http://%s/upload\n", *which, *addr)
	ctx, stop := velocy.SignalContext(context.Background())
	defer stop()
	return velocy.ListenAndServe(ctx, *addr, mux)
}
