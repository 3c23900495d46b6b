package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Minimum usable size; below it the TUI says so instead of drawing a broken layout.
const (
	minWidth  = 40
	minHeight = 10
)

// ---- layout -----------------------------------------------------------------------------
//
//	┌ step list ┬ lesson title bar ────────────────┐
//	│ progress  │ lesson body                      │
//	│ rows      │                                  │
//	│           ├ panel title (check result/hint) ─┤
//	│           │ panel body                       │
//	├───────────┴──────────────────────────────────┤
//	│ status line (1-4 lines)                      │
//	│ key line                                     │
//	└──────────────────────────────────────────────┘

// treeWidth is the step list's width; 0 when it is hidden (by t, or on a narrow terminal).
func (m *model) treeWidth() int {
	if m.treeHidden || m.width < 60 {
		return 0
	}
	return max(22, min(m.width*3/10, 34))
}

// paneWidth is the width of the lesson pane.
func (m *model) paneWidth() int {
	if tw := m.treeWidth(); tw > 0 {
		return m.width - tw - 1
	}
	return m.width
}

// mainHeight is the height above the status and key lines.
func (m *model) mainHeight() int { return max(m.height-1-len(m.statusLines()), 1) }

func (m *model) treeHeight() int { return max(m.mainHeight()-2, 1) }

// panelHeight is the panel's height including its title rule; 0 without a panel.
func (m *model) panelHeight() int {
	if m.panel == nil {
		return 0
	}
	room := m.mainHeight() - 1
	return min(len(m.panel.lines)+1, max(4, room*2/5))
}

// bodyHeight is the number of lesson lines on screen.
func (m *model) bodyHeight() int { return max(m.mainHeight()-1-m.panelHeight(), 1) }

// ---- drawing ----------------------------------------------------------------------------

// View draws the screen.
func (m *model) View() string {
	if m.width <= 0 || m.height <= 0 {
		return ""
	}
	if m.width < minWidth || m.height < minHeight {
		return fit(fmt.Sprintf("learn needs at least %d×%d; this terminal is %d×%d", minWidth, minHeight, m.width, m.height), m.width)
	}
	status := m.statusLines()
	mainH := m.height - 1 - len(status)
	var rows []string
	if m.overlay != nil {
		rows = m.overlay.draw(m.st, m.width, mainH)
	} else {
		right := m.rightView(m.paneWidth(), mainH)
		if tw := m.treeWidth(); tw > 0 {
			left := m.tree.view(m.st, m.status, m.currentStep(), tw, mainH, m.focus == focusTree)
			sep := m.st.rule.Render("│")
			for i := range right {
				right[i] = left[i] + sep + right[i]
			}
		}
		rows = right
	}
	rows = append(rows, status...)
	rows = append(rows, m.keyLine())
	return strings.Join(rows, "\n")
}

// rightView draws the lesson pane: title bar, lesson body, and the panel if there is one.
func (m *model) rightView(width, height int) []string {
	out := make([]string, 0, height)
	out = append(out, m.titleBar(width))
	bodyH := m.bodyHeight()
	top := m.les.viewTop(bodyH)
	for i := top; i < top+bodyH; i++ {
		if i < len(m.les.lines) {
			out = append(out, fit(m.search.highlight(m.st, i, m.les.lines[i]), width))
		} else {
			out = append(out, strings.Repeat(" ", width))
		}
	}
	if m.panel != nil {
		out = append(out, m.panel.draw(m.st, width, m.panelHeight(), m.focus == focusPanel)...)
	}
	for len(out) < height {
		out = append(out, strings.Repeat(" ", width))
	}
	return out[:height]
}

// titleBar is the lesson's title on the left; the selected step and the scroll position on
// the right.
func (m *model) titleBar(width int) string {
	title := "(nothing open)"
	if m.les.doc != nil {
		title = m.les.doc.title
	}
	style, mark := m.st.dim, " "
	if m.focus == focusLesson {
		style, mark = m.st.title, m.st.title.Render(focusMark)
	}
	right := ""
	if m.step != nil {
		cur := m.currentStep()
		right = m.st.mark(m.status[m.step.ID], cur != nil && cur.ID == m.step.ID) + " " + m.step.ID
	}
	if h := m.bodyHeight(); m.les.doc != nil {
		pct := 100
		if mt := m.les.maxTop(h); mt > 0 {
			pct = m.les.viewTop(h) * 100 / mt
		}
		right += fmt.Sprintf(" %3d%%", pct)
	}
	rw := ansi.StringWidth(right)
	left := fit(mark+" "+style.Render(title), max(width-rw-1, 0))
	return fit(left+" "+right, width)
}

// statusLines are the status area: a question, the search being typed, or the warnings and
// the last message, wrapped to at most five lines.
func (m *model) statusLines() []string {
	w := max(m.width, 1)
	var lines []string
	add := func(s string, style func(...string) string) {
		for part := range strings.SplitSeq(s, "\n") {
			for _, l := range wrapIndent(part, w) {
				if style != nil {
					l = style(l)
				}
				lines = append(lines, fit(l, w))
			}
		}
	}
	switch {
	case m.confirm != nil:
		add(m.confirm.prompt, m.st.warn.Render)
	case m.search.typing:
		add("/"+m.search.input+"▏", nil)
	default:
		if m.warning != "" {
			add(m.warning, m.st.warn.Render)
		}
		msg := m.message
		if msg == "" && m.search.query != "" {
			msg = m.search.status()
		}
		if m.watcher != nil {
			msg = "[watching] " + msg
		}
		if m.messageBad {
			add(msg, m.st.fail.Render)
		} else {
			add(msg, nil)
		}
	}
	if len(lines) > 5 {
		lines = lines[:5]
		lines[4] = fit(ansi.Truncate(strings.TrimRight(lines[4], " "), w-1, "")+"…", w)
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// keyLine is the always-visible line of keys for the current mode. When the full line does not
// fit, the least needed keys go first; ? and q always stay.
func (m *model) keyLine() string {
	ks := m.keys
	var items []hintItem
	switch {
	case m.confirm != nil:
		items = []hintItem{item(ks.Yes, "yes"), item(ks.No, "no")}
	case m.search.typing:
		items = []hintItem{{"enter", "keep the search"}, {"esc", "cancel"}}
	case m.overlay != nil && m.overlay.kind == overlayDiff:
		items = []hintItem{item(ks.Apply, "apply"), {"↑/↓", "scroll"}, item(ks.Back, "back"), item(ks.Quit, "quit")}
	case m.overlay != nil:
		items = []hintItem{{"↑/↓", "scroll"}, item(ks.Back, "back"), item(ks.Quit, "quit")}
	default:
		if m.search.query != "" {
			items = append(items, hintItem{"n/N", "match"}, item(ks.Back, "end search"))
		} else {
			items = append(items, hintItem{"n/p", "step"})
		}
		items = append(items, item(ks.Check, "check"), item(ks.Hint, "hint"), item(ks.Edit, "edit"),
			item(ks.Watch, "watch"), item(ks.Solution, "solution"), item(ks.Reset, "reset"),
			item(ks.Search, "search"), item(ks.Focus, "pane"), item(ks.Help, "keys"), item(ks.Quit, "quit"))
	}
	render := func(items []hintItem) string {
		parts := make([]string, len(items))
		for i, it := range items {
			parts[i] = m.st.keyName.Render(it.key) + " " + m.st.keyDesc.Render(it.desc)
		}
		return strings.Join(parts, "  ")
	}
	// Drop from the end of the optional part until it fits, keeping the last two (? and q).
	for len(items) > 2 && ansi.StringWidth(render(items)) > m.width {
		items = append(items[:len(items)-3], items[len(items)-2:]...)
	}
	return fit(render(items), m.width)
}
