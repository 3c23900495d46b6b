package tui

import (
	"bytes"
	"regexp"
	"sort"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// maxTextWidth is the widest a lesson's prose is drawn. On a wide terminal, lines as wide as the
// pane are hard to read; about 100 columns (the width the book is written to) are not. Prose is
// left-aligned in the pane, not centred: code blocks and diagrams wider than the prose then use
// the rest of the pane from the same left edge, and the lesson does not move sideways when the
// terminal is resized.
const maxTextWidth = 100

// proseWidth is the width prose is wrapped to in a pane of the given width.
func proseWidth(pane int) int { return min(pane, maxTextWidth) }

// mdParser parses markdown as glamour does (CommonMark and the GitHub extensions), so the blocks
// prepareProse finds are the blocks glamour renders.
var mdParser = goldmark.New(goldmark.WithExtensions(extension.GFM)).Parser()

// hyphen stands in for '-' in prose while glamour wraps it (see prepareProse); restoreHyphens
// puts the '-' back. It is U+2010 HYPHEN, one column wide, which the book does not use.
const hyphen = "\u2010"

// prepareProse readies a piece of prose for glamour, working around two ways its wrapping
// goes wrong:
//
//   - glamour reflows a paragraph at the top level but keeps the source's line breaks inside
//     list items, so at 80 columns an item of a book written at 100 came out as a long line, a
//     short one, a long one. Soft line breaks are joined (hard breaks stay), so every
//     paragraph and item wraps at the pane's width alone.
//   - the word wrapper under glamour breaks lines after a '-' but counts the '-' as no column,
//     so a line with hyphens comes out too long, and glamour cuts it again, leaving a word
//     alone on a line ("(or\n\"already\nregistered\")"). In text, '-' becomes a hyphen
//     character the wrapper does not treat specially; restoreHyphens undoes it.
//
// Both are found with goldmark, so code, tables and markup are left as they are.
func prepareProse(md string) string {
	src := []byte(md)
	doc := mdParser.Parse(text.NewReader(src))
	type edit struct {
		start, end int // src[start:end] becomes with
		with       string
	}
	var edits []edit
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindLink, ast.KindImage, ast.KindAutoLink:
			// A link's text may be its reference label ([spec-v2]): leave it as it is.
			return ast.WalkSkipChildren, nil
		case ast.KindText:
			seg := n.(*ast.Text).Segment
			for i := seg.Start; i < seg.Stop; i++ {
				if src[i] == '-' {
					edits = append(edits, edit{i, i + 1, hyphen})
				}
			}
		case ast.KindParagraph, ast.KindTextBlock:
			lines := n.Lines()
			for i := 0; i+1 < lines.Len(); i++ {
				a, b := lines.At(i), lines.At(i+1)
				content := bytes.TrimRight(src[a.Start:a.Stop], "\n")
				if bytes.HasSuffix(content, []byte("  ")) || bytes.HasSuffix(content, []byte("\\")) {
					continue // a hard line break
				}
				start := a.Start + len(bytes.TrimRight(content, " "))
				end := b.Start
				for end < len(src) && src[end] == ' ' {
					end++
				}
				if start < end && bytes.IndexByte(src[start:end], '\n') >= 0 {
					edits = append(edits, edit{start, end, " "})
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if len(edits) == 0 {
		return md
	}
	sort.Slice(edits, func(i, j int) bool { return edits[i].start < edits[j].start })
	var out bytes.Buffer
	out.Grow(len(src) + 2*len(edits))
	at := 0
	for _, e := range edits {
		if e.start < at {
			continue
		}
		out.Write(src[at:e.start])
		out.WriteString(e.with)
		at = e.end
	}
	out.Write(src[at:])
	return out.String()
}

// restoreHyphens puts back the '-' that prepareProse replaced, in rendered lines.
func restoreHyphens(lines []string) []string {
	for i, l := range lines {
		if strings.Contains(l, hyphen) {
			lines[i] = strings.ReplaceAll(l, hyphen, "-")
		}
	}
	return lines
}

// itemStart matches the first line of a list item as glamour draws it: indentation, then a
// bullet, a number or a task box.
var itemStart = regexp.MustCompile(`^( *)(• |\d+\. |\[[ x✓]\] )`)

// hangListItems indents the wrapped lines of each list item under the item's text instead of
// under its bullet, as a reader expects of a list:
//
//   - With no routes, return []Route{},      • With no routes, return []Route{},
//     not nil. Both have length 0 …      →       not nil. Both have length 0 …
//
// An item is its first line and the lines after it that are indented as far as its bullet; it
// is wrapped again at limit columns, keeping its styling.
func hangListItems(lines []string, limit int) []string {
	out := lines[:0:0]
	inList := false // the line before was blank or part of a list item
	for i := 0; i < len(lines); {
		plain := ansi.Strip(lines[i])
		var m []string
		if i == 0 || inList {
			// A wrapped paragraph line that happens to start with "2. " is not an item.
			m = itemStart.FindStringSubmatch(plain)
		}
		inList = m != nil || strings.TrimSpace(plain) == ""
		j := i + 1
		if m != nil {
			for j < len(lines) {
				p := ansi.Strip(lines[j])
				if strings.TrimSpace(p) == "" || len(p)-len(strings.TrimLeft(p, " ")) != len(m[1]) || itemStart.MatchString(p) {
					break
				}
				j++
			}
		}
		if m == nil || j == i+1 {
			out = append(out, lines[i])
			i++
			continue
		}
		hang := ansi.StringWidth(m[0])
		body := ansi.TruncateLeft(lines[i], hang, "")
		for _, l := range lines[i+1 : j] {
			body += " " + ansi.TruncateLeft(l, len(m[1]), "")
		}
		wrapped := carryStyles(strings.Split(ansi.Wordwrap(body, max(limit-hang, 10), ""), "\n"))
		pad := strings.Repeat(" ", hang)
		for k, w := range wrapped {
			if k == 0 {
				out = append(out, ansi.Truncate(lines[i], hang, "")+w)
			} else {
				out = append(out, pad+w)
			}
		}
		i = j
	}
	return out
}

// carryStyles makes each of a run of wrapped lines stand alone: a style still open at the end
// of a line is closed there and opened again at the start of the next.
func carryStyles(lines []string) []string {
	open := ""
	for k, l := range lines {
		l = open + l
		for i := 0; i < len(l); {
			if l[i] != 0x1b {
				i++
				continue
			}
			end, ok := sgrEnd(l, i)
			if ok {
				if seq := l[i:end]; seq == "\x1b[0m" || seq == "\x1b[m" {
					open = ""
				} else {
					open += seq
				}
			}
			i = end
		}
		if open != "" {
			l += "\x1b[0m"
		}
		lines[k] = trimRight(l)
	}
	return lines
}
