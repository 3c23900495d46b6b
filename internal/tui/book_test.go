package tui

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// These tests draw the real book, every lesson, so that a lesson that would corrupt the screen
// (a tab, a control character, a line wider than its pane) fails here and not in a learner's
// terminal.

// bookFiles is every markdown file of the real book.
func bookFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := fs.WalkDir(chapters.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil || len(files) == 0 {
		t.Fatalf("walking the book: %d files, %v", len(files), err)
	}
	return files
}

// bookModel is a model of the real book on a fresh workspace, in colour or not.
func bookModel(t *testing.T, colour bool) *model {
	t.Helper()
	book, err := steps.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	wb, err := workbook.Open(filepath.Join(t.TempDir(), "workspace"), book)
	if err != nil {
		t.Fatal(err)
	}
	d := deps{getenv: func(string) string { return "" }, profile: termenv.Ascii, style: "notty", dark: true}
	if colour {
		d.profile, d.style = termenv.TrueColor, "dark"
	}
	m, err := newModel(wb, Options{Lessons: chapters.FS()}, d)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// badLine says what is wrong with a line drawn in a pane of the given width, or "": too wide,
// or holding a control character. Escape sequences are allowed only in colour, and only SGR.
func badLine(l string, width int, colour bool) string {
	if w := ansi.StringWidth(l); w > width {
		return fmt.Sprintf("%d columns wide, in a pane of %d", w, width)
	}
	for i := 0; i < len(l); {
		c := l[i]
		if c == 0x1b {
			end, sgr := sgrEnd(l, i)
			if !colour || !sgr {
				return fmt.Sprintf("escape sequence %q", l[i:end])
			}
			i = end
			continue
		}
		if c < 0x20 || c == 0x7f {
			return fmt.Sprintf("control character %q", c)
		}
		r, size := utf8.DecodeRuneInString(l[i:])
		if dropRune(r, size) {
			return fmt.Sprintf("control character %U", r)
		}
		i += size
	}
	return ""
}

func colourName(colour bool) string {
	if colour {
		return "colour"
	}
	return "NO_COLOR"
}

// TestBookLinesFitTheirPane composes every lesson at 80, 100 and 200 columns, raw and then
// rendered, frames included, and checks every line.
func TestBookLinesFitTheirPane(t *testing.T) {
	if testing.Short() {
		t.Skip("renders the whole book six times")
	}
	files := bookFiles(t)
	for _, colour := range []bool{false, true} {
		t.Run(colourName(colour), func(t *testing.T) {
			t.Parallel()
			m := bookModel(t, colour)
			m.treeHidden = true // the lesson pane is the whole width
			for _, w := range []int{80, 100, 200} {
				m.applySize(w, 40)
				for _, p := range files {
					settle(m, m.open(p, ""), func() bool { return false })
					if m.chainGen != 0 {
						t.Fatalf("%s at %d: not every piece was rendered", p, w)
					}
					for i, l := range m.les.lines {
						if bad := badLine(l, w, colour); bad != "" {
							t.Errorf("%s at %d columns, line %d: %s: %q", p, w, i, bad, ansi.Strip(l))
						}
					}
				}
			}
		})
	}
}

// TestBookScreensAtTheEnd opens every lesson at 80×24 and 100×30, goes to its end and back to
// its middle, and checks the whole screen: exactly height lines, none wider than the terminal,
// nothing that moves the cursor.
func TestBookScreensAtTheEnd(t *testing.T) {
	files := bookFiles(t)
	for _, colour := range []bool{false, true} {
		t.Run(colourName(colour), func(t *testing.T) {
			m := bookModel(t, colour)
			for _, size := range [][2]int{{80, 24}, {100, 30}} {
				w, h := size[0], size[1]
				m.resize(w, h)
				for _, p := range files {
					settle(m, m.open(p, ""), m.firstScreenRendered)
					checkScreen(t, m, fmt.Sprintf("%s at %d×%d, top", p, w, h), w, h, colour)
					m.chainGen = 0 // settle dropped the render in flight; G starts another
					_, cmd := m.Update(keyMsg("G"))
					settle(m, cmd, m.firstScreenRendered)
					if !m.firstScreenRendered() {
						t.Fatalf("%s at %d×%d: the end is not rendered", p, w, h)
					}
					checkScreen(t, m, fmt.Sprintf("%s at %d×%d, end", p, w, h), w, h, colour)
					m.chainGen = 0
				}
			}
		})
	}
}

func checkScreen(t *testing.T, m *model, where string, w, h int, colour bool) {
	t.Helper()
	lines := strings.Split(m.View(), "\n")
	if len(lines) != h {
		t.Errorf("%s: %d lines, want %d", where, len(lines), h)
	}
	for i, l := range lines {
		if bad := badLine(l, w, colour); bad != "" {
			t.Errorf("%s, line %d: %s: %q", where, i, bad, ansi.Strip(l))
		}
	}
}

// TestScreensFitWithHostileText puts tabs, carriage returns, escape sequences and overlong
// lines everywhere text comes from outside (a lesson, a step title, test output, a message) and
// checks every screen.
func TestScreensFitWithHostileText(t *testing.T) {
	hostile := "a\tb\rc\x1b[2Jd\x1b]0;title\x07e\x00f\u202eg\x9bh " + strings.Repeat("wide ", 40)
	for _, colour := range []bool{false, true} {
		t.Run(colourName(colour), func(t *testing.T) {
			opts := []envOption{}
			if colour {
				opts = append(opts, withColor())
			}
			e := newEnv(t, opts...)
			e.check.verdicts["01.01-add"] = failedWith(hostile)
			e.m.docs["ch01/01.01-calc.md"] = newDocument("ch01/01.01-calc.md",
				[]byte("# "+hostile+"\n\n"+hostile+"\n\n```go\n"+hostile+"\n```\n"))
			e.m.les.doc = nil
			e.do(e.m.open("ch01/01.01-calc.md", ""))
			for _, size := range [][2]int{{80, 24}, {100, 30}, {200, 50}} {
				e.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
				for _, k := range []string{"c", "tab", "G", "esc"} {
					e.key(k)
					e.m.setMessage(hostile+"\n"+hostile, false)
					checkScreen(t, e.m, fmt.Sprintf("%d×%d after %s", size[0], size[1], k), size[0], size[1], colour)
				}
			}
		})
	}
}
