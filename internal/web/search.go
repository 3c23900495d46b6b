package web

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/lesson"
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

var (
	mdLink     = regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`)
	mdMarks    = regexp.MustCompile("(?m)^\\s*(#+|>|```+|~~~+)[^\\n]*?|[*_`|]+")
	whitespace = regexp.MustCompile(`\s+`)
)

// sections cuts a page's markdown into index entries, one per level-1 or level-2 section.
func sections(p *page, src []byte) []entry {
	l := lesson.Parse(src)
	var out []entry
	for _, sec := range l.Sections {
		e := entry{URL: p.url, Page: p.title}
		body := src[sec.Start:sec.End]
		if sec.Heading != nil {
			e.Heading = sec.Heading.Text
			if sec.Heading.Level > 1 {
				e.URL += "#" + sec.Heading.Anchor
			}
			// Drop the heading's own line from the text.
			if i := strings.IndexByte(string(body), '\n'); i >= 0 {
				body = body[i+1:]
			} else {
				body = nil
			}
		}
		e.Text = plainMarkdown(string(body))
		if e.Text == "" && e.Heading == "" {
			continue
		}
		e.lower = strings.ToLower(e.Heading + "\n" + e.Text)
		out = append(out, e)
	}
	return out
}

// plainMarkdown strips markdown down to words: links become their text, marks and fences go.
func plainMarkdown(md string) string {
	md = mdLink.ReplaceAllString(md, "$1")
	md = mdMarks.ReplaceAllStringFunc(md, func(m string) string {
		t := strings.TrimSpace(m)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			return " " // a fence line: its info string is not prose
		}
		if strings.HasPrefix(t, "#") || strings.HasPrefix(t, ">") {
			return " " + strings.TrimLeft(t, "#> ")
		}
		return " "
	})
	return strings.TrimSpace(whitespace.ReplaceAllString(md, " "))
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
