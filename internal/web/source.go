package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strings"
	"unicode/utf8"
)

// maxSource caps the part of a source file a page shows.
const maxSource = 512 << 10

// sourcePage draws the page of a repository file or folder a lesson links to (site path
// "src/velocy/doc.go.html" or "src/velocy/db/index.html"), and reports false for any other path:
// only what lessons link to is shown, never the rest of the repository.
func (s *Site) sourcePage(w io.Writer, url string, prog *Progress) bool {
	if s.opts.Source == nil {
		return false
	}
	rest, ok := strings.CutPrefix(url, "src/")
	if !ok {
		return false
	}
	repo, ok := strings.CutSuffix(rest, ".html")
	if !ok {
		return false
	}
	dir := false
	if d, ok := strings.CutSuffix(rest, "/index.html"); ok {
		repo, dir = d, true
	}
	if !s.sources[repo] || !fs.ValidPath(repo) {
		return false
	}
	fi, err := fs.Stat(s.opts.Source, repo)
	if err != nil || fi.IsDir() != dir {
		return false
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "<h1 class=\"source-title\">%s</h1>\n", template.HTMLEscapeString(repo))
	if dir {
		entries, err := fs.ReadDir(s.opts.Source, repo)
		if err != nil {
			return false
		}
		b.WriteString("<p>A folder of the repository. Its files:</p>\n<ul class=\"files\">\n")
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() {
				name += "/"
			}
			fmt.Fprintf(&b, "<li><code>%s</code></li>\n", template.HTMLEscapeString(name))
		}
		b.WriteString("</ul>\n")
	} else {
		data, err := fs.ReadFile(s.opts.Source, repo)
		if err != nil {
			return false
		}
		cut := len(data) > maxSource
		if cut {
			data = data[:maxSource]
		}
		if !utf8.Valid(data) && !cut {
			b.WriteString("<p>A binary file; it is not shown here.</p>\n")
		} else {
			fmt.Fprintf(&b, "<pre class=\"source\"><code class=\"language-%s\">%s</code></pre>\n",
				strings.TrimPrefix(path.Ext(repo), "."), template.HTMLEscapeString(string(data)))
			if cut {
				b.WriteString("<p>The file goes on; this page shows its first 512 KiB.</p>\n")
			}
		}
	}
	v := view{Root: relURL(url, ""), Title: repo, Body: template.HTML(b.String())}
	return s.write(w, nil, v, prog) == nil
}
