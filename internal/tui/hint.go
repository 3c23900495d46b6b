package tui

// Hints: h reveals the selected step's next hint in the panel under the lesson.

import (
	"fmt"

	tea "github.com/charmbracelet/bubbletea"
)

type hintMsg struct {
	step     string
	hint     string
	n, total int
	err      error
}

func (m *model) hintKey() tea.Cmd {
	if m.step == nil {
		return nil
	}
	s, wb := m.step, m.wb
	m.noteBusy("the hint")
	return m.wbCmd(func() tea.Msg {
		h, n, total, err := wb.NextHint(s)
		return hintMsg{s.ID, h, n, total, err}
	})
}

func (m *model) hintShown(msg hintMsg) tea.Cmd {
	if msg.err != nil && msg.total == 0 {
		m.setMessage(fmt.Sprintf("%s has no hints; s shows the solution", msg.step), false)
		return nil
	}
	if msg.err != nil {
		// The hint was revealed but progress could not be saved: show it anyway.
		m.setMessage("could not save progress: "+msg.err.Error(), true)
	} else if msg.n == msg.total {
		m.setMessage(fmt.Sprintf("hint %d of %d: the last one · s shows the solution", msg.n, msg.total), false)
	} else {
		m.setMessage(fmt.Sprintf("hint %d of %d · h again for the next", msg.n, msg.total), false)
	}
	m.panel = newHintPanel(fmt.Sprintf("Hint %d/%d · %s", msg.n, msg.total, msg.step), msg.hint)
	m.panel.rebuild(m.paneWidth())
	return m.renderPanel()
}

// newHintPanel is a panel that shows a hint's markdown the way lessons are shown: raw text at
// first, then glamour's rendering (renderPanel) once a command has made it.
func newHintPanel(title, hint string) *panel {
	p := &panel{kind: panelHint, doc: newDocument("hint", []byte(hint)), rendered: map[int][]string{}}
	p.title = title
	p.build = func(w int) []string {
		if lines, ok := p.rendered[w]; ok {
			return lines
		}
		return docLines(p.doc, w, rawPiece)
	}
	return p
}

// panelRenderedMsg brings back a panel's markdown rendered at one width.
type panelRenderedMsg struct {
	p     *panel
	width int
	lines []string
}

// renderPanel renders the panel's markdown at the panel's width in a command, unless it has been.
func (m *model) renderPanel() tea.Cmd {
	p := m.panel
	if p == nil || p.doc == nil {
		return nil
	}
	w := p.textWidth(m.paneWidth())
	if _, ok := p.rendered[w]; ok {
		return nil
	}
	pool := m.pool
	return func() tea.Msg {
		return panelRenderedMsg{p, w, docLines(p.doc, w, func(d *document, i, w int) []string {
			lines, err := renderPiece(pool, d, i, w)
			if err != nil {
				return rawPiece(d, i, w)
			}
			return lines
		})}
	}
}

func (m *model) panelRendered(msg panelRenderedMsg) {
	msg.p.rendered[msg.width] = msg.lines
	if msg.p == m.panel {
		m.panel.rebuild(m.paneWidth())
	}
}

// docLines lays out every piece of a small document (a hint) one after another.
func docLines(d *document, w int, piece func(d *document, i, w int) []string) []string {
	var out []string
	for i := range d.pieces {
		if i > 0 {
			out = append(out, "")
		}
		out = append(out, piece(d, i, w)...)
	}
	return out
}
