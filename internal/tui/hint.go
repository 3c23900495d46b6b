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

func (m *model) hintShown(msg hintMsg) {
	if msg.err != nil && msg.total == 0 {
		m.setMessage(fmt.Sprintf("%s has no hints; s shows the solution", msg.step), false)
		return
	}
	if msg.err != nil {
		// The hint was revealed but progress could not be saved: show it anyway.
		m.setMessage("could not save progress: "+msg.err.Error(), true)
	} else if msg.n == msg.total {
		m.setMessage(fmt.Sprintf("hint %d of %d: the last one · s shows the solution", msg.n, msg.total), false)
	} else {
		m.setMessage(fmt.Sprintf("hint %d of %d · h again for the next", msg.n, msg.total), false)
	}
	hint := msg.hint
	m.panel = &panel{kind: panelHint, textView: textView{
		title: fmt.Sprintf("Hint %d/%d · %s", msg.n, msg.total, msg.step),
		build: func(w int) []string { return hintLines(m.st, hint, w) },
	}}
	m.panel.rebuild(m.paneWidth())
}
