package tui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Text reaches the screen from many places the TUI does not control: the book's markdown, hints,
// test output, compiler errors, diffs of the learner's files, error messages. A tab or any other
// control character in it corrupts the screen: the terminal moves the cursor where the layout
// thinks nothing happened, so lines spill past their pane and leave characters of earlier
// screens behind. So text is cleaned where it comes in (cleanText), and every line is cleaned
// again as it is fitted to its pane (fit calls cleanLine), which is the guarantee.
//
// Tabs expand to the next multiple of tabWidth columns, counted from the start of the line: the
// tab stops CommonMark uses to read markdown, and the width gofmt's indentation is usually shown
// at.
const tabWidth = 4

// cleanText prepares text from outside for drawing: tabs expanded, carriage returns and every
// other control character dropped, invalid UTF-8 replaced. Newlines stay (callers split lines).
// Escape sequences are dropped as a whole: only the TUI's own styling may reach the terminal.
func cleanText(s string) string {
	if !needsClean(s, false, true) {
		return s
	}
	return clean(s, false, true)
}

// cleanLine makes one line safe to draw: like cleanText, but it keeps SGR sequences (the colours
// and attributes glamour and lipgloss write), counts tab stops in printed columns, and turns a
// newline into a space.
func cleanLine(s string) string {
	if !needsClean(s, true, false) {
		return s
	}
	return clean(s, true, false)
}

// needsClean reports whether s holds anything clean would change. It is the fast path of every
// line drawn, so it looks at bytes only.
func needsClean(s string, keepSGR, keepNewline bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n' && keepNewline:
			i++
		case c == 0x1b && keepSGR:
			end, ok := sgrEnd(s, i)
			if !ok {
				return true
			}
			i = end
		case c < 0x20 || c == 0x7f:
			return true
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if dropRune(r, size) {
				return true
			}
			i += size
		}
	}
	return false
}

// clean is the slow path of cleanText and cleanLine.
func clean(s string, keepSGR, keepNewline bool) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	lineStart := 0 // where the current line starts in b
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\n' && keepNewline:
			b.WriteByte('\n')
			lineStart = b.Len()
			i++
		case c == '\n':
			b.WriteByte(' ')
			i++
		case c == '\t':
			col := ansi.StringWidth(b.String()[lineStart:])
			b.WriteString(strings.Repeat(" ", tabWidth-col%tabWidth))
			i++
		case c == 0x1b:
			end, ok := sgrEnd(s, i)
			if ok && keepSGR {
				b.WriteString(s[i:end])
			}
			i = end
		case c < 0x20 || c == 0x7f:
			i++
		case c < utf8.RuneSelf:
			b.WriteByte(c)
			i++
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				b.WriteRune(utf8.RuneError)
			case !dropRune(r, size):
				b.WriteString(s[i : i+size])
			}
			i += size
		}
	}
	return b.String()
}

// dropRune reports whether a non-ASCII rune must not reach the terminal: invalid UTF-8, the C1
// control characters, and the bidirectional controls that reorder what follows them on screen.
func dropRune(r rune, size int) bool {
	switch {
	case r == utf8.RuneError && size == 1:
		return true
	case r >= 0x80 && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// sgrEnd returns the end of the escape sequence at s[i] and whether it is an SGR sequence
// ("\x1b[1;38;5;252m"), the only kind the TUI draws.
func sgrEnd(s string, i int) (int, bool) {
	end := skipEscape(s, i)
	if end-i < 3 || s[i+1] != '[' || s[end-1] != 'm' {
		return end, false
	}
	for _, c := range []byte(s[i+2 : end-1]) {
		if (c < '0' || c > '9') && c != ';' && c != ':' {
			return end, false
		}
	}
	return end, true
}
