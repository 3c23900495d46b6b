package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// writeFiles writes files (slash-separated paths) under root.
func writeFiles(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestServeOwnNeedsMain(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	writeFiles(t, ws, map[string]string{"go.mod": steps.GoMod, "bookweb/run.go": "package bookweb\n\nfunc Run() {}\n"})
	r := learn(t, ws, "serve", "--own")
	if r.code != exitFail || !strings.Contains(r.stderr, "func Main") || !strings.Contains(r.stderr, "15.12-main") {
		t.Errorf("serve --own on a bookweb without Main = %d %q, want exit 1 naming Main and its step", r.code, r.stderr)
	}
}

// TestServeOwnCommandLine builds a workspace whose bookweb.Main prints its command line and
// returns: learn serve --own passes the exported book, the workspace's .learn/bookweb (made
// private) and the check command of this learn on this workspace.
func TestServeOwnCommandLine(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	ws := filepath.Join(t.TempDir(), "ws")
	writeFiles(t, ws, map[string]string{"go.mod": steps.GoMod, "bookweb/main.go": `package bookweb

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

func Main(args []string, stdout, stderr io.Writer) int {
	line, _ := json.Marshal(args)
	fmt.Fprintf(stdout, "%s\n", line)
	if _, err := os.Stat(filepath.Join(args[1], "book.json")); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}
`})
	var out, errb bytes.Buffer
	a := &app{book: fixture.Book(), lessons: fixture.Lessons(), stdout: &out, stderr: &errb, exe: "/opt/learn"}
	code := a.run([]string{"--dir", ws, "serve", "--own", "--addr", "127.0.0.1:0"})
	if code != exitOK {
		t.Fatalf("serve --own = %d\n%s%s", code, out.String(), errb.String())
	}
	var args []string
	if err := json.Unmarshal(out.Bytes(), &args); err != nil {
		t.Fatalf("the program printed %q: %v", out.String(), err)
	}
	data := filepath.Join(ws, ".learn", "bookweb")
	want := []string{"-book", "", "-data", data, "-addr", "127.0.0.1:0", "--", "/opt/learn", "--dir", ws, "check"}
	if len(args) > 1 {
		want[1] = args[1] // a temporary folder; the program checked it holds book.json
	}
	if !slices.Equal(args, want) {
		t.Errorf("the program's command line = %q, want %q", args, want)
	}
	if fi, err := os.Stat(data); err != nil {
		t.Error(err)
	} else if !fi.IsDir() || fi.Mode().Perm() != 0o700 {
		t.Errorf("the data folder is %v, want a folder only its owner can use (0700)", fi.Mode())
	}
}

// TestServeReferenceNeedsTheCapstone: the fixture book has no bookweb steps, so there is no
// reference code to build; learn says so and opens nothing.
func TestServeReferenceNeedsTheCapstone(t *testing.T) {
	r := learn(t, filepath.Join(t.TempDir(), "ws"), "serve", "--reference")
	if r.code != exitUsage || !strings.Contains(r.stderr, "no steps of package bookweb") || r.stdout != "" {
		t.Errorf("serve --reference on a book without the capstone = %d %q %q", r.code, r.stdout, r.stderr)
	}
}

func TestHelpNamesTheEditions(t *testing.T) {
	r := learn(t, filepath.Join(t.TempDir(), "ws"), "help")
	for _, want := range []string{"serve --own", "serve --reference"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("help lacks %q:\n%s", want, r.stdout)
		}
	}
}
