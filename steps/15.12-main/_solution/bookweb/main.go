package bookweb

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"workspace/velocy"
)

// Main is the program, for a main package to call as os.Exit(bookweb.Main(os.Args[1:],
// os.Stdout, os.Stderr)):
//
//	bookweb -book DIR -data DIR [-addr HOST:PORT] [LEARN-COMMAND...]
//
// The words after the flags are the check command without the step, such as
// learn --dir workspace check. Main serves until SIGINT or SIGTERM and returns the exit status:
// 0 after a clean shutdown, 1 when Run fails, 2 for a command line it cannot use.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bookweb", flag.ContinueOnError)
	fs.SetOutput(stderr)
	book := fs.String("book", "", "the book directory, written by learn export book DIR (required)")
	data := fs.String("data", "", "the folder of the progress database, created if missing (required)")
	addr := fs.String("addr", "127.0.0.1:8080", "the address to listen on")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: bookweb -book DIR -data DIR [-addr HOST:PORT] [LEARN-COMMAND...]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return 2 // the flag package has said what was wrong
	}
	var missing []string
	if *book == "" {
		missing = append(missing, "-book")
	}
	if *data == "" {
		missing = append(missing, "-data")
	}
	if len(missing) > 0 {
		fmt.Fprintf(stderr, "bookweb: %s required\n", strings.Join(missing, " and "))
		fs.Usage()
		return 2
	}
	ctx, stop := velocy.SignalContext(context.Background())
	defer stop()
	err := Run(ctx, Config{Book: *book, Data: *data, Addr: *addr, Learn: fs.Args(), Log: stderr,
		Ready: func(a string) { fmt.Fprintf(stdout, "the book is at http://%s/ (Ctrl-C stops)\n", a) }})
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}
