package tui

import (
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"

	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// handleKey routes a key by mode: a question waiting for y/n takes every key, then a search
// being typed, then the screen over the panes, then the panes themselves.
func (m *model) handleKey(msg tea.KeyMsg) tea.Cmd {
	if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
		// Keys typed quickly can arrive in one read ("/deadline"): handle them one by one.
		var cmds []tea.Cmd
		for _, r := range msg.Runes {
			cmds = append(cmds, m.handleKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt}))
		}
		return tea.Batch(cmds...)
	}
	k := msg.String()
	if k == "ctrl+c" || (m.quitting && key.Matches(msg, m.keys.Quit)) {
		return m.quit()
	}
	if m.quitting {
		return nil // stopping the check: nothing else starts now
	}
	switch {
	case m.confirm != nil:
		return m.confirmKey(msg)
	case m.search.typing:
		if msg, bad, set := m.search.typeKey(k, msg.Runes, &m.les, m.bodyHeight()); set {
			m.setMessage(msg, bad)
		}
		return m.nextRender()
	case m.overlay != nil:
		return m.overlayKey(msg)
	}
	return m.paneKey(msg)
}

// quit stops a running check and quits. Progress is saved by Run once the program has
// stopped. A check takes a moment to stop (its go test is killed): until it has, the status
// line says so and the program waits, at most quitWait; q or ctrl+c again quits at once.
func (m *model) quit() tea.Cmd {
	m.sh.cancel()
	if m.checkCh == nil || m.run == nil || m.quitting {
		return tea.Quit
	}
	m.quitting = true
	m.recheck = false
	m.confirm, m.overlay = nil, nil
	m.setMessage(fmt.Sprintf("stopping the check of %s, then quitting…", m.run.step.ID), false)
	return tea.Tick(quitWait, func(time.Time) tea.Msg { return tea.QuitMsg{} })
}

// quitWait is how long quitting waits for a running check to stop.
const quitWait = 3 * time.Second

func (m *model) confirmKey(msg tea.KeyMsg) tea.Cmd {
	switch {
	case key.Matches(msg, m.keys.Yes):
		c := m.confirm
		m.confirm = nil
		m.setMessage("", false)
		return c.yes() // may set a message of its own
	case key.Matches(msg, m.keys.No):
		m.confirm = nil
		m.setMessage("cancelled", false)
	}
	return nil
}

func (m *model) overlayKey(msg tea.KeyMsg) tea.Cmd {
	o := m.overlay
	h := m.mainHeight() - 1
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.quit()
	case key.Matches(msg, m.keys.Back):
		m.overlay = nil
		m.setMessage("", false)
	case key.Matches(msg, m.keys.Help):
		if o.kind == overlayHelp {
			m.overlay = nil
		} else {
			m.overlay = newHelp(m.st, m.keys, m.width)
		}
	case o.kind == overlayDiff && key.Matches(msg, m.keys.Apply):
		return m.applyKey()
	default:
		if n, ok := m.keys.scrollAmount(msg, h); ok {
			o.scrollBy(n, h)
		}
	}
	return nil
}

// bottom is the scroll amount of "go to the bottom".
const bottom = 1 << 30

// scrollAmount turns a movement key into a number of lines for a view of the given height.
func (k keyMap) scrollAmount(msg tea.KeyMsg, height int) (int, bool) {
	page := max(height-2, 1)
	switch {
	case key.Matches(msg, k.Up):
		return -1, true
	case key.Matches(msg, k.Down):
		return 1, true
	case key.Matches(msg, k.PageUp):
		return -page, true
	case key.Matches(msg, k.PageDown):
		return page, true
	case key.Matches(msg, k.HalfUp):
		return -max(height/2, 1), true
	case key.Matches(msg, k.HalfDown):
		return max(height/2, 1), true
	case key.Matches(msg, k.Top):
		return -bottom, true
	case key.Matches(msg, k.Bottom):
		return bottom, true
	}
	return 0, false
}

func (m *model) paneKey(msg tea.KeyMsg) tea.Cmd {
	ks := m.keys
	searching := m.search.query != ""
	switch {
	case key.Matches(msg, ks.Quit):
		return m.quit()
	case key.Matches(msg, ks.Help):
		m.overlay = newHelp(m.st, m.keys, m.width)
	case key.Matches(msg, ks.Back):
		m.back()
	case key.Matches(msg, ks.Search):
		if m.les.doc != nil {
			m.search.start(m.les.viewTop(m.bodyHeight()))
		}
	case searching && key.Matches(msg, ks.NextMatch):
		m.setMessage(m.search.next(1, &m.les, m.bodyHeight()))
		return m.nextRender()
	case searching && key.Matches(msg, ks.PrevMatch):
		m.setMessage(m.search.next(-1, &m.les, m.bodyHeight()))
		return m.nextRender()
	case key.Matches(msg, ks.PrevMatch):
		m.setMessage("N moves back through search matches: search first with /", false)
	case key.Matches(msg, ks.NextStep):
		return m.stepKey(1)
	case key.Matches(msg, ks.PrevStep):
		return m.stepKey(-1)
	case key.Matches(msg, ks.Check):
		return m.checkKey()
	case key.Matches(msg, ks.Watch):
		return m.watchKey()
	case key.Matches(msg, ks.Hint):
		return m.hintKey()
	case key.Matches(msg, ks.Solution):
		return m.solutionKey()
	case key.Matches(msg, ks.Reset):
		return m.resetKey()
	case key.Matches(msg, ks.Edit):
		return m.editKey()
	case key.Matches(msg, ks.Start):
		return m.startKey()
	case key.Matches(msg, ks.Tree):
		m.treeHidden = !m.treeHidden
		if m.treeHidden && m.focus == focusTree {
			m.focus = focusLesson
		}
		m.widthChanged()
		return tea.Batch(m.nextRender(), m.renderPanel())
	case key.Matches(msg, ks.Focus):
		m.focus = m.focus.cycle(msg.String() == "shift+tab", m.treeWidth() > 0, m.panel != nil)
	case key.Matches(msg, ks.FocusTree):
		if m.treeWidth() > 0 {
			m.focus = focusTree
		}
	case key.Matches(msg, ks.FocusLesson):
		m.focus = focusLesson
	case key.Matches(msg, ks.Open):
		if m.focus == focusTree {
			m.focus = focusLesson
			return m.openRow(m.tree.cursor)
		}
	case key.Matches(msg, ks.NextHeading):
		if !m.les.jumpHeading(1, m.bodyHeight()) {
			m.setMessage("no more headings below", false)
		}
		return m.nextRender()
	case key.Matches(msg, ks.PrevHeading):
		m.les.jumpHeading(-1, m.bodyHeight())
		return m.nextRender()
	default:
		return m.scrollKey(msg)
	}
	return nil
}

// scrollKey moves whatever has the focus.
func (m *model) scrollKey(msg tea.KeyMsg) tea.Cmd {
	switch m.focus {
	case focusTree:
		// Moving the cursor opens what it lands on.
		n, ok := m.keys.scrollAmount(msg, m.treeHeight())
		if !ok || !m.tree.move(n, m.treeHeight()) {
			return nil
		}
		return m.openRow(m.tree.cursor)
	case focusPanel:
		if m.panel != nil {
			h := m.panelHeight() - 1
			if n, ok := m.keys.scrollAmount(msg, h); ok {
				m.panel.scrollBy(n, h)
			}
			return nil
		}
	}
	n, ok := m.keys.scrollAmount(msg, m.bodyHeight())
	if !ok {
		return nil
	}
	m.les.scroll(n, m.bodyHeight())
	return m.nextRender()
}

// back closes the innermost thing: the search, the panel, the warning, the message.
func (m *model) back() {
	switch {
	case m.search.query != "":
		m.search = search{}
		m.setMessage("search ended · n is the next step again", false)
	case m.panel != nil:
		m.panel = nil
		if m.focus == focusPanel {
			m.focus = focusLesson
		}
	case m.warning != "":
		m.warning = ""
	case m.message != "":
		m.setMessage("", false)
	}
}

// cycle returns the pane after f (before it, backwards) in the order step list, lesson, panel,
// skipping the step list when it is hidden and the panel when there is none.
func (f focus) cycle(backwards, tree, panel bool) focus {
	order := []focus{focusTree, focusLesson, focusPanel}
	can := func(f focus) bool { return (f != focusTree || tree) && (f != focusPanel || panel) }
	i := int(f)
	for range order {
		if backwards {
			i = (i + len(order) - 1) % len(order)
		} else {
			i = (i + 1) % len(order)
		}
		if can(order[i]) {
			return order[i]
		}
	}
	return f
}

// newHelp is the ? screen, laid out at the given width.
func newHelp(st styles, keys keyMap, width int) *overlay {
	o := &overlay{kind: overlayHelp, textView: textView{
		title: "Keys",
		build: func(w int) []string { return helpLines(st, keys, w) },
	}}
	o.rebuild(width)
	return o
}

// openRow opens a row of the step list; a step row also selects the step.
func (m *model) openRow(i int) tea.Cmd {
	if i < 0 || i >= len(m.tree.rows) {
		return nil
	}
	m.tree.cursor = i
	m.tree.ensureVisible(m.treeHeight())
	r := m.tree.rows[i]
	if r.kind == rowStep {
		m.setStep(r.step)
		return tea.Batch(m.open(r.path, r.anchor), m.scheduleSave())
	}
	return m.open(r.path, r.anchor)
}

// selectStep makes s the selected step and opens its lesson at its section.
func (m *model) selectStep(s *steps.Step) tea.Cmd {
	m.setStep(s)
	if i := m.tree.rowOfStep(s.ID); i >= 0 {
		m.tree.cursor = i
		m.tree.ensureVisible(m.treeHeight())
	}
	return m.open(s.Lesson, s.Anchor)
}

// setStep changes the selected step. A finished check's result or a hint about the step left
// behind is closed, so it cannot be read as being about the new one. The open lesson is
// composed again: the frames of the step left behind and of the new one say which is selected,
// and when both are in the same lesson nothing else would redraw them.
func (m *model) setStep(s *steps.Step) {
	if m.step == s {
		return
	}
	if m.step != nil && m.panel != nil && m.checkCh == nil {
		m.panel = nil
		if m.focus == focusPanel {
			m.focus = focusLesson
		}
	}
	m.step = s
	m.compose()
}

// stepKey moves to the next (dir > 0) or previous step in book order.
func (m *model) stepKey(dir int) tea.Cmd {
	if m.step == nil {
		return nil
	}
	i := m.step.Index + dir
	if i < 0 {
		m.setMessage("this is the first step", false)
		return nil
	}
	if i >= len(m.book.Steps) {
		m.setMessage("this is the last step", false)
		return nil
	}
	s := m.book.Steps[i]
	m.setMessage("", false)
	return tea.Batch(m.selectStep(s), m.scheduleSave()) // browsing writes nothing
}

// handleMouse scrolls the pane under the pointer and opens a clicked row of the step list.
func (m *model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if msg.Action != tea.MouseActionPress {
		return nil
	}
	delta := 0
	switch msg.Button {
	case tea.MouseButtonWheelUp:
		delta = -3
	case tea.MouseButtonWheelDown:
		delta = 3
	case tea.MouseButtonLeft:
		if m.overlay == nil && msg.X < m.treeWidth() && msg.Y >= 2 && msg.Y < m.mainHeight() {
			m.focus = focusTree
			return m.openRow(m.tree.off + msg.Y - 2)
		}
		return nil
	default:
		return nil
	}
	switch {
	case m.overlay != nil:
		m.overlay.scroll(delta, m.mainHeight()-1)
	case msg.X < m.treeWidth():
		m.tree.scroll(delta, m.treeHeight())
	case m.panel != nil && msg.Y >= m.mainHeight()-m.panelHeight():
		m.panel.scroll(delta, m.panelHeight()-1)
	default:
		m.les.scroll(delta, m.bodyHeight())
		return m.nextRender()
	}
	return nil
}
