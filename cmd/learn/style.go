package main

import (
	"fmt"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/progress"
)

// ANSI styles for the subcommands' output. The TUI has its own styles; these stay tiny so the
// plain commands need no terminal library. Colour is off when stdout is not a terminal or
// NO_COLOR is set.
const (
	bold   = "1"
	dim    = "2"
	red    = "31"
	green_ = "32"
	yellow = "33"
	cyan   = "36"
)

func (a *app) paint(style, s string) string {
	if !a.color {
		return s
	}
	return "\x1b[" + style + "m" + s + "\x1b[0m"
}

func (a *app) mark(status progress.Status) string {
	switch status {
	case progress.Passed:
		return a.paint(green_, "✓")
	case progress.Failed:
		return a.paint(red, "✗")
	}
	return a.paint(dim, "·")
}

// bar draws "[#####.....] 5/10 steps (50%)".
func (a *app) bar(done, total, width int) string {
	filled := 0
	if total > 0 {
		filled = done * width / total
	}
	pct := 0
	if total > 0 {
		pct = done * 100 / total
	}
	return fmt.Sprintf("[%s%s] %d/%d steps (%d%%)",
		a.paint(green_, strings.Repeat("#", filled)), strings.Repeat(".", width-filled), done, total, pct)
}

func (a *app) colorDiff(d string) string {
	if !a.color {
		return d
	}
	var b strings.Builder
	for _, l := range strings.SplitAfter(d, "\n") {
		switch {
		case strings.HasPrefix(l, "+++"), strings.HasPrefix(l, "---"):
			b.WriteString(a.paint(bold, strings.TrimSuffix(l, "\n")) + "\n")
		case strings.HasPrefix(l, "@@"):
			b.WriteString(a.paint(cyan, strings.TrimSuffix(l, "\n")) + "\n")
		case strings.HasPrefix(l, "+"):
			b.WriteString(a.paint(green_, strings.TrimSuffix(l, "\n")) + "\n")
		case strings.HasPrefix(l, "-"):
			b.WriteString(a.paint(red, strings.TrimSuffix(l, "\n")) + "\n")
		default:
			b.WriteString(l)
		}
	}
	return b.String()
}

type chapterInfo struct{ dir, title string }

// chapters lists the book's chapters for titles, loading them once; a book whose lessons do not
// load still lists its steps, under chapter folder names.
func (a *app) chapters() []chapterInfo {
	if a.chapterList != nil {
		return a.chapterList
	}
	chs, _ := chapters.Load(a.lessons)
	a.chapterList = make([]chapterInfo, len(chs))
	for i, c := range chs {
		a.chapterList[i] = chapterInfo{c.Dir, c.Title}
	}
	return a.chapterList
}
