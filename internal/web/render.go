package web

import (
	"bytes"
	"fmt"
	"html"
	"path"
	"regexp"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/lesson"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// calloutPattern is the bold text that opens a step callout; internal/lesson recognises the same.
var calloutPattern = regexp.MustCompile(`^Step (\d\d\.\d\d-[a-z0-9-]+)(?::\s*(.*))?$`)

// A linker maps a link or image destination found in the lesson at src (a path in the book,
// "ch03/03.02-x.md") to a URL relative to the page, or reports that it leads nowhere on the site.
type linker func(src, dest string, image bool) (url string, ok bool)

// rendered is a lesson turned into HTML.
type rendered struct {
	body     []byte
	callouts []string  // step ids, in order
	sections []section // the text of each level-1 and level-2 section, for search
}

// section is the plain text from a level-1 or level-2 heading (or the top of the file) to the next.
type section struct {
	heading string // "" for the text above the first heading
	anchor  string // the heading's id; "" for a level-1 heading or none
	text    string
}

// renderer turns lessons into HTML. It is safe for concurrent use: goldmark's parser and renderer
// are, and the per-document state lives in the AST.
type mdRenderer struct {
	md     goldmark.Markdown
	checks bool // draw the "Check this step" button in callouts
}

func newRenderer(checks bool) *mdRenderer {
	r := &mdRenderer{checks: checks}
	r.md = goldmark.New(
		// GFM, with table cells aligned by the align attribute rather than a style attribute,
		// which the server's Content-Security-Policy (style-src 'self') would refuse.
		goldmark.WithExtensions(extension.Linkify, extension.Strikethrough, extension.TaskList,
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute))),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(&calloutRenderer{checks: checks}, 100)),
		),
	)
	return r
}

// render turns the lesson src (at book path p) into HTML: headings carry the anchors
// internal/lesson computes, links and images go through link, step callouts become boxes.
// Raw HTML in the markdown is left out (goldmark's safe mode), and code is escaped.
func (r *mdRenderer) render(p string, src []byte, link linker) (rendered, error) {
	var out rendered
	doc := r.md.Parser().Parse(text.NewReader(src))
	anchors := lesson.Parse(src).Headings
	var headings []*ast.Heading
	var unlink []ast.Node
	err := ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			headings = append(headings, n)
		case *ast.Link:
			if u, ok := link(p, string(n.Destination), false); ok {
				n.Destination = []byte(u)
				if isExternal(u) {
					n.SetAttributeString("rel", []byte("noopener"))
				}
			} else {
				unlink = append(unlink, n)
			}
		case *ast.Image:
			if u, ok := link(p, string(n.Destination), true); ok {
				n.Destination = []byte(u)
			} else {
				unlink = append(unlink, n)
			}
		case *ast.Blockquote:
			if id, title, ok := calloutOf(n, src); ok {
				n.SetAttributeString("data-step", []byte(id))
				n.SetAttributeString("data-title", []byte(title))
				out.callouts = append(out.callouts, id)
				dropCalloutTitle(n, src)
				rewordCheckLine(n, src, r.checks)
			}
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		return out, err
	}
	// The walk is the one internal/lesson makes over the same parse, so the headings pair up.
	if len(headings) != len(anchors) {
		return out, fmt.Errorf("web: %s: %d headings, but internal/lesson found %d", p, len(headings), len(anchors))
	}
	for i, h := range headings {
		h.SetAttributeString("id", []byte(anchors[i].Anchor))
	}
	for _, n := range unlink {
		unwrap(n)
	}
	markFallbacks(doc, src)
	out.sections = sectionsOf(doc, src)
	var b bytes.Buffer
	if err := r.md.Renderer().Render(&b, src, doc); err != nil {
		return out, fmt.Errorf("web: render %s: %w", p, err)
	}
	out.body = b.Bytes()
	return out, nil
}

// markFallbacks marks the text block that follows a paragraph holding only an image: a chart's
// text fallback for the terminal, which the browser folds away below the picture.
func markFallbacks(doc ast.Node, src []byte) {
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		p, ok := n.(*ast.Paragraph)
		if !ok || p.ChildCount() != 1 || p.FirstChild().Kind() != ast.KindImage {
			continue
		}
		if code, ok := p.NextSibling().(*ast.FencedCodeBlock); ok && string(code.Language(src)) == "text" {
			code.SetAttributeString("data-fallback", []byte("1"))
		}
	}
}

// sectionsOf cuts a document's text at its level-1 and level-2 headings.
func sectionsOf(doc ast.Node, src []byte) []section {
	var out []section
	cur := &section{}
	var text strings.Builder
	flush := func() {
		cur.text = strings.Join(strings.Fields(text.String()), " ")
		if cur.text != "" || cur.heading != "" {
			out = append(out, *cur)
		}
		text.Reset()
	}
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		if h, ok := n.(*ast.Heading); ok && h.Level <= 2 {
			flush()
			cur = &section{heading: strings.TrimSpace(plain(h, src))}
			if id, ok := h.AttributeString("id"); ok && h.Level == 2 {
				cur.anchor = string(id.([]byte))
			}
			continue
		}
		writeText(&text, n, src)
	}
	flush()
	return out
}

// writeText appends the words of a block: its text, and the lines of its code.
func writeText(b *strings.Builder, n ast.Node, src []byte) {
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			for i := 0; i < c.Lines().Len(); i++ {
				seg := c.Lines().At(i)
				b.Write(seg.Value(src))
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML, *ast.HTMLBlock:
			return ast.WalkSkipChildren, nil
		}
		if c.Type() == ast.TypeBlock {
			b.WriteByte(' ')
		}
		return ast.WalkContinue, nil
	})
	b.WriteByte(' ')
}

// unwrap replaces a link by its text, marked as a file name the site does not carry; an image
// becomes its alt text.
func unwrap(n ast.Node) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	span := ast.NewEmphasis(1) // rendered <em>: the name of something not on this site
	span.SetAttributeString("class", []byte("offsite"))
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		span.AppendChild(span, c)
		c = next
	}
	parent.ReplaceChild(parent, n, span)
}

// calloutOf recognises a step callout: a blockquote whose first paragraph starts with bold text
// "Step <id>[: title]".
func calloutOf(bq *ast.Blockquote, src []byte) (id, title string, ok bool) {
	p, isPara := bq.FirstChild().(*ast.Paragraph)
	if !isPara {
		return "", "", false
	}
	em, isEm := p.FirstChild().(*ast.Emphasis)
	if !isEm || em.Level != 2 {
		return "", "", false
	}
	m := calloutPattern.FindStringSubmatch(strings.TrimSpace(plain(em, src)))
	if m == nil {
		return "", "", false
	}
	return m[1], strings.TrimSpace(m[2]), true
}

// plain returns the text inside an inline node.
func plain(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// calloutRenderer draws step callouts as boxes; other blockquotes as goldmark does.
type calloutRenderer struct{ checks bool }

func (c *calloutRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindBlockquote, c.blockquote)
	reg.Register(ast.KindFencedCodeBlock, c.fencedCode)
}

// fencedCode draws a code block as goldmark does (escaped, with its language as a class), and a
// chart's text fallback folded in a details element.
func (c *calloutRenderer) fencedCode(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	code := n.(*ast.FencedCodeBlock)
	_, fallback := code.AttributeString("data-fallback")
	if fallback {
		_, _ = w.WriteString("<details class=\"fallback\"><summary>The same, as text</summary>\n")
	}
	_, _ = w.WriteString("<pre><code")
	if lang := code.Language(src); len(lang) > 0 {
		_, _ = w.WriteString(` class="language-`)
		_, _ = w.Write(util.EscapeHTML(lang))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	for i := 0; i < code.Lines().Len(); i++ {
		seg := code.Lines().At(i)
		_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
	}
	_, _ = w.WriteString("</code></pre>\n")
	if fallback {
		_, _ = w.WriteString("</details>\n")
	}
	return ast.WalkSkipChildren, nil
}

func (c *calloutRenderer) blockquote(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	v, ok := n.AttributeString("data-step")
	if !ok {
		if entering {
			_, _ = w.WriteString("<blockquote>\n")
		} else {
			_, _ = w.WriteString("</blockquote>\n")
		}
		return ast.WalkContinue, nil
	}
	id := string(v.([]byte))
	if !entering {
		if c.checks {
			fmt.Fprintf(w, `<form class="check" method="post" action="%scheck/%s">`+
				`<button type="submit">Check this step</button> <output class="verdict" aria-live="polite"></output></form>`+"\n",
				rootMarker, html.EscapeString(id))
		}
		_, _ = w.WriteString("</div></section>\n")
		return ast.WalkContinue, nil
	}
	title := ""
	if t, ok := n.AttributeString("data-title"); ok {
		title = string(t.([]byte))
	}
	fmt.Fprintf(w, `<section class="step" id="step-%s" data-step="%s"><h4 class="step-title"><span class="step-id">Step %s</span>`,
		html.EscapeString(id), html.EscapeString(id), html.EscapeString(id))
	if title != "" {
		fmt.Fprintf(w, ` %s`, html.EscapeString(title))
	}
	_, _ = w.WriteString("</h4><div class=\"step-body\">\n")
	return ast.WalkContinue, nil
}

// dropCalloutTitle removes the bold "Step id: title" from a callout, which the box's heading
// says instead, and the paragraph if nothing else was in it.
func dropCalloutTitle(bq *ast.Blockquote, src []byte) {
	p := bq.FirstChild().(*ast.Paragraph) // calloutOf made sure
	p.RemoveChild(p, p.FirstChild())
	for first := p.FirstChild(); first != nil; first = p.FirstChild() {
		t, isText := first.(*ast.Text)
		if !isText || len(bytes.TrimSpace(t.Segment.Value(src))) > 0 {
			break
		}
		p.RemoveChild(p, first)
	}
	if p.FirstChild() == nil {
		bq.RemoveChild(bq, p)
	}
}

// rewordCheckLine rewrites a callout's "Press `c` to check, or run `learn check …`.", which
// speaks of the terminal UI's key: in a browser the way to check is the box's button (checks), or,
// in an exported site, which has none, the command alone.
func rewordCheckLine(bq *ast.Blockquote, src []byte, checks bool) {
	for c := bq.FirstChild(); c != nil; c = c.NextSibling() {
		p, isPara := c.(*ast.Paragraph)
		if !isPara {
			continue
		}
		press, ok := p.FirstChild().(*ast.Text)
		if !ok || string(press.Segment.Value(src)) != "Press " {
			continue
		}
		key, ok := press.NextSibling().(*ast.CodeSpan)
		if !ok || plain(key, src) != "c" {
			continue
		}
		rest, ok := key.NextSibling().(*ast.Text)
		if !ok || string(rest.Segment.Value(src)) != " to check, or run " {
			continue
		}
		say := "Run "
		if checks {
			say = "Press “Check this step” below, or run "
		}
		p.RemoveChild(p, press)
		p.RemoveChild(p, key)
		p.ReplaceChild(p, rest, ast.NewString([]byte(say)))
	}
}

// rootMarker stands for the path from a page to the site's root ("", "../"); the layout replaces
// it, so one rendering serves every page depth. It is made of characters goldmark does not
// escape in a URL.
const rootMarker = "/__site_root__/"

func isExternal(u string) bool {
	return strings.Contains(u, "://") || strings.HasPrefix(u, "mailto:")
}

// relURL returns the URL of site path to, as seen from the page at site path from.
func relURL(from, to string) string {
	return strings.Repeat("../", strings.Count(from, "/")) + to
}

// pageURL is the site path of the page for a book file: "ch03/README.md" is "ch03/index.html",
// "ch03/03.02-x.md" is "ch03/03.02-x.html".
func pageURL(bookPath string) string {
	if path.Base(bookPath) == "README.md" {
		return path.Join(path.Dir(bookPath), "index.html")
	}
	return strings.TrimSuffix(bookPath, ".md") + ".html"
}
