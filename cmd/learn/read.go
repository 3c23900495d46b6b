package main

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/tui"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// read prints a lesson rendered for the terminal: the current step's, a step's (by id or
// prefix), or a lesson by its number ("3.2", "03.02") or path ("ch03/03.02-...md").
func (a *app) read(args []string) int {
	fs := a.newFlags("read")
	width := fs.Int("width", 0, "columns to render for (default: the terminal's, or 80)")
	raw := fs.Bool("raw", false, "print the lesson's markdown as it is")
	pos, err := parseArgs(fs, args)
	if err != nil || len(pos) > 1 {
		return a.usageError("usage: learn read [STEP|LESSON] [--width N] [--raw]")
	}
	path, err := a.lessonFor(pos)
	if err != nil {
		return a.fail(err)
	}
	src, err := readLesson(a.lessons, path)
	if err != nil {
		return a.fail(err)
	}
	if *raw {
		a.stdout.Write(src)
		return exitOK
	}
	out, err := tui.RenderLesson(path, src, *width, !a.color)
	if err != nil {
		return a.fail(err)
	}
	fmt.Fprint(a.stdout, out)
	return exitOK
}

// lessonFor resolves read's argument to a lesson path.
func (a *app) lessonFor(pos []string) (string, error) {
	if len(pos) == 0 {
		wb, err := a.open()
		if err != nil {
			return "", err
		}
		s := wb.Current()
		if s == nil {
			return "", fmt.Errorf("the book has no steps")
		}
		return s.Lesson, nil
	}
	arg := pos[0]
	if strings.HasSuffix(arg, ".md") {
		return strings.TrimPrefix(arg, "chapters/"), nil
	}
	if s, err := a.book.Find(arg); err == nil {
		return s.Lesson, nil
	}
	// A lesson number: "3.2", "03.2", "03.02".
	section := steps.Canonical(lessonNumber(arg))
	chs, err := chapters.Load(a.lessons)
	if err != nil {
		return "", err
	}
	for _, c := range chs {
		for _, l := range c.Lessons {
			if l.Section == section {
				return l.Path, nil
			}
		}
	}
	return "", fmt.Errorf("no step or lesson %q (learn list shows the steps; lessons are numbered like 3.2)", arg)
}

// lessonNumber writes a lesson number the way lesson files are numbered: "3.2" -> "03.2".
func lessonNumber(s string) string {
	ch, sec, ok := strings.Cut(s, ".")
	if !ok || ch == "" || sec == "" {
		return s
	}
	if len(ch) == 1 {
		ch = "0" + ch
	}
	if len(sec) == 1 {
		sec = "0" + sec
	}
	return ch + "." + sec
}

func readLesson(lessons fs.FS, path string) ([]byte, error) {
	src, err := fs.ReadFile(lessons, path)
	if err != nil {
		return nil, fmt.Errorf("this book has no lesson %s", path)
	}
	return src, nil
}
