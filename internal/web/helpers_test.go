package web

import (
	"html"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
)

// extraLesson is a fixture lesson with everything the renderer must handle: links to lessons
// and anchors, to code in the repository (a file, a folder, one the repository lacks), an
// image, an external link, repeated headings, code that looks like markup, and raw HTML.
const extraLesson = `# 2.2 Links and pictures

See [adding](../ch01/01.01-calc.md#adding), [the chapter](README.md), [below](#pitfalls-1)
and [the greeting](02.01-greet.md#greeting).

![the flow of a greeting](../../assets/ch02/flow.svg)

The code: [greet.go](greet/greet.go), [velocy's doc](../../velocy/doc.go), [the db folder](../../velocy/db),
[a file that is gone](../../velocy/gone.go), [Go's site](https://go.dev/).

## Pitfalls

One.

## Pitfalls

Two, with a needle.

` + "```go" + `
fmt.Println("<script>alert(1)</script>" + ` + "`&amp;`" + `)
` + "```" + `

<script>alert("raw")</script>

<div class="raw">raw html</div>
`

// fixtureLessons is the fixture book's lessons plus extraLesson.
func fixtureLessons() fstest.MapFS {
	l := fixture.Lessons()
	l["ch02/02.02-links.md"] = &fstest.MapFile{Data: []byte(extraLesson)}
	return l
}

// fixtureAssets holds the image extraLesson shows, and a file nothing links to.
func fixtureAssets() fstest.MapFS {
	return fstest.MapFS{
		"ch02/flow.svg": {Data: []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>`)},
		"assets.go":     {Data: []byte("package assets\n")},
	}
}

// fixtureSource is a repository with the files extraLesson links to, and a secret it does not.
func fixtureSource() fstest.MapFS {
	return fstest.MapFS{
		"chapters/ch02/greet/greet.go": {Data: []byte("package greet\n\n// Greet says <hello>.\n")},
		"velocy/doc.go":                {Data: []byte("// Package velocy is a router.\npackage velocy\n")},
		"velocy/db/db.go":              {Data: []byte("package db\n")},
		"velocy/db/log.go":             {Data: []byte("package db\n")},
		"secret.txt":                   {Data: []byte("do not serve me")},
	}
}

func fixtureSite(t *testing.T, checks bool) *Site {
	t.Helper()
	s, err := New(Options{Book: fixture.Book(), Lessons: fixtureLessons(), Assets: fixtureAssets(),
		Source: fixtureSource(), Checks: checks})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// attrs returns the values of every attribute called name in a page, unescaped. A scan with
// strings.Index rather than a regular expression: the crawler reads every page of the book.
func attrs(page, name string) []string {
	var out []string
	marker := " " + name + `="`
	for {
		i := strings.Index(page, marker)
		if i < 0 {
			return out
		}
		page = page[i+len(marker):]
		end := strings.IndexByte(page, '"')
		if end < 0 {
			return out
		}
		out = append(out, html.UnescapeString(page[:end]))
		page = page[end:]
	}
}

// links returns every href and src of a page.
func links(page string) []string {
	return append(attrs(page, "href"), attrs(page, "src")...)
}

// ids returns the set of element ids of a page.
func ids(page string) map[string]bool {
	out := map[string]bool{}
	for _, id := range attrs(page, "id") {
		out[id] = true
	}
	return out
}

func mustContain(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func mustNotContain(t *testing.T, what, got string, bad ...string) {
	t.Helper()
	for _, b := range bad {
		if strings.Contains(got, b) {
			t.Errorf("%s holds %q", what, b)
		}
	}
}
