package lesson

import (
	"strings"
	"testing"
)

const sample = `# 3.2 Reading files

Intro text with a [link](03.01-files.md#flags) and ![a picture](../../assets/fd.svg).

## Reading line by line

Some text.

> **Step 03.02-read-lines: read a file line by line**
>
> In ` + "`workspace/files/lines.go`" + `, write ReadLines.

` + "```go\n// Package main shows a complete program.\npackage main\n\nfunc main() {}\n```\n" + `
` + "```go\nx := 1\n```\n" + `
### A detail

## Reading line by line

Again, a repeated heading.
`

func TestParse(t *testing.T) {
	l := Parse([]byte(sample))
	if l.Title != "3.2 Reading files" {
		t.Errorf("Title = %q", l.Title)
	}
	var anchors []string
	for _, h := range l.Headings {
		anchors = append(anchors, h.Anchor)
	}
	if got, want := strings.Join(anchors, " "), "32-reading-files reading-line-by-line a-detail reading-line-by-line-1"; got != want {
		t.Errorf("anchors = %s, want %s", got, want)
	}
	if len(l.Links) != 2 || l.Links[0].Dest != "03.01-files.md#flags" || !l.Links[1].Image || l.Links[1].Line != 3 {
		t.Errorf("Links = %+v", l.Links)
	}
	if len(l.Callouts) != 1 || l.Callouts[0].Step != "03.02-read-lines" || l.Callouts[0].Title != "read a file line by line" ||
		l.Callouts[0].Section != "reading-line-by-line" || l.Callouts[0].Line != 9 {
		t.Errorf("Callouts = %+v", l.Callouts)
	}
	if len(l.Code) != 2 || !l.Code[0].Complete() || l.Code[1].Complete() || l.Code[0].Line != 13 {
		t.Errorf("Code = %+v", l.Code)
	}
	if len(l.Sections) != 3 {
		t.Fatalf("Sections = %d, want 3 (title, two level-2 sections)", len(l.Sections))
	}
	var joined strings.Builder
	for _, s := range l.Sections {
		joined.WriteString(sample[s.Start:s.End])
	}
	if joined.String() != sample {
		t.Errorf("sections do not cover the source exactly")
	}
	if l.Sections[1].Heading.Anchor != "reading-line-by-line" || !strings.Contains(sample[l.Sections[1].Start:l.Sections[1].End], "### A detail") {
		t.Errorf("section 1 = %+v, want the first level-2 section including its level-3 heading", l.Sections[1])
	}
}

func TestSlug(t *testing.T) {
	tests := []struct{ give, want string }{
		{"Reading line by line", "reading-line-by-line"},
		{"4.2 `os.OpenFile`: flags & modes", "42-osopenfile-flags--modes"},
		{"Why not `fmt.Println`?", "why-not-fmtprintln"},
		{"snake_case and-kebab", "snake_case-and-kebab"},
	}
	for _, tt := range tests {
		if got := Slug(tt.give); got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.give, got, tt.want)
		}
	}
}

func TestComplete(t *testing.T) {
	tests := []struct {
		code string
		want bool
	}{
		{"package main\n", true},
		{"// comment\n\npackage x\n", true},
		{"/* block\ncomment */\npackage x\n", true},
		{"func main() {}\n", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := (CodeBlock{Lang: "go", Code: tt.code}).Complete(); got != tt.want {
			t.Errorf("Complete(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("# x\n> **Step 01.01-a**\n"))
	f.Add([]byte("```go\npackage"))
	f.Fuzz(func(t *testing.T, src []byte) {
		l := Parse(src)
		end := 0
		for _, s := range l.Sections {
			if s.Start != end || s.End < s.Start {
				t.Fatalf("sections not contiguous: %+v", l.Sections)
			}
			end = s.End
		}
		if end != len(src) {
			t.Fatalf("sections end at %d, source is %d bytes", end, len(src))
		}
	})
}
