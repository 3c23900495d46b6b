package verify

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// fixtureBook is the fixture book with tweaks applied; keys under "lessons/" edit the lessons.
func fixtureBook(t *testing.T, tweak func(fstest.MapFS)) *Verifier {
	t.Helper()
	files, lessons := fixture.Steps(), fixture.Lessons()
	if tweak != nil {
		tweak(files)
		for k, v := range files {
			if strings.HasPrefix(k, "lessons/") {
				lessons[strings.TrimPrefix(k, "lessons/")] = v
				delete(files, k)
			}
		}
	}
	book, err := steps.Load(files)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return &Verifier{Book: book, Chapters: lessons}
}

// What problems runs: each case asks only for the checks that can find its problem, so that the
// table costs a few go test runs, not a dynamic check of the whole fixture per case.
const (
	static = 1 << iota
	dynamicCheck
	lessonCheck
)

func problems(t *testing.T, v *Verifier, what int) string {
	t.Helper()
	var all []string
	for _, s := range v.Book.Steps {
		if what&static != 0 {
			for _, err := range v.Static(s) {
				all = append(all, s.ID+": "+err.Error())
			}
		}
		if what&dynamicCheck != 0 {
			_, errs := v.Dynamic(context.Background(), s)
			for _, err := range errs {
				all = append(all, s.ID+": "+err.Error())
			}
		}
	}
	if what&lessonCheck != 0 {
		for _, err := range v.Lessons(context.Background()) {
			all = append(all, err.Error())
		}
	}
	return strings.Join(all, "\n")
}

func TestVerifyCatches(t *testing.T) {
	tests := []struct {
		name  string
		what  int
		tweak func(fstest.MapFS)
		want  string
	}{
		{"check that cannot fail", dynamicCheck, func(f fstest.MapFS) {
			f["01.02-sub/_check/calc/check_sub_test.go"] = &fstest.MapFile{Data: []byte("package calc\n\nimport \"testing\"\n\nfunc TestSub(t *testing.T) {}\n")}
		}, "01.02-sub: starter: the check passes before the step is done"},
		{"test that passes before the step", dynamicCheck, func(f fstest.MapFS) {
			f["01.02-sub/_check/calc/check_zero_test.go"] = &fstest.MapFile{Data: []byte("package calc\n\nimport \"testing\"\n\nfunc TestSubZero(t *testing.T) {\n\tif Sub(0, 0) != 0 {\n\t\tt.Error(\"Sub(0, 0) != 0\")\n\t}\n}\n")}
		}, "01.02-sub: starter: TestSubZero passes before the step is done"},
		{"guard that does not guard", dynamicCheck, func(f fstest.MapFS) {
			f["01.02-sub/step.json"] = &fstest.MapFile{Data: []byte(`{"title": "Subtract", "lesson": "ch01/01.01-calc.md#subtracting", "package": "calc", "guards": ["TestSub"]}`)}
		}, "01.02-sub: starter: TestSub is listed in guards but does not pass before the step"},
		{"starter that does not compile", dynamicCheck, func(f fstest.MapFS) {
			f["01.02-sub/_starter/calc/sub.go"] = &fstest.MapFile{Data: []byte("package calc\n\n// TODO(01.02)\nfunc Sub(a, b int) int { return c }\n")}
		}, "01.02-sub: starter: the check does not compile"},
		{"reference that fails", dynamicCheck, func(f fstest.MapFS) {
			f["01.02-sub/_solution/calc/sub.go"] = &fstest.MapFile{Data: []byte("package calc\n\n// Sub returns a-b.\nfunc Sub(a, b int) int {\n\treturn b - a\n}\n")}
		}, "01.02-sub: reference: the checks through this step failed: TestSub"},
		{"later step breaking an earlier check", dynamicCheck, func(f fstest.MapFS) {
			f["01.02-sub/_solution/calc/add.go"] = &fstest.MapFile{Data: []byte("package calc\n\n// Add returns a+b.\nfunc Add(a, b int) int {\n\treturn 0\n}\n")}
		}, "01.02-sub: reference: the checks through this step failed: TestAdd"},
		{"solution repeating the starter", static, func(f fstest.MapFS) {
			f["01.01-add/_starter/calc/doc.go"] = &fstest.MapFile{Data: []byte("// Package calc adds.\npackage calc\n")}
			f["01.01-add/_solution/calc/doc.go"] = &fstest.MapFile{Data: []byte("// Package calc adds.\npackage calc\n")}
		}, "_solution/calc/doc.go repeats the starter"},
		{"check with no random input, and no reason", static, func(f fstest.MapFS) {
			f["01.02-sub/step.json"] = &fstest.MapFile{Data: []byte(`{"title": "Subtract", "lesson": "ch01/01.01-calc.md#subtracting", "package": "calc"}`)}
		}, "01.02-sub: the check uses no random input"},
		{"missing hints", static, func(f fstest.MapFS) { delete(f, "01.01-add/hints.md") }, "01.01-add: has 0 hints"},
		{"missing TODO", static, func(f fstest.MapFS) {
			f["01.01-add/_starter/calc/add.go"] = &fstest.MapFile{Data: []byte("package calc\n\n// Add returns a+b.\nfunc Add(a, b int) int {\n\treturn 0\n}\n")}
		}, "01.01-add: starter has no TODO("},
		{"unformatted", static, func(f fstest.MapFS) {
			f["01.01-add/_solution/calc/add.go"] = &fstest.MapFile{Data: []byte("package calc\nfunc Add(a, b int) int { return a+b }\n")}
		}, "_solution/calc/add.go is not gofmt-formatted"},
		{"callout missing", static, func(f fstest.MapFS) {
			f["lessons/ch01/01.01-calc.md"] = &fstest.MapFile{Data: []byte("# 1.1 Calc\n\n## Adding\n\n## Subtracting\n\n> **Step 01.02-sub: subtract**\n")}
		}, "01.01-add: lesson ch01/01.01-calc.md#adding has 0 callouts"},
		{"broken link and anchor", lessonCheck, func(f fstest.MapFS) {
			f["lessons/ch01/README.md"] = &fstest.MapFile{Data: []byte("# 1. Calc\n\n[a](01.01-calc.md#nope) [b](01.09-none.md)\n")}
		}, "ch01/README.md:3: link \"01.01-calc.md#nope\": ch01/01.01-calc.md has no heading #nope"},
		{"complete block that does not compile", lessonCheck, func(f fstest.MapFS) {
			f["lessons/ch01/README.md"] = &fstest.MapFile{Data: []byte("# 1. Calc\n\n```go\npackage main\n\nfunc main() { undefined() }\n```\n")}
		}, "ch01/README.md:3: complete Go block does not compile: line 3: undefined: undefined"},
		{"unknown workspace file", lessonCheck, func(f fstest.MapFS) {
			f["lessons/ch01/README.md"] = &fstest.MapFile{Data: []byte("# 1. Calc\n\nEdit workspace/calc/mul.go.\n")}
		}, "ch01/README.md:3: names workspace/calc/mul.go, which no step provides"},
		{"unknown step mentioned", lessonCheck, func(f fstest.MapFS) {
			f["lessons/ch01/README.md"] = &fstest.MapFile{Data: []byte("# 1. Calc\n\nRun `learn check 01.03-mul`.\n")}
		}, "mentions step 01.03-mul, which does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got := problems(t, fixtureBook(t, tt.tweak), tt.what)
			if !strings.Contains(got, tt.want) {
				t.Errorf("problems =\n%s\nwant one containing %q", got, tt.want)
			}
		})
	}
}
