package web

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/progress"
)

//go:embed layout.html
var layoutHTML string

var layout = template.Must(template.New("layout").Parse(layoutHTML))

// Progress says where the learner stands; the server reads it from the workbook, the export has
// none.
type Progress struct {
	Status  func(stepID string) progress.Status
	Current string // the step to resume at
	Done    int
	Total   int
}

// view is what the layout draws.
type view struct {
	Root     string // the way from the page to the site's root: "", "../"
	Title    string
	Body     template.HTML
	Nav      []navChapter
	Prev     *navLink
	Next     *navLink
	Progress *Progress
	Resume   *navLink // the step to go on with, when there is progress
	Serve    bool     // served: search asks the server; exported: search runs in the page
	Search   bool     // this is the search page
	Query    string   // its query
}

type navLink struct{ URL, Title string }

type navChapter struct {
	navLink
	Open    bool // the chapter of the page shown
	Done    int
	Total   int
	Lessons []navLesson
}

type navLesson struct {
	navLink
	Current bool
	Steps   []navStep
}

type navStep struct {
	navLink
	ID     string
	Status string // "passed", "failed", "current", "todo"; "" without progress
	Mark   string
}

var marks = map[string]string{"passed": "✓", "failed": "✗", "current": "→", "todo": "○"}

// write draws page p (or, with p nil, a page of its own such as search results) into w.
func (s *Site) write(w io.Writer, p *page, v view, prog *Progress) error {
	if p != nil {
		if p.url != "index.html" { // the home page's title is the book's name alone
			v.Title = p.title
		}
		v.Root = relURL(p.url, "")
		v.Body = template.HTML(strings.ReplaceAll(string(p.body), rootMarker, v.Root))
		if p.prev != nil {
			v.Prev = &navLink{v.Root + p.prev.url, p.prev.title}
		}
		if p.next != nil {
			v.Next = &navLink{v.Root + p.next.url, p.next.title}
		}
	}
	v.Progress = prog
	if prog != nil && prog.Done < prog.Total {
		if sp, ok := s.stepPage[prog.Current]; ok {
			st, _ := s.opts.Book.ByID(prog.Current)
			v.Resume = &navLink{v.Root + sp.url + "#step-" + st.ID, st.Title}
		}
	}
	v.Nav = s.nav(p, v.Root, prog)
	var b bytes.Buffer
	if err := layout.Execute(&b, v); err != nil {
		return fmt.Errorf("web: layout: %w", err)
	}
	_, err := w.Write(b.Bytes())
	return err
}

// nav builds the sidebar: every chapter with its lessons, and the steps of the chapter shown with
// the learner's marks (every chapter's steps would make each page several times longer).
func (s *Site) nav(cur *page, root string, prog *Progress) []navChapter {
	var out []navChapter
	var ch *navChapter
	for _, p := range s.pages[1:] {
		if p.url == pageURL(p.chapter.Intro()) {
			out = append(out, navChapter{navLink: navLink{root + p.url, p.title}})
			ch = &out[len(out)-1]
			ch.Open = cur != nil && cur.chapter == p.chapter
			continue
		}
		l := navLesson{navLink: navLink{root + p.url, p.title}, Current: p == cur}
		for _, st := range p.steps {
			ns := navStep{navLink: navLink{root + p.url + "#step-" + st.ID, st.Title}, ID: st.ID}
			if prog != nil {
				ns.Status = string(prog.Status(st.ID))
				if ns.Status == string(progress.Passed) {
					ch.Done++
				} else if st.ID == prog.Current && ns.Status != string(progress.Failed) {
					ns.Status = "current"
				}
				ns.Mark = marks[ns.Status]
			}
			ch.Total++
			if ch.Open {
				l.Steps = append(l.Steps, ns) // steps are listed for the chapter shown only
			}
		}
		ch.Lessons = append(ch.Lessons, l)
	}
	return out
}

// home is the index page's body: the chapters, in order.
func (s *Site) home() []byte {
	var b bytes.Buffer
	b.WriteString("<h1>Learn Go the hard way</h1>\n<p>A workbook that teaches backend Go by building a logger " +
		"(logtar) and a web framework (velocy) with the standard library alone. Each chapter opens with what it " +
		"builds; each lesson ends in steps you write in your workspace and check.</p>\n<ol class=\"chapters\">\n")
	for _, p := range s.pages[1:] {
		if p.url == pageURL(p.chapter.Intro()) {
			fmt.Fprintf(&b, "<li><a href=\"%s%s\">%s</a></li>\n", rootMarker, template.HTMLEscapeString(p.url),
				template.HTMLEscapeString(p.title))
		}
	}
	b.WriteString("</ol>\n")
	return b.Bytes()
}
