package browser

import (
	"context"
	"io/fs"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/web"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// hang bounds every wait: a deadline against hanging, never a timing assertion.
const hang = 60 * time.Second

// require skips the test, or fails it when WEB_REQUIRE_BROWSER=1 (run-tests.sh sets it).
func require(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("WEB_REQUIRE_BROWSER") == "1" {
		t.Fatal(why)
	}
	t.Skip(why)
}

// chromium returns the path of a Chromium (or Chrome) binary.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	require(t, "no chromium in PATH (apt-get install chromium)")
	return ""
}

// newBrowser starts headless Chromium for the test and returns a context for its tab, bounded
// by hang, and the console messages of type error or exception the pages write. The test's end
// stops the browser.
func newBrowser(t *testing.T) (context.Context, func() []string) {
	t.Helper()
	exe := chromium(t)
	profile, err := os.MkdirTemp("", "web-browser-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", "new"),
		chromedp.NoSandbox, // as root in a container, Chromium's sandbox cannot start
		chromedp.DisableGPU,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("allow-file-access-from-files", false), // the export must search without it
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 800),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(func() {
		cancelBrowser() // stops the browser, and waits for it
		cancelAlloc()
		removeProfile(t, profile)
	})
	// The first Run starts the browser, and must not carry a timeout: the browser lives as long
	// as that context.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start %s: %v", exe, err)
	}
	var mu sync.Mutex
	var problems []string
	messages := chromedp.Console(bctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				mu.Lock()
				problems = append(problems, m.String()+" ("+m.URL+")")
				mu.Unlock()
			}
		}
	}()
	ctx, cancel := context.WithTimeout(bctx, hang)
	t.Cleanup(cancel)
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), problems...)
	}
}

// removeProfile removes Chromium's profile directory. Its helper processes may still write
// there for a moment after the browser exits, so a "directory not empty" is tried again, for a
// while.
func removeProfile(t *testing.T, dir string) {
	var err error
	for range 50 {
		if err = os.RemoveAll(dir); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("leaving %s: %v", dir, err)
}

// book is the real book, as learn serve shows it from the repository.
type book struct {
	steps *steps.Book
	opts  web.Options
}

func loadBook(t *testing.T) book {
	t.Helper()
	b, err := steps.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	root, err := os.OpenRoot("../../..")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { root.Close() })
	opts := web.Options{Book: b, Lessons: chapters.FS(), Source: root.FS()}
	if fi, err := root.Stat("assets"); err == nil && fi.IsDir() {
		opts.Assets, _ = fs.Sub(root.FS(), "assets")
	}
	return book{b, opts}
}

// serve starts the book with check buttons on a fresh workspace, as learn serve does.
func (b book) serve(t *testing.T) *httptest.Server {
	t.Helper()
	wb, err := workbook.Open(filepath.Join(t.TempDir(), "workspace"), b.steps)
	if err != nil {
		t.Fatal(err)
	}
	opts := b.opts
	opts.Checks = true
	site, err := web.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(site.Handler(web.ServeOptions{Workbook: wb}))
	t.Cleanup(srv.Close)
	return srv
}

// export writes the book as learn export html does, and returns the folder.
func (b book) export(t *testing.T) string {
	t.Helper()
	site, err := web.New(b.opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := site.Export(dir, false); err != nil {
		t.Fatal(err)
	}
	return dir
}

// pageOf returns the site path of a step's lesson.
func pageOf(s *steps.Step) string {
	return strings.TrimSuffix(s.Lesson, ".md") + ".html"
}

// firstImage returns the site path of the first lesson that shows a picture from assets/.
func firstImage(t *testing.T) (string, bool) {
	t.Helper()
	var found string
	err := fs.WalkDir(chapters.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || found != "" || !strings.HasSuffix(p, ".md") {
			return err
		}
		data, err := fs.ReadFile(chapters.FS(), p)
		if err == nil && strings.Contains(string(data), "](../../assets/") {
			found = strings.TrimSuffix(p, ".md") + ".html"
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found, found != ""
}
