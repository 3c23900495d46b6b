package web

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// An entry is one section of a page in the search index: the text from a level-1 or level-2
// heading to the next. The JSON names are short because the export ships the index whole.
type entry struct {
	URL     string `json:"u"` // site path and anchor
	Page    string `json:"p"` // the page's title
	Heading string `json:"h"` // the section's heading ("" for the text above the first)
	Text    string `json:"x"` // the section as plain text
	lower   string // Heading and Text, lower case, for matching
}

// A Hit is one search result.
type Hit struct {
	URL     string // site path and anchor
	Page    string
	Heading string
	Snippet string // the text around the first match
	score   int
	order   int
}

// Limits on a search: a query is cut to MaxQuery bytes and its first MaxTerms words, and at most
// MaxHits sections come back.
const (
	MaxQuery = 200
	MaxTerms = 8
	MaxHits  = 50
)

// entries turns a page's sections into index entries.
func entries(p *page, secs []section) []entry {
	var out []entry
	for _, sec := range secs {
		e := entry{URL: p.url, Page: p.title, Heading: sec.heading, Text: sec.text}
		if sec.anchor != "" {
			e.URL += "#" + sec.anchor
		}
		e.lower = strings.ToLower(e.Heading + "\n" + e.Text)
		out = append(out, e)
	}
	return out
}

// terms splits a query into lower-case words, within the limits.
func terms(q string) []string {
	if len(q) > MaxQuery {
		q = q[:MaxQuery]
		for !utf8.ValidString(q) {
			q = q[:len(q)-1]
		}
	}
	f := strings.Fields(strings.ToLower(q))
	if len(f) > MaxTerms {
		f = f[:MaxTerms]
	}
	return f
}

// Search returns the sections holding every word of q, best first: words in the heading count
// more than words in the text. The export's script does the same in the browser.
func (s *Site) Search(q string) []Hit {
	ts := terms(q)
	if len(ts) == 0 {
		return nil
	}
	var hits []Hit
	for i, e := range s.index {
		score := 0
		for _, t := range ts {
			n := strings.Count(e.lower, t)
			if n == 0 {
				score = 0
				break
			}
			head := strings.Count(strings.ToLower(e.Heading), t)
			score += min(n-head, 20) + 10*head
		}
		if score == 0 {
			continue
		}
		hits = append(hits, Hit{URL: e.URL, Page: e.Page, Heading: e.Heading, Snippet: snippet(e, ts[0]), score: score, order: i})
	}
	slices.SortStableFunc(hits, func(a, b Hit) int {
		return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.order, b.order))
	})
	if len(hits) > MaxHits {
		hits = hits[:MaxHits]
	}
	return hits
}

// snippet returns about 160 bytes of e's text around the first place t occurs.
func snippet(e entry, t string) string {
	text := e.Text
	lower := strings.ToLower(text)
	if len(lower) != len(text) {
		text = lower // lower-casing changed the lengths: show the lower-case text
	}
	i := strings.Index(lower, t)
	if i < 0 {
		i = 0
	}
	start, end := max(0, i-60), min(len(text), i+100)
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	out := text[start:end]
	if start > 0 {
		out = "…" + out
	}
	if end < len(text) {
		out += "…"
	}
	return out
}
