// Package bookweb is the book's web edition built on your own libraries: it reads a book
// directory (written by learn export book DIR) and serves it with velocy, velocy/middleware
// and logtar. learn serve --own runs it from your workspace.
package bookweb

import (
	"errors"
	"io/fs"
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
	// TODO(15.01): read and decode book.json into Index; refuse a version other than Version;
	// read each page's fragment (at most MaxFragment bytes) into bodies, its index into pages;
	// refuse a url listed twice, a fragment that is missing or not a valid path, a home page
	// that is not a page.
	return nil, errors.New("bookweb: Load is not written yet")
}

// Page returns the page at url and its fragment.
func (b *Book) Page(url string) (Page, []byte, bool) {
	// TODO(15.01): look url up in pages and bodies.
	return Page{}, nil, false
}
