package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// The book directory is what the capstone's program reads instead of the workbook: the book
// rendered once by this package, as data. learn export book DIR writes it:
//
//	DIR/book.json             BookIndex: pages in reading order, chapters, steps, where the rest is
//	DIR/pages/<url>           each page's body as an HTML fragment (no layout), links relative to <url>
//	DIR/search-index.json     the search index, as the static site ships it
//	DIR/assets/...            the images the lessons show
//	DIR/static/...            the reference edition's style sheet and scripts, free to reuse
//
// A program that serves the fragment of pages/<url> at <url>, inside a layout of its own, has
// working links between pages, to anchors and to images. Step callouts are
// <section class="step" id="step-ID" data-step="ID">, so the program can add its own check button.

// BookVersion is the version of the book directory's format (BookIndex.Version). It changes only
// when a field changes meaning or goes away.
const BookVersion = 1

// BookIndex is book.json.
type BookIndex struct {
	Version  int           `json:"version"`
	Title    string        `json:"title"`
	Home     string        `json:"home"` // the first page's url
	Pages    []BookPage    `json:"pages"`
	Chapters []BookChapter `json:"chapters"`
	Steps    []BookStep    `json:"steps"`
	Search   string        `json:"search"`           // the search index's path in the directory
	Assets   []string      `json:"assets,omitempty"` // paths in the directory, "assets/ch00/x.svg"
}

// BookPage is one page: the home page, a chapter's opening or a lesson.
type BookPage struct {
	URL      string   `json:"url"`      // "ch03/03.02-reading-files.html"
	Title    string   `json:"title"`    // its first heading
	Fragment string   `json:"fragment"` // path of its body in the directory: "pages/" + URL
	Chapter  string   `json:"chapter,omitempty"`
	Prev     string   `json:"prev,omitempty"` // urls of the pages before and after it in reading order
	Next     string   `json:"next,omitempty"`
	Steps    []string `json:"steps,omitempty"` // ids of the steps it introduces, in order
}

// BookChapter is one chapter.
type BookChapter struct {
	Dir      string   `json:"dir"` // "ch03"
	Number   int      `json:"number"`
	Title    string   `json:"title"`
	Optional bool     `json:"optional,omitempty"`
	Intro    string   `json:"intro"`   // the url of its opening page
	Lessons  []string `json:"lessons"` // urls of its lessons, in order
}

// BookStep is one step.
type BookStep struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Chapter  string `json:"chapter"`
	Package  string `json:"package"`
	Page     string `json:"page"`   // the url of the page whose callout introduces it
	Anchor   string `json:"anchor"` // the callout's id on that page: "step-" + ID
	Optional bool   `json:"optional,omitempty"`
}

// Index returns the site as a BookIndex: what book.json holds.
func (s *Site) Index() BookIndex {
	b := BookIndex{Version: BookVersion, Title: s.pages[0].title, Home: s.pages[0].url, Search: "search-index.json", Assets: s.assets}
	chapterAt := map[string]int{}
	for _, p := range s.pages {
		bp := BookPage{URL: p.url, Title: p.title, Fragment: "pages/" + p.url}
		if p.prev != nil {
			bp.Prev = p.prev.url
		}
		if p.next != nil {
			bp.Next = p.next.url
		}
		for _, st := range p.steps {
			bp.Steps = append(bp.Steps, st.ID)
		}
		if c := p.chapter; c != nil {
			bp.Chapter = c.Dir
			i, ok := chapterAt[c.Dir]
			if !ok {
				i = len(b.Chapters)
				chapterAt[c.Dir] = i
				b.Chapters = append(b.Chapters, BookChapter{Dir: c.Dir, Number: c.Number, Title: c.Title,
					Optional: steps.OptionalChapter(c.Dir), Intro: pageURL(c.Intro()), Lessons: []string{}})
			}
			if p.book != c.Intro() {
				b.Chapters[i].Lessons = append(b.Chapters[i].Lessons, p.url)
			}
		}
		b.Pages = append(b.Pages, bp)
	}
	for _, st := range s.opts.Book.Steps {
		bs := BookStep{ID: st.ID, Title: st.Title, Chapter: st.Chapter, Package: st.Package, Anchor: "step-" + st.ID, Optional: st.Optional}
		if p, ok := s.stepPage[st.ID]; ok {
			bs.Page = p.url
		}
		b.Steps = append(b.Steps, bs)
	}
	return b
}

// Fragment returns the body of the page at url as HTML with no layout, its links relative to url,
// and whether there is such a page.
func (s *Site) Fragment(url string) ([]byte, bool) {
	p, ok := s.byURL[url]
	if !ok {
		return nil, false
	}
	return []byte(strings.ReplaceAll(string(p.body), rootMarker, relURL(p.url, ""))), true
}

// ExportBook writes the book directory (see BookIndex) into dir, with the rules of Export: a
// folder holding anything is refused unless force is set. A site built with Checks or Source is
// refused too: the program that reads the directory adds its own check buttons, and has no
// repository to show code from.
func (s *Site) ExportBook(dir string, force bool) error {
	if s.opts.Checks || s.opts.Source != nil {
		return errors.New("web: a book directory is made from a site without check buttons and without source pages")
	}
	if err := checkDir(dir, force); err != nil {
		return err
	}
	put := putter(dir)
	index := s.Index()
	for _, p := range index.Pages {
		body, _ := s.Fragment(p.URL)
		if err := put(p.Fragment, body); err != nil {
			return err
		}
	}
	search, err := json.Marshal(s.index)
	if err != nil {
		return fmt.Errorf("web: %w", err)
	}
	if err := put(index.Search, search); err != nil {
		return err
	}
	if err := s.putFiles(put); err != nil {
		return err
	}
	data, err := json.MarshalIndent(index, "", "  ")
	if err != nil {
		return fmt.Errorf("web: %w", err)
	}
	return put("book.json", append(data, '\n')) // last: a directory with book.json is complete
}

// checkDir refuses a dir that is a file, or that holds anything unless force is set; a dir that
// does not exist is fine (it is made).
func checkDir(dir string, force bool) error {
	switch fi, err := os.Stat(dir); {
	case err == nil && !fi.IsDir():
		return fmt.Errorf("web: %s is a file, not a folder", dir)
	case err == nil && !force:
		entries, err := os.ReadDir(dir)
		if err != nil {
			return fmt.Errorf("web: %w", err)
		}
		if len(entries) > 0 {
			return fmt.Errorf("%w: %s holds %d entries (pass --force to write into it anyway)", ErrNotEmpty, dir, len(entries))
		}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("web: %w", err)
	}
	return nil
}
