package tui

import (
	"bytes"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/lesson"
)

// A document is one markdown file of the book (a lesson or a chapter README), parsed and cut
// into pieces that render on their own.
type document struct {
	path   string // "ch01/01.02-tcp.md"
	title  string
	src    []byte
	les    *lesson.Lesson
	pieces []piece
	// refs are the file's link reference definitions ("[spec]: https://..."), added to every
	// piece when it is rendered so reference-style links work in any piece.
	refs string
}

// pieceKind says how a piece is rendered.
type pieceKind int

const (
	pieceText    pieceKind = iota // markdown, rendered by glamour and wrapped to the pane
	pieceCode                     // a fenced code block: rendered unwrapped, cut at the pane's edge
	pieceCallout                  // a step callout: rendered inside a frame showing the step's state
)

// A piece is a run of the source that renders as one unit. Pieces start at every heading (so a
// heading's position is a piece's first line, whatever the width), and code blocks and step
// callouts are pieces of their own. The lesson's level-1/2 sections are unions of pieces, so
// rendering piece by piece is the per-section rendering the bars ask for, only finer.
type piece struct {
	kind       pieceKind
	start, end int // byte offsets into src
	heading    int // index into les.Headings of the heading the piece starts with; -1 if none
	callout    int // index into les.Callouts for a callout piece; -1 otherwise
}

func (d *document) text(p piece) string { return string(d.src[p.start:p.end]) }

// loadDocument reads and parses one file of the book.
func loadDocument(fsys fs.FS, path string) (*document, error) {
	src, err := fs.ReadFile(fsys, path)
	if err != nil {
		return nil, fmt.Errorf("tui: %w", err)
	}
	return newDocument(path, src), nil
}

func newDocument(path string, src []byte) *document {
	// Tabs become spaces at CommonMark's tab stops (so the markdown reads the same), and control
	// characters go: nothing that comes out of the renderer can then move the cursor.
	src = []byte(cleanText(string(bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n")))))
	d := &document{path: path, src: src, les: lesson.Parse(src)}
	d.title = d.les.Title
	if d.title == "" {
		d.title = path
	}
	d.pieces = cutPieces(src, d.les)
	var refs []string
	for _, p := range d.pieces {
		if p.kind != pieceText {
			continue
		}
		for l := range strings.SplitSeq(d.text(p), "\n") {
			if refDef.MatchString(l) {
				refs = append(refs, l)
			}
		}
	}
	if len(refs) > 0 {
		d.refs = "\n\n" + strings.Join(refs, "\n") + "\n"
	}
	return d
}

// refDef matches a link reference definition.
var refDef = regexp.MustCompile(`^ {0,3}\[[^\]]+\]:\s*\S`)

// headingPiece returns the index of the piece that starts with the heading whose anchor is
// given, or -1.
func (d *document) headingPiece(anchor string) int {
	for i, p := range d.pieces {
		if p.heading >= 0 && d.les.Headings[p.heading].Anchor == anchor {
			return i
		}
	}
	return -1
}

// calloutPiece returns the index of the piece holding the callout of step id, or -1.
func (d *document) calloutPiece(id string) int {
	for i, p := range d.pieces {
		if p.callout >= 0 && d.les.Callouts[p.callout].Step == id {
			return i
		}
	}
	return -1
}

// block is a range of the source that must become one piece of a given kind.
type block struct {
	kind       pieceKind
	start, end int
	callout    int
}

// cutPieces cuts src before every heading and around every top-level code fence and step
// callout.
func cutPieces(src []byte, les *lesson.Lesson) []piece {
	starts := lineStarts(src)
	var blocks []block
	for i, c := range les.Callouts {
		if c.Line < 1 || c.Line > len(starts) {
			continue
		}
		start := starts[c.Line-1]
		end := len(src)
		for l := c.Line; l < len(starts); l++ {
			if !quoted(lineAt(src, starts, l)) {
				end = starts[l]
				break
			}
		}
		blocks = append(blocks, block{pieceCallout, start, end, i})
	}
	// Fences that start in column 0 and are not inside a callout.
	var fences []block
	for l := 0; l < len(starts); l++ {
		fence := fenceOf(lineAt(src, starts, l))
		if fence == "" || inBlockOf(blocks, starts[l]) {
			continue
		}
		open, last := l, len(starts)-1 // an unclosed fence runs to the end of the file
		for k := l + 1; k < len(starts); k++ {
			if closes(lineAt(src, starts, k), fence) {
				last = k
				break
			}
		}
		end := len(src)
		if last+1 < len(starts) {
			end = starts[last+1]
		}
		fences = append(fences, block{pieceCode, starts[open], end, -1})
		l = last
	}
	blocks = append(blocks, fences...)
	sort.Slice(blocks, func(i, j int) bool { return blocks[i].start < blocks[j].start })

	// Cut points: every heading outside a block, and both edges of every block.
	type cut struct {
		off     int
		heading int
	}
	cuts := []cut{{0, -1}}
	for i, h := range les.Headings {
		if !inBlockOf(blocks, h.Offset) {
			cuts = append(cuts, cut{h.Offset, i})
		}
	}
	for _, b := range blocks {
		cuts = append(cuts, cut{b.start, -1}, cut{b.end, -1})
	}
	sort.SliceStable(cuts, func(i, j int) bool { return cuts[i].off < cuts[j].off })

	var out []piece
	for i, c := range cuts {
		end := len(src)
		if i+1 < len(cuts) {
			end = cuts[i+1].off
		}
		if end <= c.off {
			// Two cuts at one offset: keep the heading of either.
			if c.heading >= 0 && i+1 < len(cuts) && cuts[i+1].heading < 0 {
				cuts[i+1].heading = c.heading
			}
			continue
		}
		p := piece{kind: pieceText, start: c.off, end: end, heading: c.heading, callout: -1}
		for _, b := range blocks {
			if b.start == c.off {
				p.kind, p.callout = b.kind, b.callout
			}
		}
		if p.kind == pieceText && p.heading < 0 && len(bytes.TrimSpace(src[p.start:p.end])) == 0 {
			continue
		}
		out = append(out, p)
	}
	return out
}

func inBlockOf(blocks []block, off int) bool {
	for _, b := range blocks {
		if off >= b.start && off < b.end {
			return true
		}
	}
	return false
}

// quoted reports whether a line belongs to a blockquote: up to three spaces, then '>'.
func quoted(line string) bool {
	t := strings.TrimLeft(line, " ")
	return len(line)-len(t) <= 3 && strings.HasPrefix(t, ">")
}

// fenceOf returns the fence ("```", "~~~~") a line opens in column 0, or "".
func fenceOf(line string) string {
	for _, ch := range []byte{'`', '~'} {
		n := 0
		for n < len(line) && line[n] == ch {
			n++
		}
		if n >= 3 {
			if ch == '`' && strings.Contains(line[n:], "`") {
				return "" // an inline code span, not a fence
			}
			return line[:n]
		}
	}
	return ""
}

// closes reports whether line closes a fence.
func closes(line, fence string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return false
	}
	n := 0
	for n < len(t) && t[n] == fence[0] {
		n++
	}
	return n >= len(fence) && strings.TrimSpace(t[n:]) == ""
}

// lineStarts returns the byte offset of the start of every line.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' && i+1 < len(src) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineAt returns line l (0-based) without its newline.
func lineAt(src []byte, starts []int, l int) string {
	end := len(src)
	if l+1 < len(starts) {
		end = starts[l+1]
	}
	return strings.TrimRight(string(src[starts[l]:end]), "\n")
}
