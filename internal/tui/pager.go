package tui

import (
	"fmt"
	"sort"
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// lessonView is the open document as the pager shows it: every piece's lines (rendered, or raw
// until rendered) one after another, and where the view starts.
type lessonView struct {
	doc    *document
	lines  []string
	starts []int // starts[i] is the first line of piece i; starts[len(pieces)] == len(lines)
	top    anchor
}

// An anchor is a position in the document that survives re-rendering: a line within a piece.
// When a piece above the view gets rendered and changes length, the view stays on the same text.
type anchor struct{ piece, line int }

// topLine is the anchor as a line number.
func (v *lessonView) topLine() int {
	if len(v.starts) < 2 {
		return 0
	}
	p := min(max(v.top.piece, 0), len(v.starts)-2)
	n := v.starts[p+1] - v.starts[p]
	return v.starts[p] + min(v.top.line, max(n-1, 0))
}

func (v *lessonView) maxTop(height int) int { return max(0, len(v.lines)-height) }

// viewTop is the first line shown in a body of the given height.
func (v *lessonView) viewTop(height int) int { return min(v.topLine(), v.maxTop(height)) }

// setTopLine moves the view so that line n is at the top (clamped).
func (v *lessonView) setTopLine(n, height int) {
	n = max(0, min(n, v.maxTop(height)))
	if len(v.starts) < 2 {
		v.top = anchor{}
		return
	}
	// The last piece whose first line is <= n.
	p := sort.Search(len(v.starts)-1, func(i int) bool { return v.starts[i] > n }) - 1
	p = max(p, 0)
	v.top = anchor{p, n - v.starts[p]}
}

// pieceAt returns the piece holding line n.
func (v *lessonView) pieceAt(n int) int {
	if len(v.starts) < 2 {
		return 0
	}
	p := sort.Search(len(v.starts)-1, func(i int) bool { return v.starts[i] > n }) - 1
	return max(p, 0)
}

// pieceKey names one rendered piece: documents are cached per width, the width the piece is
// laid out at (pieceWidth).
type pieceKey struct {
	path  string
	piece int
	width int
}

// pieceWidth is the width a piece is laid out at in a pane: code blocks are cut at the pane's
// edge, prose and callouts are at most maxTextWidth wide. So on a wide terminal a resize
// renders only the code blocks again (and those come from the pool's cache, only cut anew).
func pieceWidth(k pieceKind, pane int) int {
	if k == pieceCode {
		return pane
	}
	return proseWidth(pane)
}

func keyOf(d *document, i, pane int) pieceKey {
	return pieceKey{d.path, i, pieceWidth(d.pieces[i].kind, pane)}
}

// pieceLines are a piece's lines at one width, rendered or (until then) raw.
type pieceLines struct {
	lines    []string
	rendered bool
}

// pieceRenderedMsg brings back one rendered piece.
type pieceRenderedMsg struct {
	path         string
	piece, width int
	kind         pieceKind
	gen          int
	lines        []string
	err          error
}

// renderCmd renders piece i of d for a pane of the given width.
func renderCmd(pool *renderPool, d *document, i, pane, gen int) tea.Cmd {
	k := keyOf(d, i, pane)
	return func() tea.Msg {
		lines, err := renderPiece(pool, d, i, k.width)
		return pieceRenderedMsg{path: d.path, piece: i, width: k.width, kind: d.pieces[i].kind, gen: gen, lines: lines, err: err}
	}
}

// document returns a parsed file of the book, reading it the first time.
func (m *model) document(path string) (*document, error) {
	if d, ok := m.docs[path]; ok {
		return d, nil
	}
	d, err := loadDocument(m.lessons, path)
	if err != nil {
		return nil, err
	}
	m.docs[path] = d
	return d, nil
}

// missingDocument stands in for a file of the book that cannot be read, so the pane says what
// is wrong instead of going blank.
func (m *model) missingDocument(path string, err error) *document {
	md := fmt.Sprintf("# %s\n\nThis page is not in the book yet: %v.\n", path, err)
	for _, s := range m.book.Steps {
		if s.Lesson == path {
			md += fmt.Sprintf("\n- Step %s (%s): its file is `%s`.\n", s.ID, s.Title, m.editFile[s.ID])
		}
	}
	if strings.Contains(md, "- Step") {
		md += "\nThe steps can still be checked (c), hinted (h) and edited (e).\n"
	}
	return newDocument(path, []byte(md))
}

// open shows a file of the book, scrolled to the heading with the given anchor ("" for the top).
func (m *model) open(path, headingAnchor string) tea.Cmd {
	d, err := m.document(path)
	if err != nil {
		d = m.missingDocument(path, err)
	}
	if m.les.doc != d {
		m.les = lessonView{doc: d}
		m.search = search{}
		m.renderGen++
		m.compose()
	}
	p := 0
	if headingAnchor != "" {
		if j := d.headingPiece(headingAnchor); j >= 0 {
			p = j
		}
	}
	m.les.top = anchor{p, 0}
	return m.nextRender()
}

// compose lays the open document's pieces out at the pane width, from cached renders where
// there are some and raw text elsewhere.
func (m *model) compose() {
	d := m.les.doc
	if d == nil || m.width <= 0 {
		return
	}
	w := m.paneWidth()
	lines := m.les.lines[:0] // composing never reads the old lines: reuse their array
	starts := m.les.starts[:0]
	for i, p := range d.pieces {
		starts = append(starts, len(lines))
		body := m.pieceLines(d, i, w).lines
		if p.kind == pieceCallout {
			body = m.framed(d, i, w)
		}
		lines = append(lines, body...)
		lines = append(lines, "")
	}
	starts = append(starts, len(lines))
	m.les.lines, m.les.starts = lines, starts
	if m.search.query != "" {
		m.search.find(m.les.lines, m.les.viewTop(m.bodyHeight()))
	}
}

// pieceLines returns piece i of d in a pane of width w: rendered if it has been, else raw (and
// cached).
func (m *model) pieceLines(d *document, i, w int) pieceLines {
	k := keyOf(d, i, w)
	if pl, ok := m.cache[k]; ok {
		return pl
	}
	pl := pieceLines{lines: rawPiece(d, i, k.width)}
	m.cache[k] = pl
	return pl
}

// framed returns callout piece i framed, from a cache: a frame only changes with the piece's
// lines and the state it shows.
func (m *model) framed(d *document, i, w int) []string {
	pl := m.pieceLines(d, i, w)
	k := frameKey{keyOf(d, i, w), m.frameState(d, i), pl.rendered}
	if f, ok := m.frames[k]; ok {
		return f
	}
	f := m.frameCallout(d, i, pl.lines, w)
	m.frames[k] = f
	return f
}

// frameKey names one framed callout: the piece, what its frame says, and whether its text is
// rendered yet.
type frameKey struct {
	pieceKey
	state    string
	rendered bool
}

func (m *model) rendered(d *document, i, w int) bool {
	return m.cache[keyOf(d, i, w)].rendered
}

// nextRender starts rendering the next piece that needs it: the visible pieces first, then
// those below, then those above. One render runs at a time, so keys are handled between
// pieces and the visible part never waits behind the rest.
func (m *model) nextRender() tea.Cmd {
	d := m.les.doc
	if d == nil || m.width <= 0 || m.chainGen == m.renderGen {
		return nil
	}
	i := m.nextPiece()
	if i < 0 {
		m.chainGen = 0
		return nil
	}
	m.chainGen = m.renderGen
	return renderCmd(m.pool, d, i, m.paneWidth(), m.renderGen)
}

func (m *model) nextPiece() int {
	d, w := m.les.doc, m.paneWidth()
	h := m.bodyHeight()
	top := m.les.viewTop(h)
	p0 := m.les.pieceAt(top)
	for i := p0; i < len(d.pieces) && m.les.starts[i] < top+h; i++ {
		if !m.rendered(d, i, w) {
			return i
		}
	}
	for i := p0; i < len(d.pieces); i++ {
		if !m.rendered(d, i, w) {
			return i
		}
	}
	for i := p0 - 1; i >= 0; i-- {
		if !m.rendered(d, i, w) {
			return i
		}
	}
	return -1
}

// pieceRendered stores a rendered piece and starts the next render.
func (m *model) pieceRendered(msg pieceRenderedMsg) tea.Cmd {
	if msg.width == pieceWidth(msg.kind, m.paneWidth()) {
		k := pieceKey{msg.path, msg.piece, msg.width}
		if msg.err != nil {
			// Keep the raw text, and do not try again.
			pl := m.cache[k]
			pl.rendered = true
			m.cache[k] = pl
			m.setMessage(msg.err.Error(), true)
		} else {
			m.cache[k] = pieceLines{lines: msg.lines, rendered: true}
		}
		if m.les.doc != nil && msg.path == m.les.doc.path {
			m.compose()
		}
	}
	if msg.gen != m.renderGen {
		return nil
	}
	m.chainGen = 0
	return m.nextRender()
}

// firstScreenRendered reports whether every piece visible in the lesson body is rendered.
func (m *model) firstScreenRendered() bool {
	d := m.les.doc
	if d == nil {
		return false
	}
	w, h := m.paneWidth(), m.bodyHeight()
	top := m.les.viewTop(h)
	for i := m.les.pieceAt(top); i < len(d.pieces) && m.les.starts[i] < top+h; i++ {
		if !m.rendered(d, i, w) {
			return false
		}
	}
	return true
}

// scroll moves the view by n lines in a body of the given height.
func (v *lessonView) scroll(n, height int) { v.setTopLine(v.viewTop(height)+n, height) }

// jumpHeading moves to the next (dir > 0) or previous heading, and reports false when there
// is no heading further down to move to.
func (v *lessonView) jumpHeading(dir, height int) bool {
	d := v.doc
	if d == nil {
		return true
	}
	top := v.viewTop(height)
	if dir > 0 {
		if top < v.maxTop(height) {
			for i, p := range d.pieces {
				if p.heading >= 0 && v.starts[i] > top {
					v.top = anchor{i, 0}
					return true
				}
			}
		}
		return false
	}
	for i := len(d.pieces) - 1; i >= 0; i-- {
		if p := d.pieces[i]; p.heading >= 0 && v.starts[i] < top {
			v.top = anchor{i, 0}
			return true
		}
	}
	v.top = anchor{}
	return true
}

// headingAt returns the text of the heading the given line falls under.
func (v *lessonView) headingAt(line int) string {
	d := v.doc
	if d == nil {
		return ""
	}
	for i := v.pieceAt(line); i >= 0; i-- {
		if h := d.pieces[i].heading; h >= 0 {
			return d.les.Headings[h].Text
		}
	}
	return ""
}
