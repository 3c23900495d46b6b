package stdio_test

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch02/stdio"
)

func ExampleGreet() {
	stdio.Greet(os.Stdout, "Ada")
	stdio.Greet(os.Stdout, "  ")
	// Output:
	// Hello, Ada!
	// Hello, world!
}

func ExampleRun() {
	// What main would do: os.Exit(stdio.Run(os.Args, os.Stdout, os.Stderr)).
	// Here stderr goes to stdout too, so that the example can show it.
	code := stdio.Run([]string{"/usr/local/bin/greet", "Ada", "Grace"}, os.Stdout, os.Stdout)
	fmt.Println("exit code", code)
	code = stdio.Run([]string{"/usr/local/bin/greet"}, os.Stdout, os.Stdout)
	fmt.Println("exit code", code)
	// Output:
	// Hello, Ada!
	// Hello, Grace!
	// exit code 0
	// usage: greet NAME...
	// exit code 2
}

func ExamplePrefixWriter() {
	w := &stdio.PrefixWriter{W: os.Stdout, Prefix: "[api] "}
	fmt.Fprint(w, "listening on :8080\nGET /users")
	fmt.Fprint(w, " 200\n") // the rest of the same line: no second prefix
	fmt.Println(w.N, "bytes written")
	// Output:
	// [api] listening on :8080
	// [api] GET /users 200
	// 46 bytes written
}

// A PrefixWriter without a prefix only counts. One on each side of a
// compressor shows how much gzip saved.
func ExamplePrefixWriter_compression() {
	compressed := &stdio.PrefixWriter{W: io.Discard}
	zw := gzip.NewWriter(compressed)
	plain := &stdio.PrefixWriter{W: zw}

	w := bufio.NewWriter(plain)
	for range 1000 {
		fmt.Fprintln(w, "the same line, again and again")
	}
	w.Flush()
	zw.Close()
	fmt.Println(plain.N, "bytes in,", compressed.N < plain.N/10, "that gzip made ten times smaller")
	// Output: 31000 bytes in, true that gzip made ten times smaller
}

func ExampleCollectProcInfo() {
	info, err := stdio.CollectProcInfo()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(info.PID == os.Getpid(), strings.HasPrefix(info.GoVersion, "go"))
	// Output: true true
}
