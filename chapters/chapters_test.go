package chapters

import (
	"testing"
	"testing/fstest"
)

func TestLoad(t *testing.T) {
	fsys := fstest.MapFS{
		"ch01/README.md":             {Data: []byte("# 1. What a web server is\n")},
		"ch01/01.02-tcp.md":          {Data: []byte("```sh\n# not a heading\n```\n# 1.2 TCP\n")},
		"ch01/01.01-protocols.md":    {Data: []byte("# 1.1 Protocols\n")},
		"ch01/notes.txt":             {Data: []byte("ignored")},
		"ch02/README.md":             {Data: []byte("# 2. Your first program\n")},
		"ch02/02.10-late.md":         {Data: []byte("# 2.10 Late\n")},
		"ch02/02.09-earlier-than.md": {Data: []byte("# 2.9 Sorted as text\n")},
	}
	chs, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(chs) != 2 || chs[0].Title != "1. What a web server is" || chs[1].Number != 2 {
		t.Fatalf("Load = %+v", chs)
	}
	l := chs[0].Lessons
	if len(l) != 2 || l[0].Section != "01.01" || l[1].Title != "1.2 TCP" {
		t.Errorf("lessons = %+v, want 01.01 then 01.02 with titles outside code fences", l)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []fstest.MapFS{
		{"ch01/01.01-a.md": {Data: []byte("# a\n")}},                                             // no README
		{"ch01/README.md": {Data: []byte("no heading\n")}},                                       // README without title
		{"ch01/README.md": {Data: []byte("# t\n")}, "ch01/02.01-a.md": {Data: []byte("# a\n")}},  // misnumbered
		{"ch01/README.md": {Data: []byte("# t\n")}, "ch01/01.01-a.md": {Data: []byte("text\n")}}, // lesson without title
	}
	for i, fsys := range tests {
		if _, err := Load(fsys); err == nil {
			t.Errorf("case %d: Load succeeded, want an error", i)
		}
	}
}

func TestEmbeddedBookLoads(t *testing.T) {
	chs, err := Load(FS())
	if err != nil {
		t.Fatal(err)
	}
	if len(chs) == 0 {
		t.Fatal("the embedded book has no chapters")
	}
	for _, c := range chs {
		if len(c.Lessons) == 0 {
			t.Errorf("chapter %s has no lessons", c.Dir)
		}
	}
}
