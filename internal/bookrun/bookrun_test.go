package bookrun

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// bookDir writes a book directory of one page.
func bookDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range map[string]string{
		"book.json":        `{"version": 1, "title": "T", "home": "index.html", "pages": [{"url": "index.html", "title": "T", "fragment": "pages/index.html"}]}`,
		"pages/index.html": "<h1>the reference build</h1>\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestReferenceBuildServes builds the program on the reference code of the book's bookweb line
// (what a learner who typed every solution has), runs it, reads its address from its first
// line, fetches the home page, and stops it as Ctrl-C would.
func TestReferenceBuildServes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a program")
	}
	book, err := steps.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	ws := t.TempDir()
	if err := ReferenceWorkspace(book, ws); err != nil {
		t.Fatal(err)
	}
	bin, err := Build(t.Context(), ws, t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, RunOptions{Bin: bin, Book: bookDir(t), Data: t.TempDir(), Addr: "127.0.0.1:0", Stdout: w, Stderr: os.Stderr})
		w.Close()
	}()
	lines := bufio.NewScanner(out)
	if !lines.Scan() {
		t.Fatalf("the program printed nothing: %v", <-done)
	}
	f := strings.Fields(lines.Text()) // "the book is at http://ADDR/ (Ctrl-C stops)"
	if len(f) < 5 || !strings.HasPrefix(f[4], "http://127.0.0.1:") {
		t.Fatalf("first line %q names no address", lines.Text())
	}
	go io.Copy(io.Discard, out)
	url := f[4]
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), "the reference build") {
		t.Errorf("GET %s = %d %q", url, resp.StatusCode, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run after the context ended = %v, want nil", err)
		}
	case <-time.After(time.Minute): // hang protection only
		t.Fatal("the program did not stop within a minute of an interrupt")
	}
}

func TestBuildExplainsWhatIsMissing(t *testing.T) {
	ws := t.TempDir()
	os.WriteFile(filepath.Join(ws, "go.mod"), []byte(steps.GoMod), 0o644)
	if _, err := Build(t.Context(), ws, t.TempDir(), ""); !errors.Is(err, ErrNoProgram) || !strings.Contains(err.Error(), "chapter 15") {
		t.Errorf("Build of a workspace without bookweb = %v, want ErrNoProgram pointing at chapter 15", err)
	}
	// A Main that is commented out, or only in a test file, is no Main.
	write(t, ws, "bookweb/book.go", "package bookweb\n\n// func Main(args []string) int { return 0 }\n")
	write(t, ws, "bookweb/main_test.go", "package bookweb\n\nfunc Main(args []string) int { return 0 }\n")
	if _, err := Build(t.Context(), ws, t.TempDir(), ""); !errors.Is(err, ErrNoMain) || !strings.Contains(err.Error(), MainStep) {
		t.Errorf("Build of a bookweb without Main = %v, want ErrNoMain naming step %s", err, MainStep)
	}
	write(t, ws, "bookweb/main.go", "package bookweb\n\nimport \"io\"\n\nfunc Main(args []string, stdout, stderr io.Writer) int { return Run() }\n")
	_, err := Build(t.Context(), ws, t.TempDir(), "")
	var be *BuildError
	if !errors.As(err, &be) || !strings.Contains(be.Output, "Run") {
		t.Errorf("Build of a Main calling a missing Run = %v, want a BuildError quoting the compiler", err)
	}
}

// write writes a file of a test workspace.
func write(t *testing.T, root, name, data string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// fakeMain is a bookweb.Main that prints its command line as one JSON line and returns 0,
// or, given the word "block", waits for an interrupt first and then prints "interrupted".
const fakeMain = `package bookweb

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
)

func Main(args []string, stdout, stderr io.Writer) int {
	c := make(chan os.Signal, 1)
	signal.Notify(c, os.Interrupt)
	line, _ := json.Marshal(args)
	fmt.Fprintf(stdout, "%s\n", line)
	if slices.Contains(args, "block") {
		<-c
		fmt.Fprintln(stdout, "interrupted")
	}
	return 0
}
`

// fakeProgram builds the program on a hand-made workspace whose bookweb is fakeMain.
func fakeProgram(t *testing.T) string {
	t.Helper()
	return fakeProgramOf(t, fakeMain)
}

// fakeProgramOf builds the program on a hand-made workspace whose bookweb is main.
func fakeProgramOf(t *testing.T, main string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a program")
	}
	ws := t.TempDir()
	write(t, ws, "go.mod", steps.GoMod)
	write(t, ws, "bookweb/main.go", main)
	bin, err := Build(t.Context(), ws, t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	return bin
}

func TestRunPassesTheCommandLine(t *testing.T) {
	bin := fakeProgram(t)
	tests := []struct {
		opts RunOptions
		want []string
	}{
		{RunOptions{Book: "B", Data: "D", Addr: "127.0.0.1:0", Learn: []string{"/bin/learn", "--dir", "/ws", "check"}},
			[]string{"-book", "B", "-data", "D", "-addr", "127.0.0.1:0", "--", "/bin/learn", "--dir", "/ws", "check"}},
		{RunOptions{Book: "B", Data: "D"}, // no address: the program's default; no check command: no "--"
			[]string{"-book", "B", "-data", "D"}},
		{RunOptions{Book: "B", Data: "D", Addr: ":1", Learn: []string{"-learn"}}, // "--" keeps it from reading as a flag
			[]string{"-book", "B", "-data", "D", "-addr", ":1", "--", "-learn"}},
	}
	for _, tt := range tests {
		var out, errb strings.Builder
		tt.opts.Bin, tt.opts.Stdout, tt.opts.Stderr = bin, &out, &errb
		if err := Run(t.Context(), tt.opts); err != nil {
			t.Errorf("Run(%+v) = %v, stderr %q", tt.opts, err, errb.String())
			continue
		}
		var got []string
		if err := json.Unmarshal([]byte(out.String()), &got); err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("Run(%+v) passed %q (%v), want %q", tt.opts, out.String(), err, tt.want)
		}
	}
	if err := Run(t.Context(), RunOptions{Bin: bin, Book: "B"}); err == nil || !strings.Contains(err.Error(), "data") {
		t.Errorf("Run without a data folder = %v, want an error naming it", err)
	}
}

func TestRunInterruptsWhenTheContextEnds(t *testing.T) {
	bin := fakeProgram(t)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	out, w := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, RunOptions{Bin: bin, Book: "B", Data: "D", Addr: "block", Stdout: w, Stderr: os.Stderr})
		w.Close()
	}()
	lines := bufio.NewScanner(out)
	if !lines.Scan() || !strings.Contains(lines.Text(), "block") {
		t.Fatalf("first line %q, want the command line (Run: %v)", lines.Text(), <-done)
	}
	start := time.Now()
	cancel()
	if !lines.Scan() || lines.Text() != "interrupted" {
		t.Errorf("after the context ended the program printed %q, want %q", lines.Text(), "interrupted")
	}
	go io.Copy(io.Discard, out)
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run after the context ended = %v, want nil", err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("the program took %v to stop: killed after the wait, not interrupted", d)
		}
	case <-time.After(time.Minute): // hang protection only
		t.Fatal("the program did not stop within a minute of an interrupt")
	}
}
