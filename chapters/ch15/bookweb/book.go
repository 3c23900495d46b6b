// Package bookweb is the book's web edition built on your own libraries: it reads a book
// directory (written by learn export book DIR) and serves it with velocy, velocy/middleware
// and logtar. learn serve --own runs it from your workspace.
package bookweb

import (
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"path"
)

// Version is the version of the book directory this package reads (book.json's "version").
const Version = 1

// MaxFragment is the largest page fragment Load accepts, in bytes: a book directory is input,
// and input gets limits.
const MaxFragment = 4 << 20

// Index is book.json: the pages in reading order, the chapters and the steps.
type Index struct {
	Version  int       `json:"version"`
	Title    string    `json:"title"`
	Home     string    `json:"home"`
	Pages    []Page    `json:"pages"`
	Chapters []Chapter `json:"chapters"`
	Steps    []Step    `json:"steps"`
	Search   string    `json:"search"`
	Assets   []string  `json:"assets"`
}

// Page is one page of the book: its url ("ch03/03.02-reading-files.html"), its title, where its
// HTML fragment is in the directory, and its neighbours in reading order.
type Page struct {
	URL      string   `json:"url"`
	Title    string   `json:"title"`
	Fragment string   `json:"fragment"`
	Chapter  string   `json:"chapter"`
	Prev     string   `json:"prev"`
	Next     string   `json:"next"`
	Steps    []string `json:"steps"`
}

// Chapter is one chapter: its folder, title, opening page and lessons (urls).
type Chapter struct {
	Dir      string   `json:"dir"`
	Number   int      `json:"number"`
	Title    string   `json:"title"`
	Optional bool     `json:"optional"`
	Intro    string   `json:"intro"`
	Lessons  []string `json:"lessons"`
}

// Step is one step: its id, title, and the page and anchor of its callout.
type Step struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Chapter  string `json:"chapter"`
	Package  string `json:"package"`
	Page     string `json:"page"`
	Anchor   string `json:"anchor"`
	Optional bool   `json:"optional"`
}

// A Book is a book directory, loaded: the index, and every page's fragment in memory.
type Book struct {
	Index  Index
	fsys   fs.FS             // the directory, for assets and static files
	pages  map[string]int    // url -> index in Index.Pages
	bodies map[string][]byte // url -> fragment
}

// Load reads book.json from fsys, checks it (the version, a home page that exists, no url twice),
// and reads every page's fragment. Errors name the file.
func Load(fsys fs.FS) (*Book, error) {
	data, err := fs.ReadFile(fsys, "book.json")
	if err != nil {
		return nil, fmt.Errorf("bookweb: %w", err)
	}
	b := &Book{fsys: fsys, pages: map[string]int{}, bodies: map[string][]byte{}}
	if err := json.Unmarshal(data, &b.Index); err != nil {
		return nil, fmt.Errorf("bookweb: book.json: %w", err)
	}
	if v := b.Index.Version; v != Version {
		return nil, fmt.Errorf("bookweb: book.json is version %d; this program reads version %d", v, Version)
	}
	for i, p := range b.Index.Pages {
		if _, dup := b.pages[p.URL]; dup {
			return nil, fmt.Errorf("bookweb: book.json lists page %q twice", p.URL)
		}
		if !fs.ValidPath(p.Fragment) || path.Ext(p.Fragment) != ".html" {
			return nil, fmt.Errorf("bookweb: page %q: fragment %q is not a path in the directory", p.URL, p.Fragment)
		}
		body, err := readLimited(fsys, p.Fragment)
		if err != nil {
			return nil, fmt.Errorf("bookweb: page %q: %w", p.URL, err)
		}
		b.pages[p.URL] = i
		b.bodies[p.URL] = body
	}
	if _, ok := b.pages[b.Index.Home]; !ok {
		return nil, fmt.Errorf("bookweb: book.json's home page %q is not one of its pages", b.Index.Home)
	}
	return b, nil
}

// readLimited reads a file of at most MaxFragment bytes.
func readLimited(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxFragment+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFragment {
		return nil, fmt.Errorf("%s is larger than %d bytes", name, MaxFragment)
	}
	return data, nil
}

// Page returns the page at url and its fragment.
func (b *Book) Page(url string) (Page, []byte, bool) {
	i, ok := b.pages[url]
	if !ok {
		return Page{}, nil, false
	}
	return b.Index.Pages[i], b.bodies[url], true
}
