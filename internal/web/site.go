package web

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// Options says what a Site is made of.
type Options struct {
	// Book is the steps, for the callouts and the sidebar.
	Book *steps.Book
	// Lessons is the book's markdown, laid out as the chapters folder ("ch03/README.md").
	Lessons fs.FS
	// Assets holds the images lessons show, laid out as the repository's assets folder: a
	// lesson's "../../assets/ch00/x.svg" is "ch00/x.svg" in it. Nil: images are left out.
	Assets fs.FS
	// Source is the repository, for lessons' links to code ("../../velocy/doc.go"): each file
	// linked gets a page showing it. Nil (an installed binary has no repository): such links
	// become plain text.
	Source fs.FS
	// Checks puts a "Check this step" button in every step callout; a site built with it is
	// for serving with a workbook (without one, a press is answered 503), not for exporting.
	Checks bool
}

// A Site is the book rendered to HTML once, ready to serve or to write out.
type Site struct {
	opts     Options
	pages    []*page          // in reading order
	byURL    map[string]*page // by site path
	stepPage map[string]*page // step id -> the page with its callout
	assets   []string         // asset paths lessons use, under "assets/"
	sources  map[string]bool  // repository paths lessons link to (files and folders)
	index    []entry          // the search index
}

// A page is one HTML page of the site: the index, a chapter's opening or a lesson.
type page struct {
	url     string // site path: "index.html", "ch03/index.html", "ch03/03.02-x.html"
	book    string // book path of its markdown, "" for the index
	title   string
	chapter *chapters.Chapter // nil for the index
	body    []byte            // HTML, with rootMarker where the way to the root goes
	steps   []*steps.Step     // the steps introduced here, in order
	prev    *page
	next    *page
}

// New renders the whole book. It fails on a book it cannot lay out (a chapter without a README,
// a callout for a step the book does not have), naming the file.
func New(opts Options) (*Site, error) {
	if opts.Book == nil || opts.Lessons == nil {
		return nil, errors.New("web: a site needs a book and its lessons")
	}
	chs, err := chapters.Load(opts.Lessons)
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	if len(chs) == 0 {
		return nil, errors.New("web: the lessons hold no chapter (no chNN folder with a README.md)")
	}
	s := &Site{
		opts:     opts,
		byURL:    map[string]*page{},
		stepPage: map[string]*page{},
		sources:  map[string]bool{},
	}
	s.add(&page{url: "index.html", title: "Learn Go the hard way"})
	for i := range chs {
		c := &chs[i]
		s.add(&page{url: pageURL(c.Intro()), book: c.Intro(), title: c.Title, chapter: c})
		for _, l := range c.Lessons {
			s.add(&page{url: pageURL(l.Path), book: l.Path, title: l.Title, chapter: c})
		}
	}
	for i, p := range s.pages {
		if i > 0 {
			p.prev = s.pages[i-1]
		}
		if i+1 < len(s.pages) {
			p.next = s.pages[i+1]
		}
	}
	// Render the pages in parallel (goldmark's parser and renderer are safe for that), then
	// gather what they found in reading order.
	r := newRenderer(opts.Checks)
	var mu sync.Mutex // guards assets and s.sources, which link fills
	assets := map[string]bool{}
	link := func(from, dest string, image bool) (string, bool) {
		mu.Lock()
		defer mu.Unlock()
		u, ok := s.link(from, dest, image)
		if ok && strings.HasPrefix(u, "assets/") {
			assets[u] = true
		}
		if !ok || isExternal(u) || strings.HasPrefix(u, "#") {
			return u, ok
		}
		return rootMarker + u, true
	}
	lessons := s.pages[1:]
	outs := make([]rendered, len(lessons))
	errs := make([]error, len(lessons))
	next := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				src, err := fs.ReadFile(opts.Lessons, lessons[i].book)
				if err != nil {
					errs[i] = fmt.Errorf("web: %w", err)
					continue
				}
				outs[i], errs[i] = r.render(lessons[i].book, src, link)
			}
		})
	}
	for i := range lessons {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for i, p := range lessons {
		out := outs[i]
		p.body = out.body
		for _, id := range out.callouts {
			st, ok := opts.Book.ByID(id)
			if !ok {
				return nil, fmt.Errorf("web: %s has a callout for step %s, which the book does not have", p.book, id)
			}
			p.steps = append(p.steps, st)
			s.stepPage[id] = p
		}
		s.index = append(s.index, entries(p, out.sections)...)
	}
	for a := range assets {
		s.assets = append(s.assets, a)
	}
	slices.Sort(s.assets)
	s.pages[0].body = s.home()
	return s, nil
}

func (s *Site) add(p *page) {
	s.pages = append(s.pages, p)
	s.byURL[p.url] = p
}

// link maps a destination in the lesson at book path from to a site path (or an external URL,
// or "#anchor"), and reports false for one the site cannot show.
func (s *Site) link(from, dest string, image bool) (string, bool) {
	if dest == "" {
		return "", false
	}
	if isExternal(dest) {
		return dest, true
	}
	target, anchor, hasAnchor := strings.Cut(dest, "#")
	if target == "" {
		return dest, true // an anchor in this page
	}
	suffix := ""
	if hasAnchor {
		suffix = "#" + anchor
	}
	joined := path.Join(path.Dir(from), target)
	if strings.HasSuffix(joined, ".md") && !strings.HasPrefix(joined, "../") {
		u := pageURL(joined)
		if _, ok := s.byURL[u]; !ok {
			return "", false
		}
		return u + suffix, true
	}
	// Elsewhere in the repository: the book lives in its chapters folder.
	repo := path.Join("chapters", joined)
	if strings.HasPrefix(repo, "../") || repo == ".." {
		return "", false
	}
	if a, ok := strings.CutPrefix(repo, "assets/"); ok {
		if s.opts.Assets == nil || !isFile(s.opts.Assets, a) {
			return "", false
		}
		return "assets/" + a, true
	}
	if image || s.opts.Source == nil {
		return "", false
	}
	fi, err := fs.Stat(s.opts.Source, repo)
	if err != nil {
		return "", false
	}
	s.sources[repo] = true
	return sourceURL(repo, fi.IsDir()), true
}

// sourceURL is the site path of the page showing a repository file or folder.
func sourceURL(repo string, dir bool) string {
	if dir {
		return "src/" + repo + "/index.html"
	}
	return "src/" + repo + ".html"
}

func isFile(fsys fs.FS, name string) bool {
	if !fs.ValidPath(name) {
		return false
	}
	fi, err := fs.Stat(fsys, name)
	return err == nil && fi.Mode().IsRegular()
}

// Pages returns the site path of every page, in reading order (source pages last).
func (s *Site) Pages() []string {
	var out []string
	for _, p := range s.pages {
		out = append(out, p.url)
	}
	for _, r := range s.sourcePaths() {
		out = append(out, r)
	}
	return out
}

// sourcePaths returns the site paths of the source pages, sorted.
func (s *Site) sourcePaths() []string {
	var out []string
	for repo := range s.sources {
		fi, err := fs.Stat(s.opts.Source, repo)
		if err != nil {
			continue
		}
		out = append(out, sourceURL(repo, fi.IsDir()))
	}
	slices.Sort(out)
	return out
}
