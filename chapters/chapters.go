// Package chapters embeds the book: one folder per chapter (ch01, ch02, ...) holding a README.md
// that opens the chapter and one markdown lesson per section (03.02-reading-files.md).
//
// The chapters' code lives beside the lessons in ordinary Go packages; only the markdown is
// embedded, so the learn binary carries the whole book.
package chapters

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
)

//go:embed ch*/*.md
var files embed.FS

// FS returns the embedded book, with paths like "ch03/03.02-reading-files.md".
func FS() fs.FS { return files }

// A Chapter is one folder of the book.
type Chapter struct {
	Dir     string // "ch03"
	Number  int    // 3
	Title   string // the README's first heading, "3. Working with files"
	Lessons []Lesson
}

// Intro returns the path of the chapter's README.
func (c *Chapter) Intro() string { return c.Dir + "/README.md" }

// A Lesson is one section file of a chapter.
type Lesson struct {
	Path    string // relative to the book root: "ch03/03.02-reading-files.md"
	Section string // "03.02"
	Title   string // its first heading
}

var (
	chapterDir = regexp.MustCompile(`^ch(\d\d)$`)
	lessonFile = regexp.MustCompile(`^(\d\d\.\d\d)-[a-z0-9-]+\.md$`)
)

// Load reads the chapter list from a book laid out as this folder is.
func Load(fsys fs.FS) ([]Chapter, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("chapters: %w", err)
	}
	var out []Chapter
	for _, e := range entries {
		m := chapterDir.FindStringSubmatch(e.Name())
		if !e.IsDir() || m == nil {
			continue
		}
		n, _ := strconv.Atoi(m[1])
		c := Chapter{Dir: e.Name(), Number: n}
		readme, err := fs.ReadFile(fsys, c.Intro())
		if err != nil {
			return nil, fmt.Errorf("chapters: %s has no README.md: %w", c.Dir, err)
		}
		if c.Title = Title(readme); c.Title == "" {
			return nil, fmt.Errorf("chapters: %s/README.md has no '# ' heading", c.Dir)
		}
		lessons, err := fs.ReadDir(fsys, c.Dir)
		if err != nil {
			return nil, fmt.Errorf("chapters: %w", err)
		}
		for _, l := range lessons {
			lm := lessonFile.FindStringSubmatch(l.Name())
			if lm == nil {
				continue
			}
			if !strings.HasPrefix(lm[1], m[1]+".") {
				return nil, fmt.Errorf("chapters: %s/%s is numbered for another chapter", c.Dir, l.Name())
			}
			p := path.Join(c.Dir, l.Name())
			data, err := fs.ReadFile(fsys, p)
			if err != nil {
				return nil, fmt.Errorf("chapters: %w", err)
			}
			t := Title(data)
			if t == "" {
				return nil, fmt.Errorf("chapters: %s has no '# ' heading", p)
			}
			c.Lessons = append(c.Lessons, Lesson{Path: p, Section: lm[1], Title: t})
		}
		sort.Slice(c.Lessons, func(i, j int) bool { return c.Lessons[i].Path < c.Lessons[j].Path })
		out = append(out, c)
	}
	return out, nil
}

// Title returns the text of the first level-1 ATX heading of a markdown file, outside code fences.
func Title(md []byte) string {
	sc := bufio.NewScanner(bytes.NewReader(md))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	fence := ""
	for sc.Scan() {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			continue
		}
		if t, ok := strings.CutPrefix(line, "# "); ok {
			return strings.TrimSpace(t)
		}
	}
	return ""
}
