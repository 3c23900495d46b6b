package browser

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/bookrun"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/web"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
)

// capstone builds and starts the capstone's edition from the reference code (learn serve
// --reference), with a real learn as its check command on a fresh workspace, and returns its
// URL. The test's end stops it.
func (b book) capstone(t *testing.T) string {
	t.Helper()
	tmp := t.TempDir()
	bookDir, ref, prog, data := filepath.Join(tmp, "book"), filepath.Join(tmp, "ref"), filepath.Join(tmp, "prog"), filepath.Join(tmp, "data")
	ws := filepath.Join(tmp, "workspace")
	for _, d := range []string{ref, prog} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	site, err := web.New(web.Options{Book: b.opts.Book, Lessons: b.opts.Lessons, Assets: b.opts.Assets})
	if err != nil {
		t.Fatal(err)
	}
	if err := site.ExportBook(bookDir, false); err != nil {
		t.Fatal(err)
	}
	if _, err := workbook.Open(ws, b.steps); err != nil {
		t.Fatal(err)
	}
	if err := bookrun.ReferenceWorkspace(b.steps, ref); err != nil {
		t.Fatal(err)
	}
	bin, err := bookrun.Build(t.Context(), ref, prog, "")
	if err != nil {
		t.Fatal(err)
	}
	learn := filepath.Join(tmp, "learn")
	build := exec.CommandContext(t.Context(), "go", "build", "-o", learn, "./cmd/learn")
	build.Dir = "../../.."
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/learn: %v\n%s", err, out)
	}
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- bookrun.Run(ctx, bookrun.RunOptions{Bin: bin, Book: bookDir, Data: data, Addr: "127.0.0.1:0",
			Learn: []string{learn, "--dir", ws, "check"}, Stdout: pw, Stderr: io.Discard})
		pw.Close()
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(hang):
			t.Error("the capstone's edition did not stop within a minute of Ctrl-C")
		}
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			if _, rest, ok := strings.Cut(sc.Text(), "http://"); ok {
				addr <- "http://" + strings.TrimSuffix(strings.Fields(rest)[0], "/")
			}
		}
		io.Copy(io.Discard, pr)
	}()
	select {
	case a := <-addr:
		return a
	case err := <-done:
		t.Fatalf("the capstone's edition stopped before listening: %v", err)
	case <-time.After(hang):
		t.Fatal("the capstone's edition printed no address within a minute")
	}
	return ""
}

// TestCapstoneEdition reads the book on the capstone's edition (the reference build of
// bookweb, as learn serve --reference runs it): a lesson, its check button, which runs a real
// learn check, and the verdict pushed over the websocket to a second tab of the same learner.
func TestCapstoneEdition(t *testing.T) {
	b := loadBook(t)
	base := b.capstone(t)
	ctx, problems := newBrowser(t)
	p := &tab{t: t, ctx: ctx, shots: os.Getenv("WEB_SCREENSHOTS")}
	if p.shots != "" {
		if err := os.MkdirAll(p.shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	defer func() {
		if t.Failed() {
			p.screenshot("capstone-failure.png")
		}
	}()
	step := b.steps.Steps[0]
	for _, s := range b.steps.Steps {
		if s.ID == "15.01-load-book" {
			step = s
		}
	}
	page := base + "/" + pageOf(step)
	button := fmt.Sprintf(`document.querySelector(%s)`, js(`button[data-step="`+step.ID+`"]`))
	output := fmt.Sprintf(`document.getElementById(%s)`, js("verdict-"+step.ID))

	p.viewport(1280, 800)
	p.do("open the step's lesson on the capstone's edition", chromedp.Navigate(page))
	p.wait("the step's check button", button+` !== null`)

	// A second tab of the same browser: the same learner, whose page should hear the verdict.
	other, closeOther := chromedp.NewContext(ctx)
	defer closeOther()
	q := &tab{t: t, ctx: other}
	q.do("open the same lesson in a second tab", chromedp.Navigate(page))
	q.wait("the second tab's websocket", `typeof live !== "undefined" && live.readyState === 1`)

	p.do("press the check button", chromedp.Click(chromedp.CSS(`button[data-step="`+step.ID+`"]`)))
	p.wait("the verdict", output+`.textContent !== ""`)
	if got := p.eval(output + `.textContent`); !strings.HasPrefix(got, "not yet: ") {
		t.Errorf("the verdict of %s on a fresh workspace = %q, want \"not yet: ...\" (the starter fails its check)", step.ID, got)
	}
	q.wait("the verdict pushed to the second tab", output+`.textContent !== ""`)
	p.do("scroll to the button", chromedp.ScrollIntoView(chromedp.CSS(`button[data-step="`+step.ID+`"]`)))
	p.screenshot("capstone-check-1280x800.png")
	p.viewport(390, 844)
	p.do("open the lesson on a phone", chromedp.Navigate(page))
	p.wait("the page", `document.readyState === "complete"`)
	p.screenshot("capstone-lesson-390x844.png")
	for _, m := range problems() {
		t.Errorf("the page's console: %s", m)
	}
}
