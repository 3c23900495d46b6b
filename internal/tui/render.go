package tui

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/charmbracelet/glamour"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

// maxRenderers bounds how many widths keep a glamour renderer (dragging a window edge produces
// many widths; only the last few are worth keeping).
const maxRenderers = 4

// A renderPool hands out one glamour renderer per word-wrap width and reuses it: building a
// renderer sets up goldmark and a style each time. A glamour renderer keeps state while it
// renders, so each one is used by one goroutine at a time.
//
// Code blocks get renderers of their own, at a width rounded up from their longest line: wide
// enough that glamour never breaks a line of code or of an ASCII diagram (the pane cuts long
// lines with a marker instead), and not much wider, because glamour pads every line to the
// wrap width with styled spaces.
type renderPool struct {
	style   string          // glamour standard style: "dark", "light", "notty"
	profile termenv.Profile // colour profile; Ascii writes no escape codes at all

	mu   sync.Mutex
	text lru
	code lru
	// done keeps rendered code blocks by their markdown: a code block renders the same at
	// every pane width (only the cut differs), so a resize does not run the highlighter again.
	done      map[string][]string
	doneBytes int
}

// maxCodeCache bounds the bytes of rendered code blocks a pool keeps; past it, it starts over.
const maxCodeCache = 4 << 20

// lru is a handful of renderers by width, least recently used first.
type lru struct {
	max   int
	order []int
	byW   map[int]*pooledRenderer
}

type pooledRenderer struct {
	mu sync.Mutex
	r  *glamour.TermRenderer
}

func newRenderPool(style string, profile termenv.Profile) *renderPool {
	return &renderPool{style: style, profile: profile,
		text: lru{max: maxRenderers, byW: map[int]*pooledRenderer{}},
		code: lru{max: maxRenderers, byW: map[int]*pooledRenderer{}},
	}
}

func (p *renderPool) get(c *lru, wrap int) (*pooledRenderer, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, w := range c.order {
		if w == wrap {
			c.order = append(append(c.order[:i:i], c.order[i+1:]...), wrap)
			return c.byW[wrap], nil
		}
	}
	r, err := glamour.NewTermRenderer(
		glamour.WithStandardStyle(p.style),
		glamour.WithColorProfile(p.profile),
		glamour.WithWordWrap(wrap),
	)
	if err != nil {
		return nil, fmt.Errorf("tui: markdown renderer: %w", err)
	}
	pr := &pooledRenderer{r: r}
	c.byW[wrap] = pr
	c.order = append(c.order, wrap)
	if len(c.order) > c.max {
		delete(c.byW, c.order[0])
		c.order = c.order[1:]
	}
	return pr, nil
}

// render renders markdown at a word-wrap width into lines with trailing padding removed.
func (p *renderPool) render(c *lru, wrap int, md string) ([]string, error) {
	pr, err := p.get(c, wrap)
	if err != nil {
		return nil, err
	}
	pr.mu.Lock()
	out, err := pr.r.Render(md)
	pr.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("tui: render markdown: %w", err)
	}
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		lines[i] = trimRight(cleanLine(l))
	}
	return trimBlank(lines), nil
}

// renderCode renders a fenced code block at a width that never wraps its lines, and returns a
// copy of its lines that the caller may cut.
func (p *renderPool) renderCode(md string) ([]string, error) {
	p.mu.Lock()
	lines, ok := p.done[md]
	p.mu.Unlock()
	if !ok {
		var err error
		if lines, err = p.render(&p.code, codeWrap(md), md); err != nil {
			return nil, err
		}
		size := len(md)
		for _, l := range lines {
			size += len(l)
		}
		p.mu.Lock()
		if p.doneBytes+size > maxCodeCache {
			p.done, p.doneBytes = nil, 0
		}
		if p.done == nil {
			p.done = map[string][]string{}
		}
		p.done[md] = lines
		p.doneBytes += size
		p.mu.Unlock()
	}
	return append([]string(nil), lines...), nil
}

// codeWrap is the wrap width for a code block: its longest line plus glamour's margins, rounded
// up to a multiple of 40 so that a few renderers serve every block.
func codeWrap(md string) int {
	longest := 0
	for l := range strings.SplitSeq(md, "\n") {
		longest = max(longest, ansi.StringWidth(l))
	}
	return (longest+8)/40*40 + 40
}

// textWrap is the glamour word-wrap width for a pane of the given width: glamour adds a
// two-column margin on each side of the text.
func textWrap(width int) int { return max(width-2, 20) }

// textLimit is the widest line glamour writes for a pane of the given width (its margins
// included), the limit list items are wrapped to again.
func textLimit(width int) int { return textWrap(width) - 2 }

// calloutInner is the width inside a callout's frame: two columns of margin, two of border.
func calloutInner(width int) int { return max(width-4, 16) }

// renderPiece renders one piece of d for a pane of the given width: prose and callouts at most
// maxTextWidth wide, code blocks cut at the pane's edge. Callouts come back without their frame
// (the frame shows the step's state, which changes without re-rendering).
func renderPiece(pool *renderPool, d *document, i, width int) ([]string, error) {
	p := d.pieces[i]
	switch p.kind {
	case pieceCode:
		lines, err := pool.renderCode(d.text(p))
		if err != nil {
			return nil, err
		}
		return cutLines(lines, width), nil
	case pieceCallout:
		inner := calloutInner(proseWidth(width))
		lines, err := pool.render(&pool.text, textWrap(inner), prepareProse(calloutBody(d.text(p)))+d.refs)
		if err != nil {
			return nil, err
		}
		return cutLines(restoreHyphens(hangListItems(lines, textLimit(inner))), inner), nil
	}
	w := proseWidth(width)
	lines, err := pool.render(&pool.text, textWrap(w), prepareProse(d.text(p))+d.refs)
	if err != nil {
		return nil, err
	}
	return cutLines(restoreHyphens(hangListItems(lines, textLimit(w))), w), nil
}

// rawPiece is what a piece shows until it is rendered: its markdown source, wrapped.
func rawPiece(d *document, i, width int) []string {
	p := d.pieces[i]
	switch p.kind {
	case pieceCode:
		var out []string
		for l := range strings.SplitSeq(strings.TrimRight(d.text(p), "\n"), "\n") {
			out = append(out, "  "+l)
		}
		return cutLines(out, width)
	case pieceCallout:
		return wrapText(calloutBody(d.text(p)), calloutInner(proseWidth(width)))
	}
	return wrapText(d.text(p), proseWidth(width))
}

// wrapText wraps plain text to width with a two-column margin, keeping its line breaks.
func wrapText(text string, width int) []string {
	var out []string
	for l := range strings.SplitSeq(strings.TrimRight(text, "\n"), "\n") {
		if l == "" {
			out = append(out, "")
			continue
		}
		out = wrapPlain(out, l, max(width-4, 10))
	}
	return trimBlank(out)
}

// wrapPlain appends line l wrapped at limit columns to out, each line with a two-column
// margin. Raw text is laid out for every piece of a lesson when it opens, so plain ASCII (most
// lines) takes a fast path; anything else goes through ansi.Wrap, which knows wide characters.
func wrapPlain(out []string, l string, limit int) []string {
	for i := 0; i < len(l); i++ {
		if l[i] >= utf8.RuneSelf || l[i] < ' ' {
			for w := range strings.SplitSeq(ansi.Wrap(l, limit, ""), "\n") {
				out = append(out, "  "+w)
			}
			return out
		}
	}
	for len(l) > limit {
		cut := strings.LastIndexByte(l[:limit+1], ' ')
		if cut <= 0 {
			cut = limit // one word longer than the line: break it
			out = append(out, "  "+l[:cut])
			l = l[cut:]
			continue
		}
		out = append(out, "  "+strings.TrimRight(l[:cut], " "))
		l = strings.TrimLeft(l[cut:], " ")
	}
	return append(out, "  "+l)
}

// calloutBody returns the markdown inside a step callout without its quote markers and without
// its first paragraph (the bold "Step id: title", which the frame shows).
func calloutBody(md string) string {
	var lines []string
	for l := range strings.SplitSeq(md, "\n") {
		t := strings.TrimLeft(l, " ")
		t = strings.TrimPrefix(t, ">")
		t = strings.TrimPrefix(t, " ")
		lines = append(lines, t)
	}
	i := 0
	for i < len(lines) && strings.TrimSpace(lines[i]) != "" {
		i++
	}
	return strings.TrimSpace(strings.Join(lines[i:], "\n")) + "\n"
}

// cutLines cuts lines wider than width, marking the cut with "…".
func cutLines(lines []string, width int) []string {
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, max(width, 1), "…")
		}
	}
	return lines
}

// trimBlank drops blank lines at both ends.
func trimBlank(lines []string) []string {
	for len(lines) > 0 && blank(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blank(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return lines
}

func blank(l string) bool { return strings.TrimSpace(ansi.Strip(l)) == "" }

// trimRight removes trailing spaces from a line that may hold escape codes. Glamour pads every
// line to the wrap width with styled spaces; dropping them saves most of the memory a rendered
// lesson takes and keeps cutting and searching cheap.
func trimRight(s string) string {
	last, esc := -1, false
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			esc = true
			i = skipEscape(s, i)
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != ' ' && r != '\t' {
			last = i + size
		}
		i += size
	}
	if last < 0 {
		return ""
	}
	if esc {
		return s[:last] + "\x1b[0m"
	}
	return s[:last]
}

// skipEscape returns the index just past the escape sequence that starts at s[i].
func skipEscape(s string, i int) int {
	if i+1 >= len(s) {
		return len(s)
	}
	switch s[i+1] {
	case '[': // CSI: parameters, then a final byte in 0x40-0x7e
		for j := i + 2; j < len(s); j++ {
			if s[j] >= 0x40 && s[j] <= 0x7e {
				return j + 1
			}
		}
		return len(s)
	case ']': // OSC: up to BEL or ESC \
		for j := i + 2; j < len(s); j++ {
			if s[j] == 0x07 {
				return j + 1
			}
			if s[j] == 0x1b && j+1 < len(s) && s[j+1] == '\\' {
				return j + 2
			}
		}
		return len(s)
	}
	return i + 2
}
