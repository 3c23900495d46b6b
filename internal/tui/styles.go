package tui

import (
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/progress"

	"io"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// styles are every look the TUI uses, built once from one lipgloss renderer. With NO_COLOR the
// renderer's profile is Ascii and every style renders plain text: no escape codes at all.
type styles struct {
	noColor bool

	title    lipgloss.Style // pane titles
	dim      lipgloss.Style // secondary text
	selected lipgloss.Style // the selected row of the step list
	chapter  lipgloss.Style // chapter rows
	pass     lipgloss.Style
	fail     lipgloss.Style
	current  lipgloss.Style
	todo     lipgloss.Style
	warn     lipgloss.Style
	keyName  lipgloss.Style
	keyDesc  lipgloss.Style
	rule     lipgloss.Style
	match    lipgloss.Style // a search match
	matchCur lipgloss.Style // the current search match
	diffAdd  lipgloss.Style
	diffDel  lipgloss.Style
	diffHunk lipgloss.Style
	bold     lipgloss.Style
	barDone  lipgloss.Style
	barTodo  lipgloss.Style
}

func newStyles(profile termenv.Profile, dark bool) styles {
	r := lipgloss.NewRenderer(io.Discard)
	r.SetColorProfile(profile)
	// Set explicitly: asking the terminal for its background is slow and can eat keystrokes.
	r.SetHasDarkBackground(dark)
	c := func(light, dark string) lipgloss.AdaptiveColor {
		return lipgloss.AdaptiveColor{Light: light, Dark: dark}
	}
	green, red, yellow, blue := c("#1a7f37", "#3fb950"), c("#cf222e", "#f85149"), c("#9a6700", "#d29922"), c("#0969da", "#58a6ff")
	grey := c("#6e7781", "#8b949e")
	s := styles{
		noColor:  profile == termenv.Ascii,
		title:    r.NewStyle().Bold(true).Foreground(blue),
		dim:      r.NewStyle().Foreground(grey),
		selected: r.NewStyle().Reverse(true),
		chapter:  r.NewStyle().Bold(true),
		pass:     r.NewStyle().Foreground(green),
		fail:     r.NewStyle().Foreground(red),
		current:  r.NewStyle().Foreground(yellow).Bold(true),
		todo:     r.NewStyle().Foreground(grey),
		warn:     r.NewStyle().Foreground(yellow),
		keyName:  r.NewStyle().Bold(true),
		keyDesc:  r.NewStyle().Foreground(grey),
		rule:     r.NewStyle().Foreground(grey),
		match:    r.NewStyle().Underline(true),
		matchCur: r.NewStyle().Reverse(true),
		diffAdd:  r.NewStyle().Foreground(green),
		diffDel:  r.NewStyle().Foreground(red),
		diffHunk: r.NewStyle().Foreground(blue),
		bold:     r.NewStyle().Bold(true),
		barDone:  r.NewStyle().Foreground(green),
		barTodo:  r.NewStyle().Foreground(grey),
	}
	return s
}

// The marks of the step list. They differ in shape, not only in colour, so they read the same
// with NO_COLOR.
const (
	markPassed  = "✓"
	markFailed  = "✗"
	markCurrent = "▸"
	markTodo    = "·"
)

// mark returns a step's mark, styled.
func (s styles) mark(status progress.Status, current bool) string {
	switch {
	case status == statusPassed:
		return s.pass.Render(markPassed)
	case status == statusFailed:
		return s.fail.Render(markFailed)
	case current:
		return s.current.Render(markCurrent)
	}
	return s.todo.Render(markTodo)
}

// Step states as the TUI knows them: the workbook's.
const (
	statusPassed = progress.Passed
	statusFailed = progress.Failed
	statusTodo   = progress.Todo
)

// statusWord describes a step's state for a person.
func statusWord(status progress.Status, current bool) string {
	switch {
	case status == statusPassed:
		return "done"
	case status == statusFailed:
		return "failing"
	case current:
		return "current"
	}
	return "to do"
}

// focusMark starts the title of the pane that has the focus, and that pane's title rule is drawn
// heavy (━): without colour, the marks are how a learner sees where tab moved the focus.
const focusMark = "▶"

// titleRule is a title line: "── title ─────── note", or "━━ ▶ title ━━━━━━ note" when focused.
func (s styles) titleRule(title, note string, width int, focused bool) string {
	style, line := s.dim, "─"
	if focused {
		style, line = s.title, "━"
		title = focusMark + " " + title
	}
	head := s.rule.Render(line+line) + " " + style.Render(title) + " "
	tail := ""
	if note != "" {
		tail = " " + s.dim.Render(note) + " "
	}
	n := width - ansi.StringWidth(head) - ansi.StringWidth(tail)
	if n < 2 {
		return fit(head, width)
	}
	return fit(head+s.rule.Render(strings.Repeat(line, n))+tail, width)
}
