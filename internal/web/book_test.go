package web

import (
	"encoding/json"
	"errors"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
)

// bookDirSite is the fixture site as learn export book builds it: no check buttons, no source pages.
func bookDirSite(t *testing.T) *Site {
	t.Helper()
	s, err := New(Options{Book: fixture.Book(), Lessons: fixtureLessons(), Assets: fixtureAssets()})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestExportBook reads the directory as the capstone's program will: book.json, then every
// fragment it names; every link in a fragment, resolved from the page's url, must land on a page
// of the index (and an anchor of it) or a file of the directory.
func TestExportBook(t *testing.T) {
	dir := t.TempDir()
	if err := bookDirSite(t).ExportBook(dir, false); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(filepath.Join(dir, "book.json"))
	if err != nil {
		t.Fatal(err)
	}
	var b BookIndex
	dec := json.NewDecoder(strings.NewReader(string(data)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&b); err != nil {
		t.Fatalf("book.json: %v", err)
	}
	if b.Version != BookVersion || b.Home != "index.html" || len(b.Pages) != 7 || len(b.Chapters) != 2 || len(b.Steps) != 3 {
		t.Fatalf("book.json = %+v, want version %d, home index.html, 7 pages, 2 chapters, 3 steps", b, BookVersion)
	}
	if c := b.Chapters[0]; c.Dir != "ch01" || c.Intro != "ch01/index.html" || strings.Join(c.Lessons, " ") != "ch01/01.01-calc.html ch01/01.02-reading.html" {
		t.Errorf("chapter 1 = %+v", c)
	}
	if st := b.Steps[1]; st.ID != "01.02-sub" || st.Page != "ch01/01.01-calc.html" || st.Anchor != "step-01.02-sub" || st.Package != "calc" {
		t.Errorf("step 01.02-sub = %+v", st)
	}
	fragments := map[string]string{}
	for i, p := range b.Pages {
		body, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.Fragment)))
		if err != nil {
			t.Fatalf("page %s: %v", p.URL, err)
		}
		fragments[p.URL] = string(body)
		if i > 0 && (p.Prev != b.Pages[i-1].URL || b.Pages[i-1].Next != p.URL) {
			t.Errorf("pages %s and %s are not linked as neighbours", b.Pages[i-1].URL, p.URL)
		}
		mustNotContain(t, "fragment "+p.URL, string(body), rootMarker, "<html", `class="check"`)
	}
	mustContain(t, "the calc lesson", fragments["ch01/01.01-calc.html"], `id="step-01.01-add"`, `data-step="01.02-sub"`)
	mustContain(t, "the links lesson", fragments["ch02/02.02-links.html"], `src="../assets/ch02/flow.svg"`)
	for _, st := range b.Steps {
		if !ids(fragments[st.Page])[st.Anchor] {
			t.Errorf("step %s: page %q has no element #%s", st.ID, st.Page, st.Anchor)
		}
	}
	for url, body := range fragments {
		for _, l := range links(body) {
			if isExternal(l) {
				continue
			}
			target, anchor, _ := strings.Cut(l, "#")
			resolved := url
			if target != "" {
				resolved = path.Join(path.Dir(url), target)
			}
			if frag, ok := fragments[resolved]; ok {
				if anchor != "" && !ids(frag)[anchor] {
					t.Errorf("%s links to %s: no such anchor", url, l)
				}
			} else if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(resolved))); err != nil {
				t.Errorf("%s links to %s (%s): neither a page nor a file of the directory", url, l, resolved)
			}
		}
	}
	for _, f := range []string{"search-index.json", "static/style.css", "assets/ch02/flow.svg"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
}

func TestExportBookRefusals(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "mine"), []byte("mine"), 0o644)
	if err := bookDirSite(t).ExportBook(dir, false); !errors.Is(err, ErrNotEmpty) {
		t.Errorf("ExportBook into a folder holding a file: %v, want ErrNotEmpty", err)
	}
	for _, s := range []*Site{fixtureSite(t, true), fixtureSite(t, false)} { // with buttons; with source pages
		if err := s.ExportBook(t.TempDir(), false); err == nil {
			t.Errorf("ExportBook of a site with Checks %v, Source %v: no error", s.opts.Checks, s.opts.Source != nil)
		}
	}
	if _, ok := bookDirSite(t).Fragment("nope.html"); ok {
		t.Error("Fragment of a page that does not exist: ok")
	}
}
