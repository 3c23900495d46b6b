package bookweb

import (
	"html/template"
	"io"
	"strings"
)

// layout is the page around every fragment: the book's title, a list of chapters, the fragment,
// the page's steps, each with a check button, and links to the previous and next pages. Root is
// the way from the page up to the site's root ("../" for "ch03/03.02-x.html"), because the
// fragments' own links are relative too. The script posts a button's check and shows every
// verdict /live pushes, so a check pressed in one tab shows in all of them.
var layout = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title><link rel="stylesheet" href="{{.Root}}static/style.css"></head>
<body><header><a href="{{.Root}}index.html">{{.Book}}</a></header>
<nav><ol>{{range .Chapters}}<li><a href="{{$.Root}}{{.Intro}}">{{.Title}}</a></li>{{end}}</ol></nav>
<main>{{.Body}}</main>
{{with .Steps}}<aside><h2>Steps on this page</h2><ul>{{range .}}
<li><button type="button" data-step="{{.}}">Check {{.}}</button> <output id="verdict-{{.}}"></output></li>{{end}}
</ul></aside>{{end}}
<footer>{{with .Prev}}<a rel="prev" href="{{$.Root}}{{.}}">previous</a>{{end}} {{with .Next}}<a rel="next" href="{{$.Root}}{{.}}">next</a>{{end}}</footer>
<script>
const root = {{.Root}};
function show(v) {
  const out = document.getElementById("verdict-" + v.step);
  if (out) out.textContent = (v.passed ? "passed: " : "not yet: ") + v.headline;
}
for (const b of document.querySelectorAll("button[data-step]")) {
  b.addEventListener("click", async () => {
    b.disabled = true;
    try {
      const r = await fetch(root + "check/" + b.dataset.step, {method: "POST"});
      if (r.ok) show(await r.json());
      else document.getElementById("verdict-" + b.dataset.step).textContent = r.status + ": " + await r.text();
    } finally { b.disabled = false; }
  });
}
const live = new WebSocket(new URL(root + "live", location.href).href.replace(/^http/, "ws"));
live.onmessage = (m) => show(JSON.parse(m.data));
</script>
</body></html>
`))

// view is what the layout shows.
type view struct {
	Book, Title, Root, Prev, Next string
	Chapters                      []Chapter
	Steps                         []string      // the ids of the page's steps
	Body                          template.HTML // the fragment: HTML the workbook rendered, trusted
}

// render writes page p of b, with its fragment body, inside the layout.
func render(w io.Writer, b *Book, p Page, body []byte) error {
	return layout.Execute(w, view{Book: b.Index.Title, Title: p.Title, Root: strings.Repeat("../", strings.Count(p.URL, "/")),
		Prev: p.Prev, Next: p.Next, Chapters: b.Index.Chapters, Steps: p.Steps, Body: template.HTML(body)})
}
