package files_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters/ch03/files"
)

func ExampleAppendLine() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "app.log")

	files.AppendLine(path, "started")
	files.AppendLine(path, "stopped")
	err := files.AppendLine(path, "two\nlines")
	data, _ := os.ReadFile(path)
	fmt.Printf("%q\n%v\n", data, err != nil)
	// Output:
	// "started\nstopped\n"
	// true
}

func ExampleOpenFlags() {
	flags, _ := files.OpenFlags("a")
	fmt.Println(flags == os.O_WRONLY|os.O_CREATE|os.O_APPEND)
	_, err := files.OpenFlags("rw")
	fmt.Println(err)
	// Output:
	// true
	// files: unknown open mode "rw" (want r, r+, w, w+, wx, wx+, a, a+, ax or ax+)
}

func ExampleCreateExclusive() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "node-id")

	fmt.Println(files.CreateExclusive(path, []byte("node-7\n"), 0o600))
	err := files.CreateExclusive(path, []byte("node-8\n"), 0o600)
	fmt.Println(errors.Is(err, os.ErrExist))
	data, _ := os.ReadFile(path)
	fmt.Printf("%q\n", data)
	// Output:
	// <nil>
	// true
	// "node-7\n"
}

func ExampleCountLines() {
	n, err := files.CountLines(strings.NewReader("one\ntwo\nthree without a newline"))
	fmt.Println(n, err)
	// Output: 3 <nil>
}

func ExampleLines() {
	r := strings.NewReader("GET /\r\nPOST /users\r\nGET /health\r\n")
	for line, err := range files.Lines(r) {
		if err != nil {
			fmt.Println("error:", err)
			return
		}
		if strings.HasPrefix(line, "POST") {
			fmt.Println("first POST:", line)
			break // Lines stops reading here
		}
	}
	// Output: first POST: POST /users
}

func ExampleChunks() {
	chunks, _ := files.Chunks(strings.NewReader("abcdefg"), 3)
	fmt.Printf("%q\n", chunks)
	// Output: ["abc" "def" "g"]
}

func ExampleLoadConfig() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "app.json")
	os.WriteFile(path, []byte(`{"level": "debug", "prefix": "shop"}`), 0o644)

	cfg, err := files.LoadConfig(path)
	fmt.Println(cfg.Level, cfg.Prefix, cfg.MaxBytes, cfg.Dir == filepath.Join(dir, "logs"), err)
	// Output: debug shop 1048576 true <nil>
}

func ExampleConfig_Validate() {
	c := files.Config{Level: "verbose", Prefix: "../x", Dir: "logs", MaxBytes: 10}
	fmt.Println(c.Validate())
	// Output:
	// field "level": "verbose" is not one of debug, info, warn, error
	// field "prefix": "../x" must be a plain name, without / or \ or ..
	// field "max_bytes": 10 is too small, want at least 1024
}
