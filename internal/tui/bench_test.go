package tui

import (
	"bytes"
	"io/fs"
	"path/filepath"
	"testing"
	"testing/fstest"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/muesli/termenv"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/workbook"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// The benchmarks run on the real book. bigLesson is every lesson of the book in one file (over
// 2000 lines today), standing in for the longest chapters still to be written.
const bigLesson = "ch01/01.09-everything.md"

func realBook(b *testing.B) (*steps.Book, fs.FS) {
	b.Helper()
	book, err := steps.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	book2 := fstest.MapFS{}
	var all bytes.Buffer
	err = fs.WalkDir(chapters.FS(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(chapters.FS(), p)
		book2[p] = &fstest.MapFile{Data: data}
		if filepath.Base(p) != "README.md" {
			all.Write(data)
			all.WriteString("\n")
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	book2[bigLesson] = &fstest.MapFile{Data: append([]byte("# 1.9 Everything\n\n"), all.Bytes()...)}
	return book, book2
}

// bookPaths lists the markdown files of a book.
func bookPaths(b *testing.B, lessons fs.FS) []string {
	b.Helper()
	var out []string
	err := fs.WalkDir(lessons, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".md" {
			out = append(out, p)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return out
}

func benchModel(b *testing.B, book *steps.Book, lessons fs.FS, dir string) *model {
	b.Helper()
	wb, err := workbook.Open(dir, book)
	if err != nil {
		b.Fatal(err)
	}
	m, err := newModel(wb, Options{Lessons: lessons}, deps{
		getenv: func(string) string { return "" }, profile: termenv.TrueColor, style: "dark", dark: true,
	})
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// settle runs commands on this goroutine, feeding their messages to the model, until done
// reports true or no command is left.
func settle(m *model, cmd tea.Cmd, done func() bool) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 && !done() {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case pieceRenderedMsg:
			_, next := m.Update(msg)
			queue = append(queue, next)
		}
	}
}

// BenchmarkFirstFrame measures what stands between starting learn and its first frame: the
// model (chapter list, progress, the lesson to resume at), Init, and the first View at 100×30.
func BenchmarkFirstFrame(b *testing.B) {
	book, lessons := realBook(b)
	dir := filepath.Join(b.TempDir(), "workspace")
	b.ReportAllocs()
	for b.Loop() {
		m := benchModel(b, book, lessons, dir)
		m.applySize(100, 30)
		m.Init()
		if m.View() == "" {
			b.Fatal("empty first frame")
		}
	}
}

// BenchmarkLessonFirstScreen measures opening the longest lesson at 100 columns until its first
// screen is rendered text (not the raw stand-in), and the same after a resize.
func BenchmarkLessonFirstScreen(b *testing.B) {
	book, lessons := realBook(b)
	dir := filepath.Join(b.TempDir(), "workspace")

	b.Run("open", func(b *testing.B) {
		m := benchModel(b, book, lessons, dir)
		m.applySize(100, 30)
		b.ReportAllocs()
		for b.Loop() {
			m.cache = map[pieceKey]pieceLines{} // nothing rendered yet
			delete(m.docs, bigLesson)           // nor read
			m.open("ch01/README.md", "")
			settle(m, m.open(bigLesson, ""), m.firstScreenRendered)
			if !m.firstScreenRendered() {
				b.Fatal("first screen not rendered")
			}
		}
	})
	b.Run("open-longest-real", func(b *testing.B) {
		// The longest lesson the book has today, opened at 80×24 (the smallest usable screen).
		longest, size := "", 0
		for _, p := range bookPaths(b, lessons) {
			if data, _ := fs.ReadFile(lessons, p); len(data) > size && p != bigLesson {
				longest, size = p, len(data)
			}
		}
		m := benchModel(b, book, lessons, dir)
		m.applySize(80, 24)
		b.ReportAllocs()
		for b.Loop() {
			m.cache = map[pieceKey]pieceLines{}
			delete(m.docs, longest)
			m.open("ch01/README.md", "")
			settle(m, m.open(longest, ""), m.firstScreenRendered)
			if !m.firstScreenRendered() {
				b.Fatal("first screen not rendered")
			}
		}
	})
	b.Run("open-middle", func(b *testing.B) {
		// Opening at a heading halfway down: the pieces above are not rendered first.
		m := benchModel(b, book, lessons, dir)
		m.applySize(100, 30)
		d, err := m.document(bigLesson)
		if err != nil {
			b.Fatal(err)
		}
		mid := d.les.Headings[len(d.les.Headings)/2].Anchor
		b.ReportAllocs()
		for b.Loop() {
			m.cache = map[pieceKey]pieceLines{}
			m.open("ch01/README.md", "")
			settle(m, m.open(bigLesson, mid), m.firstScreenRendered)
		}
	})
	b.Run("resize", func(b *testing.B) {
		// Every resize is to a width not seen for a while: no cached render, and (with 40
		// widths against a pool of 4) a new glamour renderer each time.
		m := benchModel(b, book, lessons, dir)
		m.applySize(100, 30)
		settle(m, m.open(bigLesson, ""), func() bool { return false })
		w := 0
		b.ReportAllocs()
		for b.Loop() {
			w = (w + 1) % 40
			settle(m, m.resize(100+w, 30), m.firstScreenRendered)
			if !m.firstScreenRendered() {
				b.Fatal("first screen not rendered")
			}
		}
	})
	b.Run("whole-lesson", func(b *testing.B) {
		// For comparison: rendering every piece of the lesson, as rendering it in one go would.
		m := benchModel(b, book, lessons, dir)
		m.applySize(100, 30)
		b.ReportAllocs()
		for b.Loop() {
			m.cache = map[pieceKey]pieceLines{}
			m.open("ch01/README.md", "")
			settle(m, m.open(bigLesson, ""), func() bool { return false })
		}
	})
}
