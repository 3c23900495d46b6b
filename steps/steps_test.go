package steps

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func TestEmbeddedBookLoads(t *testing.T) {
	b, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Steps) == 0 {
		t.Fatal("no steps embedded")
	}
	for _, s := range b.Steps {
		if !strings.HasPrefix(s.ID, s.Section+"-") || s.Chapter != "ch"+s.ID[:2] {
			t.Errorf("%s: chapter %q section %q do not match the id", s.ID, s.Chapter, s.Section)
		}
	}
}

func book(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fsys
}

const testStepJSON = `{"title": "T", "lesson": "ch01/01.01-x.md#h", "package": "calc"}`

func TestLoadFolding(t *testing.T) {
	b, err := Load(book(map[string]string{
		"order.txt":                           "# comment\n01.01-a\n\n01.01-b\n01.02-c\n",
		"packages.txt":                        "calc chapters/ch01/calc\n",
		"01.01-a/step.json":                   testStepJSON,
		"01.01-a/hints.md":                    "one\n---\ntwo\n---\n\n",
		"01.01-a/_starter/calc/a.go":          "starter a",
		"01.01-a/_solution/calc/a.go":         "solution a1",
		"01.01-a/_check/calc/check_a_test.go": "check a",
		"01.01-b/step.json":                   `{"title": "B", "lesson": "ch01/01.01-x.md#h", "package": "calc", "timeout": "5s"}`,
		"01.01-b/_solution/calc/a.go":         "solution a2",
		"01.01-b/_check/calc/check_b_test.go": "check b",
		"01.02-c/step.json":                   `{"title": "C", "lesson": "ch01/01.02-y.md#h", "package": "calc", "retires": ["01.01-a"]}`,
		"01.02-c/_starter/calc/a.go":          "starter ignored: a.go exists",
		"01.02-c/_starter/calc/c.go":          "starter c",
		"01.02-c/_solution/calc/c.go":         "solution c",
		"01.02-c/_check/calc/check_c_test.go": "check c",
	}))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := b.ByID("01.01-a")
	bb, _ := b.ByID("01.01-b")
	c, _ := b.ByID("01.02-c")
	if len(a.Hints) != 2 || a.Hints[1] != "two" {
		t.Errorf("hints = %q, want [one two]", a.Hints)
	}
	if bb.Timeout != 5*time.Second || a.Timeout != DefaultTimeout {
		t.Errorf("timeouts = %v, %v", bb.Timeout, a.Timeout)
	}
	before := b.StateBefore(c)
	if string(before["calc/a.go"]) != "solution a2" || string(before["calc/c.go"]) != "starter c" {
		t.Errorf("StateBefore(c) = %q", before)
	}
	if got := b.StateAfter("calc", bb); string(got["calc/a.go"]) != "solution a2" {
		t.Errorf("StateAfter(b) = %q", got)
	}
	var active []string
	for _, s := range b.Active(c) {
		active = append(active, s.ID)
	}
	if strings.Join(active, " ") != "01.01-b 01.02-c" {
		t.Errorf("Active(c) = %v, want a retired", active)
	}
	// The starter of c that needs no change is part of the state after c, and of its reference.
	after := b.StateAfter("calc", c)
	if string(after["calc/c.go"]) != "solution c" || string(after["calc/a.go"]) != "solution a2" {
		t.Errorf("StateAfter(c) = %q", after)
	}
	var ref []string
	for _, f := range b.Reference(c) {
		ref = append(ref, f.Path+"="+string(f.Data))
	}
	if got := strings.Join(ref, ","); got != "calc/c.go=solution c,calc/a.go=solution a2" {
		t.Errorf("Reference(c) = %s", got)
	}
	if s, err := b.Find("01.2"); err != nil || s != c {
		t.Errorf("Find(01.2), an id of the old numbering, = %v, %v", s, err)
	}
	if s, err := b.Find("01.02"); err != nil || s != c {
		t.Errorf("Find(01.02) = %v, %v", s, err)
	}
	if _, err := b.Find("01.01"); err == nil || !strings.Contains(err.Error(), "could be any of") {
		t.Errorf("Find(01.01) error = %v, want ambiguity", err)
	}
}

func TestLoadErrors(t *testing.T) {
	base := map[string]string{
		"order.txt":         "01.01-a\n",
		"packages.txt":      "calc x\n",
		"01.01-a/step.json": testStepJSON,
	}
	tests := []struct {
		name string
		edit map[string]string
		want string
	}{
		{"unlisted folder", map[string]string{"01.02-b/step.json": testStepJSON}, "01.02-b is not listed"},
		{"bad id", map[string]string{"order.txt": "1.1-a\n"}, "is not a step id"},
		{"duplicate", map[string]string{"order.txt": "01.01-a\n01.01-a\n"}, "listed twice"},
		{"unknown field", map[string]string{"01.01-a/step.json": `{"title": "T", "lesson": "a.md#h", "package": "calc", "extra": 1}`}, "unknown field"},
		{"bad lesson", map[string]string{"01.01-a/step.json": `{"title": "T", "lesson": "a.md", "package": "calc"}`}, "is not \"chNN/file.md#heading-anchor\""},
		{"bad timeout", map[string]string{"01.01-a/step.json": `{"title": "T", "lesson": "a.md#h", "package": "calc", "timeout": "soon"}`}, "positive duration"},
		{"library no step builds", map[string]string{"packages.txt": "calc x\nother x\n"}, "names package \"other\", which no step builds"},
		{"bad retire", map[string]string{"01.01-a/step.json": `{"title": "T", "lesson": "a.md#h", "package": "calc", "retires": ["01.01-a"]}`}, "not an earlier step"},
	}
	for _, tt := range tests {
		files := map[string]string{}
		for k, v := range base {
			files[k] = v
		}
		for k, v := range tt.edit {
			files[k] = v
		}
		_, err := Load(book(files))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Load error = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestCanonical(t *testing.T) {
	for in, want := range map[string]string{
		"03.2-read-lines":  "03.02-read-lines",
		"03.2":             "03.02",
		"03.02-read-lines": "03.02-read-lines",
		"06.10-graceful":   "06.10-graceful",
		"3.2":              "3.2",
	} {
		if got := Canonical(in); got != want {
			t.Errorf("Canonical(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRenamed(t *testing.T) {
	files := map[string]string{
		"order.txt":                  "01.01-new\n",
		"packages.txt":               "",
		"renamed.txt":                "# comment\n01.01-old 01.01-new\n",
		"01.01-new/step.json":        `{"title": "T", "lesson": "ch01/a.md#h", "package": "calc"}`,
		"01.01-new/_check/calc/c.go": "package calc\n",
	}
	fsys := fstest.MapFS{}
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	b, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"01.01-old", "01.1-old"} {
		if got := b.Canonical(id); got != "01.01-new" {
			t.Errorf("Canonical(%q) = %q, want 01.01-new", id, got)
		}
		if s, err := b.Find(id); err != nil || s.ID != "01.01-new" {
			t.Errorf("Find(%q) = %v, %v", id, s, err)
		}
	}
	fsys["renamed.txt"] = &fstest.MapFile{Data: []byte("01.01-old 01.01-gone\n")}
	if _, err := Load(fsys); err == nil || !strings.Contains(err.Error(), "01.01-gone, which is not a step") {
		t.Errorf("Load with a rename to nowhere = %v", err)
	}
}
