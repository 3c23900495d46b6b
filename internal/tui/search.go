package tui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// search is the lesson search: typing a query (/), then moving between matches (n, N) until
// esc ends it. While a query is active n means "next match", not "next step"; the status line
// says so.
type search struct {
	typing  bool   // the query is being typed in the status line
	input   string // what has been typed
	query   string // the active query; "" when there is no search
	saved   int    // the view's top line when typing began, restored by esc
	matches []match
	cur     int
}

// A match is one occurrence: a line and the byte range in its text without escape codes.
type match struct{ line, start, end int }

// find collects every match of the query in lines and makes the first match at or below line
// from the current one.
func (s *search) find(lines []string, from int) {
	s.matches = s.matches[:0]
	q := s.query
	if q == "" {
		return
	}
	fold := q == asciiLower(q) // smart case: an upper-case letter makes the search exact
	for i, l := range lines {
		t := ansi.Strip(l)
		if fold {
			t = asciiLower(t)
		}
		for off := 0; ; {
			j := strings.Index(t[off:], q)
			if j < 0 {
				break
			}
			s.matches = append(s.matches, match{i, off + j, off + j + len(q)})
			off += j + len(q)
		}
	}
	s.cur = sort.Search(len(s.matches), func(i int) bool { return s.matches[i].line >= from })
	if s.cur == len(s.matches) {
		s.cur = 0
	}
}

// asciiLower lowers ASCII letters only, so byte offsets stay valid.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func (s *search) status() string {
	if len(s.matches) == 0 {
		return fmt.Sprintf("no match for %q · esc ends the search", s.query)
	}
	return fmt.Sprintf("match %d/%d for %q · n/N next/previous · esc ends the search (then n is next step)",
		s.cur+1, len(s.matches), s.query)
}

// start begins typing a query, remembering where the view was.
func (s *search) start(top int) { *s = search{typing: true, saved: top} }

// typeKey handles a key while the query is typed: every change searches v's lines again and
// shows the first match from where the search began; esc puts the view back. It returns the
// status line to show, if the key changes it.
func (s *search) typeKey(k string, runes []rune, v *lessonView, height int) (msg string, bad, set bool) {
	switch k {
	case "esc":
		v.setTopLine(s.saved, height)
		*s = search{}
		return "", false, true
	case "enter":
		s.typing = false
		if s.query == "" {
			*s = search{}
			return "", false, false
		}
		return s.status(), len(s.matches) == 0, true
	case "backspace":
		r := []rune(s.input)
		if len(r) > 0 {
			s.input = string(r[:len(r)-1])
		}
	default:
		if len(runes) == 0 {
			return "", false, false
		}
		s.input += string(runes)
	}
	s.query = s.input
	s.find(v.lines, s.saved)
	if len(s.matches) > 0 {
		s.show(v, height)
	} else {
		v.setTopLine(s.saved, height)
	}
	return "", false, false
}

// next moves to the next (dir > 0) or previous match and returns the status line to show.
func (s *search) next(dir int, v *lessonView, height int) (msg string, bad bool) {
	if len(s.matches) == 0 {
		return s.status(), true
	}
	s.cur = (s.cur + dir + len(s.matches)) % len(s.matches)
	s.show(v, height)
	return s.status(), false
}

// show scrolls v so the current match is visible, a third of the way down when it moves.
func (s *search) show(v *lessonView, height int) {
	line := s.matches[s.cur].line
	top := v.viewTop(height)
	if line < top || line >= top+height {
		v.setTopLine(line-height/3, height)
	}
}

// highlight returns line i of the lesson with the search's matches marked. Marked lines lose
// their other styling: a match is found in the text without escape codes.
func (s *search) highlight(st styles, i int, line string) string {
	if s.query == "" || len(s.matches) == 0 {
		return line
	}
	first := sort.Search(len(s.matches), func(k int) bool { return s.matches[k].line >= i })
	if first == len(s.matches) || s.matches[first].line != i {
		return line
	}
	t := ansi.Strip(line)
	var b strings.Builder
	at := 0
	for k := first; k < len(s.matches) && s.matches[k].line == i; k++ {
		mt := s.matches[k]
		b.WriteString(t[at:mt.start])
		word := t[mt.start:mt.end]
		switch {
		case k == s.cur && st.noColor:
			b.WriteString("«" + word + "»")
		case k == s.cur:
			b.WriteString(st.matchCur.Render(word))
		default:
			b.WriteString(st.match.Render(word))
		}
		at = mt.end
	}
	b.WriteString(t[at:])
	return b.String()
}
