// Package lesson reads the structure of a lesson written in markdown: its title, its sections and
// their anchors, its links and images, its step callouts and its code blocks.
//
// It parses with goldmark and renders nothing: the TUI renders sections with glamour, and the dev
// check uses the structure to prove that links resolve, that every step is introduced where its
// step.json says, and that complete Go code blocks compile.
//
// A step callout is a blockquote whose first paragraph starts with bold text "Step <id>", optionally
// followed by ": title":
//
//	> **Step 03.02-read-lines: read a file line by line**
//	>
//	> In `workspace/files/lines.go`, write ...
package lesson

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// A Lesson is the structure of one markdown file.
type Lesson struct {
	Title    string      // the text of the first level-1 heading
	Headings []Heading   // every heading, in order
	Sections []Section   // the file cut at level-1 and level-2 headings, in order, covering it all
	Links    []Link      // every link and image
	Callouts []Callout   // every step callout
	Code     []CodeBlock // every fenced code block
}

// A Heading is one heading and its GitHub-style anchor.
type Heading struct {
	Level  int
	Text   string
	Anchor string // unique within the lesson: repeats get -1, -2, ...
	Line   int    // 1-based
	Offset int    // byte offset of the start of the heading's line
}

// A Section is a slice of the source that starts at a heading of level 1 or 2 (or at the top of
// the file) and runs to the next one. Rendering section by section keeps the first screen fast.
type Section struct {
	Heading *Heading // nil for text before the first heading
	Start   int      // byte offsets into the source
	End     int
}

// A Link is a link or an image.
type Link struct {
	Dest  string
	Image bool
	Line  int
}

// A Callout is a step callout.
type Callout struct {
	Step    string // the step id
	Title   string // the text after the id and a colon, if any
	Line    int
	Section string // anchor of the nearest heading above it
}

// A CodeBlock is one fenced code block.
type CodeBlock struct {
	Lang string // first word of the info string ("go", "sh", "text")
	Info string // the whole info string
	Code string
	Line int // line of the opening fence
}

// Complete reports whether a Go code block is a whole file: it starts with a package clause
// after any comments and blank lines. Complete blocks must compile on their own.
func (c CodeBlock) Complete() bool {
	if c.Lang != "go" {
		return false
	}
	inBlock := false
	for l := range strings.SplitSeq(c.Code, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case inBlock:
			if i := strings.Index(l, "*/"); i >= 0 {
				inBlock = false
				l = strings.TrimSpace(l[i+2:])
				if l == "" {
					continue
				}
				return strings.HasPrefix(l, "package ")
			}
			continue
		case l == "" || strings.HasPrefix(l, "//"):
			continue
		case strings.HasPrefix(l, "/*"):
			if !strings.Contains(l[2:], "*/") {
				inBlock = true
			}
			continue
		}
		return strings.HasPrefix(l, "package ")
	}
	return false
}

// Anchor returns the heading with the given anchor.
func (l *Lesson) Anchor(anchor string) (*Heading, bool) {
	for i := range l.Headings {
		if l.Headings[i].Anchor == anchor {
			return &l.Headings[i], true
		}
	}
	return nil, false
}

var md = goldmark.New(goldmark.WithExtensions(extension.GFM))

var calloutPattern = regexp.MustCompile(`^Step (\d\d\.\d\d-[a-z0-9-]+)(?::\s*(.*))?$`)

// Parse reads the structure of a lesson.
func Parse(src []byte) *Lesson {
	l := &Lesson{}
	doc := md.Parser().Parse(text.NewReader(src))
	lines := newLineIndex(src)
	seen := map[string]int{}
	var current string // anchor of the heading above
	lastHeading := 0   // offset of the previous heading's line

	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			txt := plainText(n, src)
			anchor := Slug(txt)
			if k := seen[anchor]; k > 0 {
				seen[anchor] = k + 1
				anchor += "-" + strconv.Itoa(k)
			} else {
				seen[anchor] = 1
			}
			off := lastHeading
			if n.Lines().Len() > 0 {
				off = lineStart(src, n.Lines().At(0).Start)
			} else {
				// An empty heading ("#") has no text to point at: find its line.
				off = emptyHeadingLine(src, lastHeading)
			}
			off = max(off, lastHeading) // headings come in source order
			lastHeading = off
			h := Heading{Level: n.Level, Text: txt, Anchor: anchor, Offset: off, Line: lines.line(off)}
			l.Headings = append(l.Headings, h)
			if n.Level == 1 && l.Title == "" {
				l.Title = txt
			}
			current = anchor
		case *ast.Link:
			l.Links = append(l.Links, Link{Dest: string(n.Destination), Line: lines.line(nodeStart(n, src))})
		case *ast.Image:
			l.Links = append(l.Links, Link{Dest: string(n.Destination), Image: true, Line: lines.line(nodeStart(n, src))})
		case *ast.Blockquote:
			if c, ok := callout(n, src); ok {
				c.Line = lines.line(nodeStart(n, src))
				c.Section = current
				l.Callouts = append(l.Callouts, c)
			}
		case *ast.FencedCodeBlock:
			info := ""
			if n.Info != nil {
				info = strings.TrimSpace(string(n.Info.Segment.Value(src)))
			}
			lang, _, _ := strings.Cut(info, " ")
			var code bytes.Buffer
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				code.Write(seg.Value(src))
			}
			line := 0
			if n.Lines().Len() > 0 {
				line = lines.line(n.Lines().At(0).Start) - 1
			} else if n.Info != nil {
				line = lines.line(n.Info.Segment.Start)
			}
			l.Code = append(l.Code, CodeBlock{Lang: lang, Info: info, Code: code.String(), Line: line})
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})

	// Sections: cut before every heading of level 1 or 2.
	start := 0
	var head *Heading
	for i := range l.Headings {
		h := &l.Headings[i]
		if h.Level > 2 {
			continue
		}
		if h.Offset > start {
			l.Sections = append(l.Sections, Section{Heading: head, Start: start, End: h.Offset})
		}
		start, head = h.Offset, h
	}
	l.Sections = append(l.Sections, Section{Heading: head, Start: start, End: len(src)})
	return l
}

// emptyHeadingLine returns the offset of the first line at or after from that holds only #s.
func emptyHeadingLine(src []byte, from int) int {
	for off := from; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		if l := bytes.TrimSpace(src[off : off+end]); len(l) > 0 && len(bytes.Trim(l, "#")) == 0 {
			return off
		}
		off += end + 1
	}
	return from
}

// callout recognises a step callout: a blockquote whose first paragraph starts with bold text
// "Step <id>[: title]".
func callout(bq *ast.Blockquote, src []byte) (Callout, bool) {
	p, ok := bq.FirstChild().(*ast.Paragraph)
	if !ok {
		return Callout{}, false
	}
	em, ok := p.FirstChild().(*ast.Emphasis)
	if !ok || em.Level != 2 {
		return Callout{}, false
	}
	m := calloutPattern.FindStringSubmatch(strings.TrimSpace(plainText(em, src)))
	if m == nil {
		return Callout{}, false
	}
	return Callout{Step: m[1], Title: strings.TrimSpace(m[2])}, true
}

// plainText concatenates the text inside an inline container.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// nodeStart finds a byte offset for a node: its own lines, else its first text descendant.
func nodeStart(n ast.Node, src []byte) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	pos := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || pos >= 0 {
			return ast.WalkStop, nil
		}
		if t, ok := c.(*ast.Text); ok {
			pos = t.Segment.Start
			return ast.WalkStop, nil
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			pos = c.Lines().At(0).Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if pos < 0 {
		if p := n.Parent(); p != nil {
			return nodeStart(p, src)
		}
		return 0
	}
	return pos
}

func lineStart(src []byte, off int) int {
	off = min(off, len(src))
	return bytes.LastIndexByte(src[:off], '\n') + 1
}

// lineIndex maps byte offsets to 1-based line numbers.
type lineIndex []int

func newLineIndex(src []byte) lineIndex {
	idx := lineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

func (idx lineIndex) line(off int) int {
	lo, hi := 0, len(idx)
	for lo < hi {
		mid := (lo + hi) / 2
		if idx[mid] <= off {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// Slug returns the GitHub-style anchor of a heading: lower case, spaces become hyphens, and
// everything but letters, digits, hyphens and underscores is dropped.
func Slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}
