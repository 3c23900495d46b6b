package web

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/lesson"
)

func drawn(t *testing.T, s *Site, url string) string {
	t.Helper()
	p, ok := s.byURL[url]
	if !ok {
		t.Fatalf("no page %s", url)
	}
	var b bytes.Buffer
	if err := s.write(&b, p, view{}, nil); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestRenderLinksAnchorsAndCode(t *testing.T) {
	s := fixtureSite(t, false)
	got := drawn(t, s, "ch02/02.02-links.html")
	mustContain(t, "the links lesson", got,
		`<h1 id="22-links-and-pictures">2.2 Links and pictures</h1>`,
		`<h2 id="pitfalls">Pitfalls</h2>`, `<h2 id="pitfalls-1">Pitfalls</h2>`, // as internal/lesson numbers repeats
		`href="../ch01/01.01-calc.html#adding"`, // another chapter's lesson, with its anchor
		`href="../ch02/index.html"`,             // the chapter's README
		`href="#pitfalls-1"`,
		`href="../ch02/02.01-greet.html#greeting"`,
		`src="../assets/ch02/flow.svg" alt="the flow of a greeting"`,
		`href="../src/chapters/ch02/greet/greet.go.html"`, // code beside the lesson
		`href="../src/velocy/doc.go.html"`,                // code elsewhere in the repository
		`href="../src/velocy/db/index.html"`,              // a folder
		`<em class="offsite">a file that is gone</em>`,    // what the repository lacks is plain text
		`href="https://go.dev/" rel="noopener"`,
		// Code is escaped, once.
		`fmt.Println(&quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; + `+"`&amp;amp;`"+`)`,
		`<link rel="stylesheet" href="../static/style.css">`,
	)
	mustNotContain(t, "the links lesson", got, `<script>alert`, `<div class="raw">`, ".md\"", "__site_root__")
}

func TestRenderCallouts(t *testing.T) {
	for _, checks := range []bool{false, true} {
		s := fixtureSite(t, checks)
		got := drawn(t, s, "ch01/01.01-calc.html")
		mustContain(t, "the calc lesson", got,
			`<section class="step" id="step-01.01-add" data-step="01.01-add"><h4 class="step-title"><span class="step-id">Step 01.01-add</span> add two numbers</h4>`,
			`<p>Edit <code>workspace/calc/add.go</code>: make <code>Add</code> return the sum of a and b.</p>`,
			`id="step-01.02-sub"`,
		)
		// The bold "Step ..." line became the box's heading; it is not said twice.
		mustNotContain(t, "the calc lesson", got, "<strong>Step 01.01-add")
		button := `<form class="check" method="post" action="../check/01.01-add"><button type="submit">Check this step</button>`
		if has := strings.Contains(got, button); has != checks {
			t.Errorf("built with Checks=%v, the page has a check button: %v", checks, has)
		}
		if got := s.byURL["ch01/01.01-calc.html"].steps; len(got) != 2 || got[0].ID != "01.01-add" || got[1].ID != "01.02-sub" {
			t.Errorf("the calc page introduces %v, want 01.01-add and 01.02-sub", got)
		}
	}
}

// TestAnchorsMatchLesson proves the rendered ids are internal/lesson's anchors, over the whole
// book: a link the dev check accepts lands on its heading in the browser.
func TestAnchorsMatchLesson(t *testing.T) {
	t.Parallel() // it waits on go test, or builds the whole book: let the quick tests run meanwhile
	s := bookSite(t)
	n := 0
	for _, p := range s.pages[1:] {
		src, _ := chapters.FS().Open(p.book)
		var b bytes.Buffer
		b.ReadFrom(src)
		src.Close()
		if strings.Contains(string(p.body), ` style="`) {
			t.Errorf("%s: a style attribute, which the server's Content-Security-Policy refuses", p.book)
		}
		got := ids(string(p.body))
		for _, h := range lesson.Parse(b.Bytes()).Headings {
			n++
			if !got[h.Anchor] {
				t.Errorf("%s: heading %q has no element with id %q", p.book, h.Text, h.Anchor)
			}
		}
	}
	if n < 500 {
		t.Errorf("only %d headings in the book: is it embedded?", n)
	}
}

func TestPagesInReadingOrder(t *testing.T) {
	s := fixtureSite(t, false)
	want := []string{"index.html", "ch01/index.html", "ch01/01.01-calc.html", "ch01/01.02-reading.html",
		"ch02/index.html", "ch02/02.01-greet.html", "ch02/02.02-links.html",
		"src/chapters/ch02/greet/greet.go.html", "src/velocy/db/index.html", "src/velocy/doc.go.html"}
	if got := s.Pages(); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Pages() =\n%v\nwant\n%v", got, want)
	}
	got := drawn(t, s, "ch01/01.02-reading.html")
	mustContain(t, "a middle page", got,
		`<a class="prev" rel="prev" href="../ch01/01.01-calc.html">← 1.1 A calculator</a>`,
		`<a class="next" rel="next" href="../ch02/index.html">2. Greeting →</a>`)
}

func TestNewRefusesABadBook(t *testing.T) {
	lessons := fixture.Lessons()
	delete(lessons, "ch02/README.md")
	if _, err := New(Options{Book: fixture.Book(), Lessons: lessons}); err == nil || !strings.Contains(err.Error(), "ch02") {
		t.Errorf("a chapter without README: err = %v, want one naming ch02", err)
	}
	lessons = fixture.Lessons()
	lessons["ch02/02.01-greet.md"].Data = []byte("# 2.1\n\n> **Step 02.09-nope: no such step**\n")
	if _, err := New(Options{Book: fixture.Book(), Lessons: lessons}); err == nil || !strings.Contains(err.Error(), "02.09-nope") {
		t.Errorf("a callout for a missing step: err = %v, want one naming it", err)
	}
	if _, err := New(Options{}); err == nil {
		t.Error("New with no book: no error")
	}
}

func TestSearch(t *testing.T) {
	s := fixtureSite(t, false)
	hits := s.Search("NEEDLE")
	if len(hits) != 3 {
		t.Fatalf("Search(needle) = %d hits, want 3 (two in calc, one in links): %+v", len(hits), hits)
	}
	for _, h := range hits {
		if !strings.Contains(strings.ToLower(h.Snippet), "needle") {
			t.Errorf("snippet %q lacks the word", h.Snippet)
		}
	}
	if hits := s.Search("pitfalls"); len(hits) == 0 || hits[0].Heading != "Pitfalls" {
		t.Errorf("a word in a heading ranks its section first: %+v", hits)
	}
	if hits := s.Search("needle overflow"); len(hits) != 1 || hits[0].URL != "ch01/01.01-calc.html#pitfalls" {
		t.Errorf("Search(needle overflow) = %+v, want the calc lesson's pitfalls alone", hits)
	}
	if hits := s.Search("   "); hits != nil {
		t.Errorf("an empty query found %d hits", len(hits))
	}
	if hits := s.Search(strings.Repeat("x", 10000) + " ü"); hits != nil {
		t.Errorf("a long query found %d hits", len(hits))
	}
}

// TestRenderRewordsTheCheckLine: a lesson's "Press `c` to check" names the terminal UI's key,
// which a browser does not have.
func TestRenderRewordsTheCheckLine(t *testing.T) {
	src := "# L\n\n> **Step 01.01-add: add**\n>\n> Edit `add.go`.\n>\n> Press `c` to check, or run `learn check 01.01-add`.\n\nPress `c` to check, outside a box.\n"
	for checks, want := range map[bool]string{
		false: "<p>Run <code>learn check 01.01-add</code>.</p>",
		true:  "<p>Press \u201cCheck this step\u201d below, or run <code>learn check 01.01-add</code>.</p>",
	} {
		out, err := newRenderer(checks).render("ch01/01.01-l.md", []byte(src), func(_, d string, _ bool) (string, bool) { return d, true })
		if err != nil {
			t.Fatal(err)
		}
		mustContain(t, fmt.Sprintf("a callout (checks %v)", checks), string(out.body), want,
			"<p>Press <code>c</code> to check, outside a box.</p>") // only callouts are reworded
	}
	// Every callout of the book says it the one way this recognises.
	for _, p := range bookSite(t).pages {
		if strings.Contains(string(p.body), "Press <code>c</code>") {
			t.Errorf("%s: a step box still says \"Press c\": is its line worded differently?", p.book)
		}
	}
}

// TestRenderTableAlignment: alignment must not use style attributes, which the CSP refuses.
func TestRenderTableAlignment(t *testing.T) {
	r := newRenderer(false)
	src := "# T\n\n| a | b |\n| --- | ---: |\n| 1 | 2 |\n"
	out, err := r.render("ch01/01.01-t.md", []byte(src), func(_, d string, _ bool) (string, bool) { return d, true })
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "a table", string(out.body), `<th align="right">b</th>`, `<td align="right">2</td>`)
	mustNotContain(t, "a table", string(out.body), "style=")
}

func TestRenderChartFallback(t *testing.T) {
	r := newRenderer(false)
	src := "# C\n\n![a chart](../../assets/ch00/c.svg)\n\n```text\nbars <here>\n```\n\n```text\nnot a fallback\n```\n"
	out, err := r.render("ch00/00.01-c.md", []byte(src), func(_, d string, _ bool) (string, bool) { return d, true })
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "a chart and its fallback", string(out.body),
		"<details class=\"fallback\"><summary>The same, as text</summary>\n<pre><code class=\"language-text\">bars &lt;here&gt;\n</code></pre>\n</details>",
		"</details>\n<pre><code class=\"language-text\">not a fallback\n</code></pre>")
}
