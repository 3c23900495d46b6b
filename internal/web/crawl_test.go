package web

import (
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// crawl visits every page reachable from starts through get, and checks that every link and
// image on every page resolves and every anchor names an element of its page. get returns a
// page's body, or ok false for a target that does not exist. It returns the pages visited.
func crawl(t reporter, starts []string, get func(u string) (body string, ok bool)) int {
	t.Helper()
	type ref struct{ from, to string }
	pages := map[string]string{} // page -> body
	var anchors []ref
	queue := starts
	seen := map[string]bool{}
	for _, u := range starts {
		seen[u] = true
	}
	for len(queue) > 0 {
		u := queue[0]
		queue = queue[1:]
		body, ok := get(u)
		if !ok {
			t.Errorf("%s: does not resolve", u)
			continue
		}
		if p, _, _ := strings.Cut(u, "?"); !strings.HasSuffix(p, ".html") && !strings.HasSuffix(p, "/") {
			continue // an image, a style sheet, a script
		}
		pages[u] = body
		for _, l := range links(body) {
			if strings.Contains(l, "://") || strings.HasPrefix(l, "data:") {
				continue // outside the site, or inside the page
			}
			target, frag, _ := strings.Cut(l, "#")
			abs := u
			if target != "" {
				r, err := url.Parse(target)
				if err != nil {
					t.Errorf("%s: bad link %q: %v", u, l, err)
					continue
				}
				base, _ := url.Parse(u)
				abs = base.ResolveReference(r).String()
			}
			if frag != "" {
				anchors = append(anchors, ref{u + " → " + l, abs + "#" + frag})
			}
			if !seen[abs] {
				seen[abs] = true
				queue = append(queue, abs)
			}
		}
	}
	idsOf := map[string]map[string]bool{}
	for _, a := range anchors {
		page, frag, _ := strings.Cut(a.to, "#")
		body, ok := pages[page]
		if ok && idsOf[page] == nil {
			idsOf[page] = ids(body)
		}
		if ok && !idsOf[page][frag] {
			t.Errorf("%s: %s has no element with id %q", a.from, page, frag)
		}
	}
	return len(seen)
}

// reporter is the part of testing.T the crawler reports through.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// recorder keeps what a crawl reports, to test the crawler itself.
type recorder struct{ errs []string }

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestCrawlerFindsBreakage proves the crawler fails a missing page, a missing image and an
// anchor with no element, and follows what resolves.
func TestCrawlerFindsBreakage(t *testing.T) {
	site := map[string]string{
		"http://x/a.html": `<a href="b.html#here"></a><a href="b.html#gone"></a><img src="pic.svg"><a href="nope.html"></a>`,
		"http://x/b.html": `<h2 id="here">b</h2><a href="a.html"></a>`,
	}
	var r recorder
	n := crawl(&r, []string{"http://x/a.html"}, func(u string) (string, bool) {
		body, ok := site[u]
		return body, ok
	})
	want := []string{
		"http://x/nope.html: does not resolve", // hrefs are followed before srcs
		"http://x/pic.svg: does not resolve",
		`http://x/a.html → b.html#gone: http://x/b.html has no element with id "gone"`,
	}
	if n != 4 || strings.Join(r.errs, "\n") != strings.Join(want, "\n") {
		t.Errorf("crawl visited %d URLs and reported\n%s\nwant 4 and\n%s", n, strings.Join(r.errs, "\n"), strings.Join(want, "\n"))
	}
}

func httpGetter(t *testing.T, srv *httptest.Server) func(string) (string, bool) {
	return func(u string) (string, bool) {
		res, err := srv.Client().Get(u)
		if err != nil {
			t.Errorf("GET %s: %v", u, err)
			return "", false
		}
		defer res.Body.Close()
		b, err := io.ReadAll(res.Body)
		if err != nil {
			t.Errorf("GET %s: %v", u, err)
		}
		return string(b), res.StatusCode == http.StatusOK
	}
}

func fileGetter(t *testing.T, dir string) func(string) (string, bool) {
	return func(u string) (string, bool) {
		r, err := url.Parse(u)
		if err != nil || r.Scheme != "file" {
			t.Errorf("%s: not a file URL", u)
			return "", false
		}
		b, err := os.ReadFile(filepath.FromSlash(r.Path))
		return string(b), err == nil
	}
}

func TestCrawlServedFixture(t *testing.T) {
	s := fixtureSite(t, false)
	srv := httptest.NewServer(s.Handler(ServeOptions{}))
	defer srv.Close()
	n := crawl(t, []string{srv.URL + "/", srv.URL + "/search.html?q=needle"}, httpGetter(t, srv))
	// 7 pages ("/" and "/index.html" are one), 3 source pages, 3 static files, 1 image, the search.
	if n != 16 {
		t.Errorf("crawled %d URLs, want 16", n)
	}
}

func TestCrawlExportedFixture(t *testing.T) {
	s := fixtureSite(t, false)
	dir := t.TempDir()
	if err := s.Export(dir, false); err != nil {
		t.Fatal(err)
	}
	base := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()
	// 7 pages, 3 source pages, 3 static files, 1 image, the search page and its index.
	if n := crawl(t, []string{base + "index.html", base + "search.html"}, fileGetter(t, dir)); n != 16 {
		t.Errorf("crawled %d files, want 16", n)
	}
	for _, f := range []string{"search-index.js", "search-index.json", "assets/ch02/flow.svg"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "assets/assets.go")); err == nil {
		t.Error("the export copied an asset no lesson shows")
	}
}

// TestCrawlBook crawls the real book as learn serve shows it from the repository, and as learn
// export html writes it.
func TestCrawlBook(t *testing.T) {
	t.Parallel() // it waits on go test, or builds the whole book: let the quick tests run meanwhile
	s := bookSite(t)
	srv := httptest.NewServer(s.Handler(ServeOptions{}))
	defer srv.Close()
	n := crawl(t, []string{srv.URL + "/"}, httpGetter(t, srv))
	if min := len(s.Pages()); n < min {
		t.Errorf("crawled %d URLs, fewer than the %d pages", n, min)
	}
	t.Logf("crawled %d URLs", n)
	if testing.Short() {
		return // the fixture's export is crawled in every run; the book's, without -short
	}

	dir := t.TempDir()
	if err := s.Export(dir, false); err != nil {
		t.Fatal(err)
	}
	base := (&url.URL{Scheme: "file", Path: filepath.ToSlash(dir) + "/"}).String()
	if m := crawl(t, []string{base + "index.html", base + "search.html"}, fileGetter(t, dir)); m != n+1 {
		t.Errorf("crawled %d exported files, want %d (the served URLs less \"/\", plus search.html and its index)", m, n+1)
	}
}

var book struct {
	once sync.Once
	site *Site
	err  error
}

// bookSite returns the real book's site, as learn serve builds it in the repository, built once
// for every test that needs it.
func bookSite(t *testing.T) *Site {
	t.Helper()
	book.once.Do(func() {
		b, err := steps.Embedded()
		if err != nil {
			book.err = err
			return
		}
		root, err := os.OpenRoot("../..")
		if err != nil {
			book.err = err
			return
		}
		opts := Options{Book: b, Lessons: chapters.FS(), Source: root.FS()}
		if fi, err := root.Stat("assets"); err == nil && fi.IsDir() {
			opts.Assets, _ = fs.Sub(root.FS(), "assets")
		}
		book.site, book.err = New(opts)
	})
	if book.err != nil {
		t.Fatal(book.err)
	}
	return book.site
}
