package tui

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/muesli/termenv"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
)

func TestCutPieces(t *testing.T) {
	d := newDocument("ch01/01.01-calc.md", fixture.Lessons()["ch01/01.01-calc.md"].Data)
	var got []string
	for _, p := range d.pieces {
		kind := map[pieceKind]string{pieceText: "text", pieceCode: "code", pieceCallout: "callout"}[p.kind]
		first, _, _ := strings.Cut(strings.TrimSpace(d.text(p)), "\n")
		got = append(got, kind+": "+first)
	}
	want := []string{
		"text: # 1.1 A calculator",
		"text: ## Adding",
		"code: ```go",
		"text: ### A diagram",
		"code: ```text",
		"callout: > **Step 01.01-add: add two numbers**",
		"text: ## Subtracting",
		"callout: > **Step 01.02-sub: subtract**",
		"text: ## Pitfalls",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("pieces:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if i := d.headingPiece("subtracting"); i != 6 {
		t.Errorf("headingPiece(subtracting) = %d, want 6", i)
	}
	if i := d.calloutPiece("01.02-sub"); i != 7 {
		t.Errorf("calloutPiece(01.02-sub) = %d, want 7", i)
	}
	if i := d.headingPiece("nowhere"); i != -1 {
		t.Errorf("headingPiece(nowhere) = %d, want -1", i)
	}
}

func TestCutPiecesEdgeCases(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want string // kinds of the pieces
	}{
		{"empty", "", ""},
		{"text only", "just text\n", "text"},
		{"unclosed fence", "# A\n\n```go\nfunc f() {\n", "text code"},
		{"fence with tildes holds backticks", "~~~\n```\n~~~\nafter\n", "code text"},
		{"indented fence stays in its list", "- item\n\n  ```go\n  x := 1\n  ```\n", "text"},
		{"heading inside a fence is not a heading", "```\n# not a heading\n```\n", "code"},
		{"callout with a code block inside", "> **Step 01.01-x: x**\n>\n> ```go\n> x\n> ```\n\nafter\n", "callout text"},
		{"heading right after a fence", "```\nx\n```\n## H\ntext\n", "code text"},
		{"inline code span is not a fence", "```go``` is inline\n", "text"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := newDocument("x.md", []byte(tt.md))
			var kinds []string
			for _, p := range d.pieces {
				kinds = append(kinds, map[pieceKind]string{pieceText: "text", pieceCode: "code", pieceCallout: "callout"}[p.kind])
			}
			if got := strings.Join(kinds, " "); got != tt.want {
				t.Errorf("pieces of %q = %q, want %q", tt.md, got, tt.want)
			}
			checkCover(t, d)
		})
	}
}

// checkCover checks that pieces are in order, do not overlap, and leave out only blank text.
func checkCover(t *testing.T, d *document) {
	t.Helper()
	at := 0
	for i, p := range d.pieces {
		if p.start < at || p.end <= p.start || p.end > len(d.src) {
			t.Fatalf("piece %d spans [%d,%d) after %d in a source of %d bytes", i, p.start, p.end, at, len(d.src))
		}
		if gap := d.src[at:p.start]; strings.TrimSpace(string(gap)) != "" {
			t.Fatalf("text %q before piece %d belongs to no piece", gap, i)
		}
		at = p.end
	}
	if rest := d.src[at:]; strings.TrimSpace(string(rest)) != "" {
		t.Fatalf("text %q at the end belongs to no piece", rest)
	}
}

func TestReferenceLinksWorkInEveryPiece(t *testing.T) {
	md := "# A\n\nSee [the spec][spec].\n\n## B\n\nAgain [the spec][spec].\n\n[spec]: https://example.com/spec\n"
	d := newDocument("x.md", []byte(md))
	pool := newRenderPool("notty", termenv.Ascii)
	for i := range d.pieces {
		lines, err := renderPiece(pool, d, i, 80)
		if err != nil {
			t.Fatal(err)
		}
		text := strings.Join(lines, "\n")
		if strings.Contains(text, "[spec]") || (strings.Contains(text, "the spec") && !strings.Contains(text, "example.com/spec")) {
			t.Errorf("piece %d shows the reference unresolved:\n%s", i, text)
		}
	}
}

func TestTrimRight(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"abc   ", "abc"},
		{"\x1b[1mabc\x1b[0m\x1b[38;5;252m \x1b[0m\x1b[38;5;252m \x1b[0m", "\x1b[1mabc\x1b[0m"},
		{"\x1b[38;5;252m \x1b[0m", ""},
		{"a b", "a b"},
		{"\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\  ", "\x1b]8;;http://x\x1b\\link\x1b[0m"},
		{"héllo  ", "héllo"},
		{"\x1b[", ""},
	}
	for _, tt := range tests {
		if got := trimRight(tt.in); got != tt.want {
			t.Errorf("trimRight(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWrapIndent(t *testing.T) {
	got := wrapIndent("    a long line of words that needs wrapping", 20)
	for _, l := range got {
		if !strings.HasPrefix(l, "    ") || ansi.StringWidth(l) > 20 {
			t.Errorf("wrapIndent line %q: want 4 spaces of indent and at most 20 columns", l)
		}
	}
	if len(got) < 2 {
		t.Errorf("wrapIndent did not wrap: %q", got)
	}
}

func TestWrapPlain(t *testing.T) {
	words := []string{"a", "bb", "ccc", "dddd", "eeeeeeeeeeee", "f,", "(g)", strings.Repeat("h", 31), "  ", "i"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var b strings.Builder
		for k := r.IntN(30); k > 0; k-- {
			b.WriteString(words[r.IntN(len(words))] + " ")
		}
		l := strings.TrimSpace(b.String())
		limit := 10 + r.IntN(40)
		got := wrapPlain(nil, l, limit)
		for _, g := range got {
			if !strings.HasPrefix(g, "  ") || ansi.StringWidth(g) > limit+2 {
				t.Fatalf("wrapPlain(%q, %d): line %q", l, limit, g)
			}
		}
		if strings.Join(strings.Fields(strings.Join(got, "")), "") != strings.Join(strings.Fields(l), "") {
			t.Fatalf("wrapPlain(%q, %d) = %q: text lost", l, limit, got)
		}
		if want := strings.Count(ansi.Wrap(l, limit, ""), "\n") + 1; len(got) > want+1 {
			t.Errorf("wrapPlain(%q, %d) takes %d lines, ansi.Wrap %d", l, limit, len(got), want)
		}
	}
}

func TestRenderPieceWidths(t *testing.T) {
	pool := newRenderPool("dark", termenv.TrueColor)
	d := newDocument("ch01/01.01-calc.md", fixture.Lessons()["ch01/01.01-calc.md"].Data)
	for _, w := range []int{40, 57, 69, 100} {
		for i := range d.pieces {
			lines, err := renderPiece(pool, d, i, w)
			if err != nil {
				t.Fatal(err)
			}
			limit := w
			if d.pieces[i].kind == pieceCallout {
				limit = calloutInner(w)
			}
			for _, l := range lines {
				if sw := ansi.StringWidth(l); sw > limit {
					t.Errorf("width %d, piece %d: line is %d wide: %q", w, i, sw, ansi.Strip(l))
				}
			}
		}
	}
	// A few widths share renderers; the pool does not grow without bound.
	if n := len(pool.text.byW); n > maxRenderers {
		t.Errorf("%d text renderers kept, want at most %d", n, maxRenderers)
	}
}

func FuzzDocument(f *testing.F) {
	for _, file := range fixture.Lessons() {
		f.Add(string(file.Data))
	}
	for _, s := range []string{"", "```", "> **Step 01.01-a: b**\n", "# a\n## b\n### c\n", "~~~\n", "\r\n# x\r\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		if !utf8.ValidString(md) {
			return
		}
		d := newDocument("x.md", []byte(md))
		checkCover(t, d)
		for i := range d.pieces {
			for _, l := range rawPiece(d, i, 60) {
				if strings.HasSuffix(l, "\n") {
					t.Fatalf("raw line ends in a newline: %q", l)
				}
			}
		}
	})
}
