package tui

// learn read: a lesson rendered for a terminal, outside the workbook, for learners who live in
// their editor (and outside the repository, where the lessons' files are not on disk).

import (
	"os"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/term"
)

// RenderLesson renders the lesson src (its path names it, "ch03/03.02-reading-files.md") the way
// the workbook shows it: prose at most 100 columns wide, code and diagrams never wrapped, step
// callouts in a frame. Width zero means the terminal's width (80 when standard output is not a
// terminal). With noColor the text holds no escape codes.
func RenderLesson(path string, src []byte, width int, noColor bool) (string, error) {
	if width <= 0 {
		width = 80
		if w, _, err := term.GetSize(os.Stdout.Fd()); err == nil && w > 0 {
			width = w
		}
	}
	d := environment(Options{NoColor: noColor}, os.Getenv)
	pool := newRenderPool(d.style, d.profile)
	doc := newDocument(path, src)
	var b strings.Builder
	for i, p := range doc.pieces {
		lines, err := renderPiece(pool, doc, i, width)
		if err != nil {
			return "", err
		}
		if p.kind == pieceCallout {
			c := doc.les.Callouts[p.callout]
			title := "Step " + c.Step
			if c.Title != "" {
				title += ": " + c.Title
			}
			framed := []string{ansi.Truncate("  ┌─ "+cleanLine(title), width, "…")}
			for _, l := range lines {
				framed = append(framed, "  │ "+l)
			}
			lines = append(framed, "  └─")
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, l := range lines {
			b.WriteString(trimRight(l))
			b.WriteByte('\n')
		}
	}
	return b.String(), nil
}
