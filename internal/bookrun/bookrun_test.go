package bookrun

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
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
		done <- Run(ctx, bin, bookDir(t), "127.0.0.1:0", w, os.Stderr)
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
	if _, err := Build(t.Context(), ws, t.TempDir(), ""); err == nil || !strings.Contains(err.Error(), "chapter 15") {
		t.Errorf("Build of a workspace without bookweb = %v, want an error pointing at chapter 15", err)
	}
	os.MkdirAll(filepath.Join(ws, "bookweb"), 0o755)
	os.WriteFile(filepath.Join(ws, "bookweb", "book.go"), []byte("package bookweb\n"), 0o644)
	_, err := Build(t.Context(), ws, t.TempDir(), "")
	var be *BuildError
	if !errors.As(err, &be) || !strings.Contains(be.Output, "Run") {
		t.Errorf("Build of a bookweb without Run = %v, want a BuildError quoting the compiler", err)
	}
}
