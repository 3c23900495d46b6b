package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// ErrNotEmpty is returned by Export for a folder that already holds files.
var ErrNotEmpty = errors.New("web: the folder is not empty")

// Export writes the site as static files into dir: every page, the search page with its index
// (search-index.js, so searching works from a file:// URL, where a script may not fetch; and
// search-index.json for other tools), the style sheet and scripts, the images lessons show and
// the source pages. Links are relative, so the folder can be hosted under any path or opened
// from disk. Export refuses a dir that holds anything unless force is set, and a site built with
// Checks (its buttons need a server).
func (s *Site) Export(dir string, force bool) error {
	if s.opts.Checks {
		return errors.New("web: this site was built with check buttons, which need the server; build one without Checks to export")
	}
	if err := checkDir(dir, force); err != nil {
		return err
	}
	put := putter(dir)
	for _, p := range s.pages {
		var b bytes.Buffer
		if err := s.write(&b, p, view{}, nil); err != nil {
			return err
		}
		if err := put(p.url, b.Bytes()); err != nil {
			return err
		}
	}
	for _, url := range s.sourcePaths() {
		var b bytes.Buffer
		if !s.sourcePage(&b, url, nil) {
			return fmt.Errorf("web: could not draw %s", url)
		}
		if err := put(url, b.Bytes()); err != nil {
			return err
		}
	}
	var b bytes.Buffer
	if err := s.searchPage(&b, "", false, nil); err != nil {
		return err
	}
	if err := put("search.html", b.Bytes()); err != nil {
		return err
	}
	index, err := json.Marshal(s.index)
	if err != nil {
		return fmt.Errorf("web: %w", err)
	}
	if err := put("search-index.json", index); err != nil {
		return err
	}
	js := append(append([]byte("window.SEARCH_INDEX = "), index...), ";\n"...)
	if err := put("search-index.js", js); err != nil {
		return err
	}
	if err := s.putFiles(put); err != nil {
		return err
	}
	return nil
}

// putFiles writes, through put, the site's static files (style sheet and scripts) under static/
// and the lessons' pictures under assets/: what both exports carry besides the pages.
func (s *Site) putFiles(put func(name string, data []byte) error) error {
	for _, name := range []string{"style.css", "app.js", "theme.js"} {
		data, err := fs.ReadFile(staticFiles, "static/"+name)
		if err != nil {
			return fmt.Errorf("web: %w", err)
		}
		if err := put(path.Join("static", name), data); err != nil {
			return err
		}
	}
	for _, a := range s.assets {
		data, err := fs.ReadFile(s.opts.Assets, a[len("assets/"):])
		if err != nil {
			return fmt.Errorf("web: %w", err)
		}
		if err := put(a, data); err != nil {
			return err
		}
	}
	return nil
}

// putter returns the function both exports write a file with: name is a slash-separated path
// inside dir, and the folders it names are made as needed.
func putter(dir string) func(name string, data []byte) error {
	return func(name string, data []byte) error {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("web: %w", err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return fmt.Errorf("web: %w", err)
		}
		return nil
	}
}
