package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"
)

func TestCleanText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"\tx", "    x"},
		{"ab\tx", "ab  x"},
		{"abcd\tx", "abcd    x"},
		{"a\n\tb", "a\n    b"}, // tab stops count from each line's start
		{"a\r\nb\rc", "a\nbc"},
		{"bell\a nul\x00 del\x7f", "bell nul del"},
		{"\x1b[31mred\x1b[0m", "red"}, // text from outside never styles the screen
		{"\x1b]0;title\x07x", "x"},
		{"c1\u009bx bidi\u202eok", "c1x bidiok"},
		{"bad\xffutf8", "bad\ufffdutf8"},
		{"héllo\tx", "héllo   x"},
	}
	for _, tt := range tests {
		if got := cleanText(tt.in); got != tt.want {
			t.Errorf("cleanText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"\x1b[1;38;5;252mbold\x1b[0m", "\x1b[1;38;5;252mbold\x1b[0m"}, // SGR stays
		{"\x1b[31mab\x1b[0m\tx", "\x1b[31mab\x1b[0m  x"},               // tabs count printed columns
		{"a\nb", "a b"},
		{"\x1b[2Jclear", "clear"},
		{"\x1b[10;1Hmove", "move"},
		{"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\", "link"},
		{"cr\rlf", "crlf"},
		{"esc at end\x1b", "esc at end"},
	}
	for _, tt := range tests {
		if got := cleanLine(tt.in); got != tt.want {
			t.Errorf("cleanLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// Whatever it is given, fit draws exactly the width asked for.
	for _, s := range []string{"\t\t\tx", strings.Repeat("\tab", 40), "\x1b[31m" + strings.Repeat("é\t", 30)} {
		for _, w := range []int{1, 10, 80} {
			got := fit(s, w)
			if ansi.StringWidth(got) != w || strings.ContainsAny(got, "\t\r\n") {
				t.Errorf("fit(%q, %d) = %q: %d columns", s, w, got, ansi.StringWidth(got))
			}
		}
	}
}

func TestPrepareProseJoinsSoftBreaks(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"paragraph", "one\ntwo\n", "one two\n"},
		{"list item", "- one `x`\n  two\n- three\n", "- one `x` two\n- three\n"},
		{"ordered item", "1. one\n   two\n", "1. one two\n"},
		{"quote", "> one\n> two\n", "> one two\n"},
		{"hard break with spaces", "one  \ntwo\n", "one  \ntwo\n"},
		{"hard break with backslash", "one\\\ntwo\n", "one\\\ntwo\n"},
		{"code block", "```\none\ntwo\n```\n", "```\none\ntwo\n```\n"},
		{"indented code", "    one\n    two\n", "    one\n    two\n"},
		{"table", "| a | b |\n| - | - |\n| 1 | 2 |\n", "| a | b |\n| - | - |\n| 1 | 2 |\n"},
		{"heading then text", "# H\ntext\nmore\n", "# H\ntext more\n"},
		{"code span across lines", "a `b\nc` d\n", "a `b c` d\n"},
	}
	for _, tt := range tests {
		if got := strings.ReplaceAll(prepareProse(tt.in), hyphen, "-"); got != tt.want {
			t.Errorf("%s: prepareProse(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestListItemsHangAndWrapCleanly(t *testing.T) {
	md := "- With no routes, return `[]Route{}`, not `nil`. Both have length 0 and `range` over\n" +
		"  both does the same thing, and this item goes on to wrap at least twice at sixty columns.\n" +
		"  - A nested item that is long enough to wrap around at sixty columns for sure, yes.\n" +
		"- Short.\n\n" +
		"1. An ordered item that is long enough to wrap around at sixty columns, with `code` too.\n"
	for _, colour := range []bool{false, true} {
		pool := newRenderPool("notty", termenv.Ascii)
		if colour {
			pool = newRenderPool("dark", termenv.TrueColor)
		}
		d := newDocument("x.md", []byte(md))
		lines, err := renderPiece(pool, d, 0, 60)
		if err != nil {
			t.Fatal(err)
		}
		var plain []string
		for _, l := range lines {
			if ansi.StringWidth(l) > textLimit(60) {
				t.Errorf("%s: line wider than %d: %q", colourName(colour), textLimit(60), ansi.Strip(l))
			}
			plain = append(plain, ansi.Strip(l))
		}
		text := strings.Join(plain, "\n")
		// Continuation lines start under the item's text, not under its bullet.
		for i, l := range plain {
			if i == 0 || strings.TrimSpace(l) == "" {
				continue
			}
			t0 := strings.TrimLeft(l, " ")
			if !strings.HasPrefix(t0, "•") && !strings.HasPrefix(t0, "1.") && len(l)-len(t0) < 4 {
				t.Errorf("%s: line %d of a list item is not indented under its text: %q\n%s", colourName(colour), i, l, text)
			}
		}
		if colour {
			// A style broken across lines is closed at the end of one and opened on the next.
			for _, l := range lines {
				if strings.Contains(l, "\x1b[") && !strings.HasSuffix(l, "\x1b[0m") {
					t.Errorf("line leaves a style open: %q", l)
				}
			}
		}
	}
}

func TestParagraphLineStartingWithANumberIsNoItem(t *testing.T) {
	lines := []string{"  A paragraph wrapped so that its next line starts with", "  2. and goes on", "  to the end."}
	got := hangListItems(append([]string(nil), lines...), 60)
	if strings.Join(got, "|") != strings.Join(lines, "|") {
		t.Errorf("hangListItems changed a paragraph: %q", got)
	}
}

func TestProseIsAtMost100Wide(t *testing.T) {
	e := newEnv(t, withColor())
	e.send(tea.WindowSizeMsg{Width: 200, Height: 50})
	pane := e.m.paneWidth()
	if pane <= maxTextWidth+20 {
		t.Fatalf("pane is %d wide at 200 columns; the test needs a wider one", pane)
	}
	d := e.m.les.doc
	wide := false
	for i, p := range d.pieces {
		for _, l := range e.m.pieceLines(d, i, pane).lines {
			w := ansi.StringWidth(l)
			if p.kind != pieceCode && w > maxTextWidth {
				t.Errorf("prose line %d wide in a %d pane: %q", w, pane, ansi.Strip(l))
			}
			wide = wide || w > maxTextWidth
		}
	}
	if !wide {
		t.Error("no code line is wider than the prose: the diagram should use the rest of the pane")
	}
	e.wantView("1.1 A calculator")
}

func TestKeyLineNeverWraps(t *testing.T) {
	e := newEnv(t)
	e.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	modes := []struct {
		name string
		do   func()
		want []string
	}{
		{"lesson", func() {}, []string{"c check", "h hint", "n/p step", "? keys", "q quit"}},
		{"search typed", func() { e.key("/"); e.typeText("needle") }, []string{"enter", "esc"}},
		{"search active", func() { e.key("enter") }, []string{"n/N match", "q quit"}},
		{"result", func() { e.key("esc"); e.key("c") }, []string{"c check", "q quit"}},
		{"question", func() { e.key("r") }, []string{"y yes", "n/esc no"}},
		{"help", func() { e.key("esc"); e.key("?") }, []string{"esc back", "q quit"}},
		{"diff", func() { e.key("esc"); e.key("s") }, []string{"a apply", "q quit"}},
	}
	for _, md := range modes {
		md.do()
		lines := strings.Split(e.view(), "\n")
		if len(lines) != 24 {
			t.Errorf("%s: %d lines, want 24", md.name, len(lines))
		}
		last := lines[len(lines)-1]
		if w := ansi.StringWidth(last); w > 80 {
			t.Errorf("%s: key line is %d wide: %q", md.name, w, last)
		}
		for _, want := range md.want {
			if !strings.Contains(last, want) {
				t.Errorf("%s: key line lacks %q: %q", md.name, want, last)
			}
		}
	}
}

func TestFocusIsVisibleWithoutColour(t *testing.T) {
	e := newEnv(t)
	e.key("c") // a panel, so there are three panes
	focused := func() []string {
		var out []string
		for _, l := range strings.Split(e.view(), "\n") {
			for _, part := range strings.Split(l, "│") {
				if strings.Contains(part, focusMark) {
					out = append(out, strings.TrimSpace(part))
				}
			}
		}
		return out
	}
	// tab goes lesson, panel, step list.
	for _, want := range []string{"1.1 A calculator", "Check · 01.01-add", "Steps"} {
		got := focused()
		if len(got) != 1 || !strings.Contains(got[0], want) {
			t.Errorf("focus on %q: the marked titles are %q", want, got)
		}
		if want != "1.1 A calculator" && !strings.Contains(got[0], "━") {
			t.Errorf("focus on %q: its rule is not heavy: %q", want, got[0])
		}
		e.key("tab")
	}
}

func TestStepFramesFollowTheSelection(t *testing.T) {
	e := newEnv(t)
	frameLine := func(id string) string {
		d := e.m.les.doc
		for i := range d.pieces {
			if d.calloutPiece(id) == i {
				return ansi.Strip(strings.Join(e.m.framed(d, i, e.m.paneWidth()), "\n"))
			}
		}
		t.Fatalf("no frame for %s", id)
		return ""
	}
	selected := "c check · h hint · e edit"
	if !strings.Contains(frameLine("01.01-add"), selected) || strings.Contains(frameLine("01.02-sub"), selected) {
		t.Fatalf("before n: add's frame %q, sub's %q", frameLine("01.01-add"), frameLine("01.02-sub"))
	}
	e.key("n") // the next step is in the same lesson
	e.wantLesson("edit workspace/calc/add.go · n/p or the list selects it",
		"o start it (adds workspace/calc/sub.go) · c check · h hint")
	e.key("p")
	e.wantLesson("edit workspace/calc/add.go · c check · h hint · e edit",
		"edit workspace/calc/sub.go · n/p or the list selects it")
}

func TestHintFollowsTheWidth(t *testing.T) {
	e := newEnv(t, withStep("02.01-greet"))
	e.key("h")
	if e.m.panel == nil || len(e.m.panel.rendered) != 1 {
		t.Fatalf("the hint is not rendered")
	}
	e.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	if _, ok := e.m.panel.rendered[e.m.panel.textWidth(e.m.paneWidth())]; !ok {
		t.Errorf("after a resize the hint is not rendered at the new width")
	}
	e.wantView("fmt.Sprintf builds strings.")
}

// TestProseWrapsGreedily checks that wrapped prose is filled: no line could have taken the
// next line's first word. The word wrapper under glamour counted a '-' as no column, so lines
// with hyphens came out too long, were cut again, and left a word alone on a line.
func TestProseWrapsGreedily(t *testing.T) {
	md := "In router.go, split `Handle` in two: an unexported\n" +
		"`handle(method, pattern string, h http.Handler) error` that returns\n" +
		"`&PatternError{Method: method, Pattern: pattern, Offset: -1, Problem: \"nil handler\"}`\n" +
		"(or `\"already registered\"`), and `Handle`, which panics with what `handle` returns. A\n" +
		"well-known, hard-won, first-class, read-only, up-to-date line of hyphen-rich words goes on.\n"
	pool := newRenderPool("notty", termenv.Ascii)
	d := newDocument("x.md", []byte(md))
	for w := 30; w <= 100; w++ {
		lines, err := renderPiece(pool, d, 0, w)
		if err != nil {
			t.Fatal(err)
		}
		limit := textLimit(w)
		for i, l := range lines {
			if n := ansi.StringWidth(l); n > limit {
				t.Errorf("width %d: line %d is %d wide, limit %d: %q", w, i, n, limit, l)
			}
			if i+1 < len(lines) {
				next := strings.Fields(lines[i+1])
				if len(next) > 0 && ansi.StringWidth(l)+1+ansi.StringWidth(next[0]) <= limit {
					t.Errorf("width %d: line %d %q could have taken %q", w, i, l, next[0])
				}
			}
		}
		if text := strings.Join(strings.Fields(strings.Join(lines, " ")), " "); !strings.Contains(text, "Offset: -1") || strings.Contains(text, hyphen) {
			t.Errorf("width %d: hyphens not restored: %q", w, text)
		}
	}
}
