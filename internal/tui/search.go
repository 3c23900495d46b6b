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

// startSearch begins typing a query.
func (m *model) startSearch() {
	m.search = search{typing: true, saved: m.les.viewTop(m.bodyHeight())}
}

// typeSearch handles a key while the query is typed: every change searches again and shows
// the first match from where the search began.
func (m *model) typeSearch(k string, runes []rune) {
	h := m.bodyHeight()
	switch k {
	case "esc":
		saved := m.search.saved
		m.search = search{}
		m.les.setTopLine(saved, h)
		m.setMessage("", false)
		return
	case "enter":
		m.search.typing = false
		if m.search.query == "" {
			m.search = search{}
			return
		}
		m.setMessage(m.search.status(), len(m.search.matches) == 0)
		return
	case "backspace":
		r := []rune(m.search.input)
		if len(r) > 0 {
			m.search.input = string(r[:len(r)-1])
		}
	default:
		if len(runes) == 0 {
			return
		}
		m.search.input += string(runes)
	}
	m.search.query = m.search.input
	m.search.find(m.les.lines, m.search.saved)
	if len(m.search.matches) > 0 {
		m.showMatch()
	} else {
		m.les.setTopLine(m.search.saved, h)
	}
}

// nextMatch moves to the next (dir > 0) or previous match.
func (m *model) nextMatch(dir int) {
	s := &m.search
	if len(s.matches) == 0 {
		m.setMessage(s.status(), true)
		return
	}
	s.cur = (s.cur + dir + len(s.matches)) % len(s.matches)
	m.showMatch()
	m.setMessage(s.status(), false)
}

// showMatch scrolls so the current match is visible, a third of the way down when it moves.
func (m *model) showMatch() {
	h := m.bodyHeight()
	line := m.search.matches[m.search.cur].line
	top := m.les.viewTop(h)
	if line < top || line >= top+h {
		m.les.setTopLine(line-h/3, h)
	}
}

// highlight returns line i of the lesson with the search's matches marked. Marked lines lose
// their other styling: a match is found in the text without escape codes.
func (m *model) highlight(i int, line string) string {
	s := &m.search
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
		case k == s.cur && m.st.noColor:
			b.WriteString("«" + word + "»")
		case k == s.cur:
			b.WriteString(m.st.matchCur.Render(word))
		default:
			b.WriteString(m.st.match.Render(word))
		}
		at = mt.end
	}
	b.WriteString(t[at:])
	return b.String()
}
