package tui

import (
	"strings"

	tea "github.com/charmbracelet/bubbletea"
)

// textView is a scrollable block of text that is laid out again when the width changes: the
// check result and hint panel, the ? screen, the solution diff.
type textView struct {
	title string
	build func(width int) []string
	lines []string
	off   int
}

// textWidth is the width the text is laid out at in a view of the given width: one column of
// margin on each side.
func (v *textView) textWidth(width int) int { return max(width-2, 10) }

func (v *textView) rebuild(width int) {
	v.lines = v.build(v.textWidth(width))
	v.off = max(0, min(v.off, len(v.lines)-1))
}

func (v *textView) scroll(n, height int) {
	v.off = max(0, min(v.off+n, len(v.lines)-height))
}

func (v *textView) toBottom(height int) { v.off = max(0, len(v.lines)-height) }

// scrollBy moves the view by n lines, or to the bottom when n is bottom.
func (v *textView) scrollBy(n, height int) {
	if n == bottom {
		v.toBottom(height)
	} else {
		v.scroll(n, height)
	}
}

// view returns height lines from the scroll position, each fitted to width.
func (v *textView) view(width, height int) []string {
	out := make([]string, 0, height)
	for i := v.off; i < len(v.lines) && len(out) < height; i++ {
		out = append(out, fit(" "+v.lines[i], width))
	}
	for len(out) < height {
		out = append(out, strings.Repeat(" ", max(width, 0)))
	}
	return out
}

// panelKind is what the panel under the lesson shows.
type panelKind int

const (
	panelResult panelKind = iota // a check's verdicts
	panelHint
)

// panel is the area under the lesson that shows a check's verdict or a hint. esc closes it.
type panel struct {
	textView
	kind panelKind
	// A hint is markdown: doc is its source, rendered its lines by width as commands render
	// them (the raw text stands in until then).
	doc      *document
	rendered map[int][]string
}

// draw is the panel under the lesson: its title rule, then its text, height lines in all.
func (p *panel) draw(st styles, width, height int, focused bool) []string {
	out := []string{st.titleRule(p.title, "esc closes", width, focused)}
	return append(out, p.view(width, height-1)...)
}

// overlayKind is what covers the panes.
type overlayKind int

const (
	overlayHelp overlayKind = iota // the ? screen
	overlayDiff                    // the reference solution as a diff
)

// overlay is a screen over both panes; esc goes back to the lesson.
type overlay struct {
	textView
	kind overlayKind
	step string // for the diff: the step it belongs to
}

// draw is the overlay over both panes: its title rule, then its text, height lines in all.
func (o *overlay) draw(st styles, width, height int) []string {
	out := []string{st.titleRule(o.title, "esc: back", width, true)}
	return append(out, o.view(width, height-1)...)
}

// confirm is a yes/no question in the status line. Nothing happens until y.
type confirm struct {
	prompt string
	yes    func() tea.Cmd
}
