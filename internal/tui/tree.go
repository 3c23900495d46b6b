package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/progress"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// rowKind is what a row of the step list opens.
type rowKind int

const (
	rowChapter rowKind = iota // the chapter's README
	rowLesson                 // a lesson, from the top
	rowStep                   // a step: its lesson, at the section that introduces it
)

// A row is one line of the step list.
type row struct {
	kind   rowKind
	label  string
	path   string // the markdown file it opens
	anchor string // heading to scroll to
	step   *steps.Step
	indent int
}

// tree is the step list: chapters, their lessons, and each lesson's steps.
type tree struct {
	rows   []row
	cursor int
	off    int // first row shown
}

// buildTree lays out the book: chapter → lesson → steps. Steps whose lesson is not in the
// chapter list still appear, under their chapter or at the end, so none is unreachable.
func buildTree(chs []chapters.Chapter, book *steps.Book) tree {
	byLesson := map[string][]*steps.Step{}
	for _, s := range book.Steps {
		byLesson[s.Lesson] = append(byLesson[s.Lesson], s)
	}
	placed := map[string]bool{}
	stepRow := func(s *steps.Step, indent int) row {
		placed[s.ID] = true
		return row{kind: rowStep, label: cleanLine(s.Title), path: s.Lesson, anchor: s.Anchor, step: s, indent: indent}
	}
	var t tree
	for _, ch := range chs {
		label := cleanLine(ch.Title)
		if steps.OptionalChapter(ch.Dir) {
			label += " (optional)"
		}
		t.rows = append(t.rows, row{kind: rowChapter, label: label, path: ch.Intro()})
		for _, l := range ch.Lessons {
			t.rows = append(t.rows, row{kind: rowLesson, label: cleanLine(l.Title), path: l.Path, indent: 1})
			for _, s := range byLesson[l.Path] {
				t.rows = append(t.rows, stepRow(s, 2))
			}
		}
		for _, s := range book.Steps {
			if s.Chapter == ch.Dir && !placed[s.ID] {
				t.rows = append(t.rows, stepRow(s, 1))
			}
		}
	}
	var rest []row
	for _, s := range book.Steps {
		if !placed[s.ID] {
			rest = append(rest, stepRow(s, 1))
		}
	}
	if len(rest) > 0 {
		t.rows = append(t.rows, row{kind: rowChapter, label: "Other steps", path: rest[0].path})
		t.rows = append(t.rows, rest...)
	}
	return t
}

// rowOfStep returns the row of step id, or -1.
// firstLesson returns the row of the book's first lesson (0 when there is none).
func (t *tree) firstLesson() int {
	for i, r := range t.rows {
		if r.kind == rowLesson {
			return i
		}
	}
	return 0
}

// firstLessonOf returns the row of the first lesson of chapter dir ("ch01"), or the book's
// first lesson when the chapter has none in the list.
func (t *tree) firstLessonOf(dir string) int {
	for i, r := range t.rows {
		if r.kind == rowLesson && strings.HasPrefix(r.path, dir+"/") {
			return i
		}
	}
	return t.firstLesson()
}

func (t *tree) rowOfStep(id string) int {
	for i, r := range t.rows {
		if r.kind == rowStep && r.step.ID == id {
			return i
		}
	}
	return -1
}

// ensureVisible scrolls so the cursor is on screen in a list of the given height.
func (t *tree) ensureVisible(height int) {
	if height < 3 {
		return // no size yet
	}
	if t.cursor < t.off {
		t.off = t.cursor
	}
	if t.cursor >= t.off+height {
		t.off = t.cursor - height + 1
	}
	t.off = max(0, min(t.off, len(t.rows)-height))
}

// scroll moves the view (not the cursor) by n rows.
func (t *tree) scroll(n, height int) {
	t.off = max(0, min(t.off+n, len(t.rows)-height))
}

// move moves the cursor by n rows in a list of the given height and reports whether it moved.
func (t *tree) move(n, height int) bool {
	c := max(0, min(t.cursor+n, len(t.rows)-1))
	if len(t.rows) == 0 || c == t.cursor {
		return false
	}
	t.cursor = c
	t.ensureVisible(height)
	return true
}

// view draws the list: its title rule, a progress bar, then the rows, each exactly width
// columns wide. status has each step's state; cur is the first step not done.
func (t *tree) view(st styles, status map[string]progress.Status, cur *steps.Step, width, height int, focused bool) []string {
	out := make([]string, 0, height)
	out = append(out, st.titleRule("Steps", "", width, focused), t.progressBar(st, status, width))
	for i := t.off; i < len(t.rows) && len(out) < height; i++ {
		r := t.rows[i]
		cursor := " "
		if i == t.cursor {
			cursor = "›"
		}
		var text string
		switch r.kind {
		case rowChapter:
			text = st.chapter.Render(r.label)
		case rowLesson:
			text = r.label
		case rowStep:
			isCur := cur != nil && cur.ID == r.step.ID
			text = st.mark(status[r.step.ID], isCur) + " " + r.label
		}
		line := cursor + strings.Repeat("  ", r.indent) + text
		line = fit(line, width)
		if i == t.cursor && !st.noColor {
			line = st.selected.Render(ansi.Strip(line))
		}
		out = append(out, line)
	}
	for len(out) < height {
		out = append(out, strings.Repeat(" ", width))
	}
	return out
}

// progressBar is "██████░░░░ 3/10 done" fitted to width. It counts the required steps of the
// list: an optional chapter's steps (chapter 0) do not keep a learner who skips them from 100%.
func (t *tree) progressBar(st styles, status map[string]progress.Status, width int) string {
	done, total := 0, 0
	for _, r := range t.rows {
		if r.step == nil || r.step.Optional {
			continue
		}
		total++
		if status[r.step.ID] == statusPassed {
			done++
		}
	}
	label := fmt.Sprintf(" %d/%d done", done, total)
	barW := max(width-len(label)-1, 4)
	filled := 0
	if total > 0 {
		filled = barW * done / total
	}
	bar := st.barDone.Render(strings.Repeat("█", filled)) + st.barTodo.Render(strings.Repeat("░", barW-filled))
	return fit(" "+bar+label, width)
}

// fit cuts or pads a line to exactly width columns. Every line the screen shows goes through
// it, so it is also where a line is made safe to draw (cleanLine): whatever a line holds, it
// takes exactly width columns and moves the cursor nowhere else.
func fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	s = cleanLine(s)
	w := ansi.StringWidth(s)
	if w > width {
		return ansi.Truncate(s, width, "…")
	}
	return s + strings.Repeat(" ", width-w)
}
