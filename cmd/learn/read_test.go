package main

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/learn-go-hard-way/learn-go-hard-way/chapters"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

func TestReadFixture(t *testing.T) {
	dir := t.TempDir()
	for _, arg := range []string{"01.02-sub", "1.1", "01.01", "ch01/01.01-calc.md"} {
		r := learn(t, dir, "read", arg, "--width", "60")
		if r.code != 0 || !strings.Contains(r.stdout, "1.1 A calculator") || !strings.Contains(r.stdout, "┌─ Step 01.02-sub") {
			t.Errorf("read %s = %d\n%s%s", arg, r.code, r.stdout, r.stderr)
		}
	}
	if r := learn(t, dir, "read", "9.9"); r.code != exitUsage || !strings.Contains(r.stderr, "no step or lesson") {
		t.Errorf("read of a lesson that does not exist = %d %q", r.code, r.stderr)
	}
}

// TestReadEveryLesson renders every lesson of the real book as learn read prints it, at 80
// columns without colour: no line is wider, and no tab or other control character is left.
func TestReadEveryLesson(t *testing.T) {
	if testing.Short() {
		t.Skip("renders the whole book")
	}
	book, err := steps.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	chs, err := chapters.Load(chapters.FS())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range chs {
		for _, l := range c.Lessons {
			var out, errb bytes.Buffer
			a := &app{book: book, lessons: chapters.FS(), stdout: &out, stderr: &errb}
			if code := a.run([]string{"--dir", t.TempDir(), "read", l.Path, "--width", "80"}); code != 0 {
				t.Fatalf("read %s = %d: %s", l.Path, code, errb.String())
			}
			for i, line := range strings.Split(out.String(), "\n") {
				if n := utf8.RuneCountInString(line); n > 80 {
					t.Errorf("%s line %d is %d columns wide: %q", l.Path, i+1, n, line)
				}
				if strings.ContainsFunc(line, func(r rune) bool { return r < ' ' || r == 0x7f }) {
					t.Errorf("%s line %d holds a control character: %q", l.Path, i+1, line)
				}
			}
		}
	}
}
