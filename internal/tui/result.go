package tui

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// checkRun is one press of c (or one save in watch mode): the step's own verdict first, then
// those of the earlier steps it builds on, as they arrive.
type checkRun struct {
	step    *steps.Step
	results []workbook.StepResult
	err     error // the checker could not run at all
	done    bool
	again   bool // another check is queued: this one's verdict is about to be replaced
}

// runLines lays out a check run for the panel.
func runLines(st styles, run *checkRun, headline func(*checker.Result) string, width int) []string {
	var out []string
	if run.again && !run.done {
		out = append(out, st.warn.Render("c again: checking again when this check ends"), "")
	}
	if len(run.results) == 0 && !run.done {
		out = append(out, st.dim.Render(fmt.Sprintf("checking %s…", run.step.ID)))
	}
	for i, r := range run.results {
		if i == 1 {
			out = append(out, "", st.bold.Render("Earlier steps this one builds on:"))
		}
		out = append(out, verdictLines(st, r, headline(r.Result), width)...)
		if r.Result.Status != checker.Passed {
			out = append(out, detailLines(st, r.Result, width)...)
		}
	}
	if len(run.results) > 0 && !run.done {
		out = append(out, st.dim.Render("checking the earlier steps this one builds on…"))
	}
	if run.err != nil {
		for _, l := range wrapIndent("could not run the check: "+run.err.Error(), width) {
			out = append(out, st.fail.Render(l))
		}
	}
	return out
}

// verdictLines are "✓ 01.02-echo-once passed (4 tests, 1.3s)" or "✗ 01.02-echo-once failed:
// TestEcho", wrapped to the width, the lines after the first indented under the step id.
func verdictLines(st styles, r workbook.StepResult, headline string, width int) []string {
	passed := r.Result.Status == checker.Passed
	mark := markFailed
	if passed {
		mark = markPassed
	}
	head := mark + " " + r.Step.ID + " "
	lines := wrapIndent(head+headline, max(width-2, 10))
	for i, l := range lines {
		switch {
		case i > 0 && passed:
			lines[i] = "  " + l
		case i > 0:
			lines[i] = st.fail.Render("  " + l)
		case passed: // the mark and the step in green, the numbers plain
			lines[i] = st.pass.Render(head) + strings.TrimPrefix(l, head)
		default:
			lines[i] = st.fail.Render(l)
		}
	}
	return lines
}

var (
	locationLine = regexp.MustCompile(`^\S+\.go:\d+`)
	sourceLine   = regexp.MustCompile(`^\s+\d+ \| `)
	caretLine    = regexp.MustCompile(`^\s+\|\s*\^$`)
)

// detailLines are what a learner needs beyond the headline: each failing test's message,
// compile errors as file:line with the offending source line, a panic's or a timeout's frames
// with the learner's own frames first and in bold.
func detailLines(st styles, res *checker.Result, width int) []string {
	var out []string
	add := func(l string, style func(...string) string) {
		lines := wrapIndent(l, width)
		if sourceLine.MatchString(l) || caretLine.MatchString(l) {
			// A line of source and the caret under it stay lines: wrapped, the caret
			// would point at the wrong column.
			lines = cutLines([]string{l}, width)
		}
		for _, w := range lines {
			if style != nil {
				w = style(w)
			}
			out = append(out, w)
		}
	}
	lines := strings.Split(strings.TrimRight(cleanText(res.Details()), "\n"), "\n")
	if tr := trace(res); tr != nil {
		// Details ends with the frames, one per line: bold the learner's own, dim the rest.
		first := len(lines) - len(tr.Frames)
		for i, l := range lines {
			switch {
			case i < first:
				add(l, nil)
			case tr.Frames[i-first].Learner:
				add(l, st.bold.Render)
			default:
				add(l, st.dim.Render)
			}
		}
		return out
	}
	for _, l := range lines {
		switch {
		case res.Status == checker.BuildFailed && locationLine.MatchString(l):
			add(l, st.bold.Render)
		case caretLine.MatchString(l):
			add(l, st.fail.Render)
		case res.Status == checker.Failed && l != "" && !strings.HasPrefix(l, " "):
			add(l, st.bold.Render) // a test's name
		default:
			add(l, nil)
		}
	}
	return out
}

// trace returns the panic or timeout report of res, or nil.
func trace(res *checker.Result) *checker.Trace {
	switch res.Status {
	case checker.Panicked:
		return res.Panic
	case checker.TimedOut:
		return res.Timeout
	}
	return nil
}

// wrapIndent wraps a line to width, indenting continuation lines as the line is indented.
func wrapIndent(l string, width int) []string {
	if width <= 0 || ansi.StringWidth(l) <= width {
		return []string{l}
	}
	body := strings.TrimLeft(l, " ")
	indent := strings.Repeat(" ", min(len(l)-len(body), width/2))
	var out []string
	for w := range strings.SplitSeq(ansi.Wrap(body, max(width-len(indent), 10), ""), "\n") {
		out = append(out, indent+w)
	}
	return out
}

// diffLines lays out the learner's files against the reference.
func diffLines(st styles, stepID string, diffs []workbook.FileDiff, rel func(string) string, width int) []string {
	out := wrapIndent(fmt.Sprintf("The reference solution of %s, as a diff against your files: "+
		"lines with - are yours, lines with + are the reference's.", stepID), width)
	out = append(out, st.dim.Render("a: write the reference over your files (asks first; yours are backed up) · esc: back"), "")
	for _, d := range diffs {
		out = append(out, st.bold.Render(rel(d.Path)))
		switch {
		case d.Missing:
			out = append(out, st.dim.Render("  you have no such file yet; the reference adds it:"))
		case d.Diff == "":
			out = append(out, st.pass.Render("  "+markPassed+" the same as the reference"), "")
			continue
		}
		for l := range strings.SplitSeq(strings.TrimRight(d.Diff, "\n"), "\n") {
			l = cleanDiffLine(l)
			switch {
			case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
				l = st.bold.Render(l)
			case strings.HasPrefix(l, "@@"):
				l = st.diffHunk.Render(l)
			case strings.HasPrefix(l, "+"):
				l = st.diffAdd.Render(l)
			case strings.HasPrefix(l, "-"):
				l = st.diffDel.Render(l)
			}
			out = append(out, l)
		}
		out = append(out, "")
	}
	return out
}

// cleanDiffLine cleans a line of a unified diff. The tab stops of the text start after the
// line's first column (" ", "-" or "+"), so the learner's and the reference's lines line up as
// they do in an editor.
func cleanDiffLine(l string) string {
	if l == "" || strings.HasPrefix(l, "+++") || strings.HasPrefix(l, "---") || strings.HasPrefix(l, "@@") {
		return cleanText(strings.ReplaceAll(l, "\n", " "))
	}
	return cleanText(l[:1]) + cleanText(l[1:])
}

// helpLines lays out the ? screen from the key map.
func helpLines(st styles, k keyMap, width int) []string {
	var out []string
	for _, g := range k.fullHelp() {
		out = append(out, st.title.Render(g.title))
		for _, b := range g.keys {
			h := b.Help()
			out = append(out, wrapIndent(fmt.Sprintf("  %-11s %s", h.Key, h.Desc), width)...)
		}
		out = append(out, "")
	}
	notes := []string{
		"n and N: after a search (/, type, enter) n and N move between matches, and the status line " +
			"says so. esc ends the search; n is then the next step again. p is always the previous step.",
		"Marks: " + markPassed + " done   " + markCurrent + " current (the first step not done)   " +
			markFailed + " failing   " + markTodo + " to do.",
		"The step list opens chapters (their README), lessons and steps: move with ↑/↓, enter opens. " +
			"c, w, h, s, r and e act on the step named in the lesson's title bar.",
		"The mouse wheel scrolls the pane under the pointer; a click in the step list opens a row. " +
			"To select text with the mouse, hold Shift (most terminals).",
		"Progress is saved as you go, in workspace/.learn/progress.json. " +
			"From a shell, learn check, hint, solution and reset do the same as these keys.",
	}
	out = append(out, st.title.Render("Notes"))
	for _, n := range notes {
		out = append(out, wrapIndent("  "+n, width)...)
	}
	return out
}

// frameState is everything a callout's frame shows that can change while the program runs.
func (m *model) frameState(d *document, i int) string {
	id := d.les.Callouts[d.pieces[i].callout].Step
	cur := m.currentStep()
	return fmt.Sprint(m.status[id], "|", m.verdict[id], "|", cur != nil && cur.ID == id, "|", m.step != nil && m.step.ID == id, "|", m.started[id])
}

// frameCallout draws a step callout: a frame whose top names the step, with a line saying the
// step's state and the file to edit, around the callout's text.
func (m *model) frameCallout(d *document, i int, body []string, width int) []string {
	c := d.les.Callouts[d.pieces[i].callout]
	inner := calloutInner(proseWidth(width))
	status := m.status[c.Step]
	cur := m.currentStep()
	isCur := cur != nil && cur.ID == c.Step
	border := m.st.todo
	switch {
	case status == statusPassed:
		border = m.st.pass
	case status == statusFailed:
		border = m.st.fail
	case isCur:
		border = m.st.current
	}
	title := " Step " + c.Step
	if c.Title != "" {
		title += ": " + c.Title
	}
	title = ansi.Truncate(title+" ", max(inner-1, 1), "… ")
	top := "  " + border.Render("╭─"+title+strings.Repeat("─", max(inner-1-ansi.StringWidth(title), 0))+"╮")
	side := border.Render("│")
	out := []string{top}
	row := func(s string) { out = append(out, "  "+side+fit(s, inner)+side) }
	if _, ok := m.book.ByID(c.Step); !ok {
		row(" this step is not in the book")
	} else {
		state := " " + m.st.mark(status, isCur) + " " + statusWord(status, isCur)
		if v := m.verdict[c.Step]; v != "" && status != statusTodo {
			state += ": " + v
		}
		row(state)
		switch {
		case m.step != nil && m.step.ID == c.Step && !m.started[c.Step]:
			row(" o start it (adds " + m.editFile[c.Step] + ") · c check · h hint · e edit")
		case m.step != nil && m.step.ID == c.Step:
			row(" edit " + m.editFile[c.Step] + " · c check · h hint · e edit")
		default:
			row(" edit " + m.editFile[c.Step] + " · n/p or the list selects it")
		}
		row("")
	}
	for _, l := range body {
		row(l)
	}
	out = append(out, "  "+border.Render("╰"+strings.Repeat("─", inner)+"╯"))
	return out
}
