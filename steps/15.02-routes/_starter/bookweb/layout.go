package bookweb

import (
	"html/template"
	"io"
	"strings"
)

// layout is the page around every fragment: the book's title, its chapters folded, the fragment,
// and links to the previous and next pages. Root is the way from the page up to the site's root
// ("../" for "ch03/03.02-x.html"), because the fragments' own links are relative too.
var layout = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="{{.Root}}static/style.css"></head>
<body><header><a href="{{.Root}}index.html">{{.Book}}</a></header>
<nav><details><summary>Contents</summary><ol>{{range .Chapters}}<li><a href="{{$.Root}}{{.Intro}}">{{.Title}}</a></li>{{end}}</ol></details></nav>
<main>{{.Body}}</main>
<footer>{{with .Prev}}<a rel="prev" href="{{$.Root}}{{.}}">previous</a>{{end}} {{with .Next}}<a rel="next" href="{{$.Root}}{{.}}">next</a>{{end}}</footer>
</body></html>
`))

// view is what the layout shows.
type view struct {
	Book, Title, Root, Prev, Next string
	Chapters                      []Chapter
	Body                          template.HTML // the fragment: HTML the workbook rendered, trusted
}

// render writes page p of b, with its fragment body, inside the layout.
func render(w io.Writer, b *Book, p Page, body []byte) error {
	return layout.Execute(w, view{Book: b.Index.Title, Title: p.Title, Root: strings.Repeat("../", strings.Count(p.URL, "/")),
		Prev: p.Prev, Next: p.Next, Chapters: b.Index.Chapters, Body: template.HTML(body)})
}
