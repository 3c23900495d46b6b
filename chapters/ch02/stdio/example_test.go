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

func ExampleCountingWriter() {
	cw := &stdio.CountingWriter{W: os.Stdout}
	fmt.Fprintln(cw, "one")
	fmt.Fprintln(cw, "three")
	fmt.Println(cw.N, "bytes")
	// Output:
	// one
	// three
	// 10 bytes
}

// A CountingWriter on each side of a compressor shows how much gzip saved.
func ExampleCountingWriter_compression() {
	compressed := &stdio.CountingWriter{W: io.Discard}
	zw := gzip.NewWriter(compressed)
	plain := &stdio.CountingWriter{W: zw}

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
