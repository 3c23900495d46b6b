package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
)

// searchPage draws the search page. Served, it holds the results; exported, an empty list that
// the page's script fills from the index (search-index.js), since a static host runs no code.
func (s *Site) searchPage(w io.Writer, q string, serve bool, prog *Progress) error {
	var b bytes.Buffer
	b.WriteString("<h1>Search</h1>\n")
	if serve {
		hits := s.Search(q)
		switch {
		case len(terms(q)) == 0:
			b.WriteString("<p>Type words to find in the search box above.</p>\n")
		case len(hits) == 0:
			fmt.Fprintf(&b, "<p class=\"no-hits\">No section holds every word of “%s”.</p>\n", template.HTMLEscapeString(q))
		default:
			fmt.Fprintf(&b, "<p class=\"hit-count\">%d sections hold every word of “%s”%s.</p>\n", len(hits),
				template.HTMLEscapeString(q), map[bool]string{true: " (the best shown)", false: ""}[len(hits) == MaxHits])
		}
		b.WriteString("<ol id=\"search-results\" class=\"hits\">\n")
		for _, h := range hits {
			title := h.Page
			if h.Heading != "" && h.Heading != h.Page {
				title += " › " + h.Heading
			}
			fmt.Fprintf(&b, "<li><a href=\"%s\">%s</a><p>%s</p></li>\n", template.HTMLEscapeString(h.URL),
				template.HTMLEscapeString(title), template.HTMLEscapeString(h.Snippet))
		}
		b.WriteString("</ol>\n")
	} else {
		b.WriteString("<p class=\"hit-count\" id=\"search-status\">Searching needs JavaScript, which is off.</p>\n" +
			"<ol id=\"search-results\" class=\"hits\" data-static=\"1\"></ol>\n")
	}
	v := view{Title: "Search", Body: template.HTML(b.String()), Serve: serve, Search: true, Query: q}
	return s.write(w, nil, v, prog)
}
