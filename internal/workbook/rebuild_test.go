package workbook

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/progress"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

func TestCheckAllRebuildsDeletedProgress(t *testing.T) {
	wb := open(t)
	ctx := context.Background()
	for _, id := range []string{"01.01-add", "01.02-sub"} {
		if _, err := wb.ApplySolution(ctx, step(t, wb, id)); err != nil {
			t.Fatal(err)
		}
	}
	// greet is started and not solved.
	wb.Start(step(t, wb, "02.01-greet"))
	os.Remove(wb.ProgressPath())
	wb, err := Open(wb.Dir, wb.Book)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	err = wb.CheckAll(ctx, func(r StepResult) {
		v := "todo"
		if r.Result != nil {
			v = r.Result.Status.String()
		}
		got = append(got, r.Step.ID+"="+v)
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "01.01-add=passed 01.02-sub=passed 02.01-greet=failed"; strings.Join(got, " ") != want {
		t.Errorf("CheckAll reported %s, want %s", strings.Join(got, " "), want)
	}
	again, _ := Open(wb.Dir, wb.Book)
	if again.Done() != 2 || again.Status(step(t, again, "02.01-greet")) != progress.Failed {
		t.Errorf("saved progress: %d done, greet %s; want 2 and failed", again.Done(), again.Status(step(t, again, "02.01-greet")))
	}
}

func TestCheckAllStopsWhereChecksNoLongerCompile(t *testing.T) {
	wb := open(t)
	ctx := context.Background()
	wb.ApplySolution(ctx, step(t, wb, "01.01-add"))
	// sub.go is missing altogether: step 01.02 has not been started, so it is to do.
	var got []string
	wb.CheckAll(ctx, func(r StepResult) {
		v := "todo"
		if r.Result != nil {
			v = r.Result.Status.String()
		}
		got = append(got, r.Step.ID+"="+v)
	})
	if want := "01.01-add=passed 01.02-sub=todo 02.01-greet=todo"; strings.Join(got, " ") != want {
		t.Errorf("CheckAll reported %s, want %s", strings.Join(got, " "), want)
	}
}

func TestAttemptsCountOnlyTheStepAskedFor(t *testing.T) {
	wb := open(t)
	ctx := context.Background()
	for _, id := range []string{"01.01-add", "01.02-sub"} {
		wb.ApplySolution(ctx, step(t, wb, id))
	}
	if err := wb.CheckThrough(ctx, step(t, wb, "01.02-sub"), func(StepResult) {}); err != nil {
		t.Fatal(err)
	}
	if a, s := wb.Progress.Step("01.01-add").Attempts, wb.Progress.Step("01.02-sub").Attempts; a != 0 || s != 1 {
		t.Errorf("attempts: add %d, sub %d; want 0 and 1", a, s)
	}
	if !wb.Progress.Passed("01.01-add") {
		t.Error("the earlier step's verdict was not recorded")
	}
}

func TestCheckOnUnwritableWorkspaceStillGivesTheVerdict(t *testing.T) {
	wb := open(t)
	ctx := context.Background()
	wb.Start(step(t, wb, "01.01-add"))
	// The folder for progress becomes a file: nothing can be saved there (works even as root).
	os.RemoveAll(filepath.Join(wb.Dir, ".learn"))
	os.WriteFile(filepath.Join(wb.Dir, ".learn"), []byte("in the way"), 0o644)
	res, err := wb.Check(ctx, step(t, wb, "01.01-add"))
	var se *SaveError
	if !errors.As(err, &se) {
		t.Fatalf("Check error = %v, want a *SaveError", err)
	}
	if res == nil || res.Status != checker.Failed {
		t.Fatalf("Check result = %v, want the starter's failure despite the save error", res)
	}
	if !strings.Contains(err.Error(), ".learn") {
		t.Errorf("save error %q does not say where", err)
	}
}

// TestApplyNeverBreaksTheLearnersPackage: the reference of 01.02 uses a helper that only the
// reference of 01.01 declares. A learner who solved 01.01 their own way keeps a compiling
// package: the apply is undone and says why.
func TestApplyNeverBreaksTheLearnersPackage(t *testing.T) {
	files := fstest.MapFS{
		"order.txt":                        {Data: []byte("01.01-a\n01.02-b\n")},
		"packages.txt":                     {Data: []byte("p chapters/ch01/p\n")},
		"01.01-a/step.json":                {Data: []byte(`{"title": "A", "lesson": "ch01/01.01-x.md#a", "package": "p"}`)},
		"01.01-a/hints.md":                 {Data: []byte("h\n")},
		"01.01-a/_starter/p/a.go":          {Data: []byte("package p\n\n// A is 1.\nfunc A() int {\n\t// TODO(01.01): one\n\treturn 0\n}\n")},
		"01.01-a/_solution/p/a.go":         {Data: []byte("package p\n\nconst one = 1\n\n// A is 1.\nfunc A() int { return one }\n")},
		"01.01-a/_check/p/check_a_test.go": {Data: []byte("package p\n\nimport \"testing\"\n\nfunc TestA(t *testing.T) {\n\tif A() != 1 {\n\t\tt.Error(\"A() != 1\")\n\t}\n}\n")},
		"01.02-b/step.json":                {Data: []byte(`{"title": "B", "lesson": "ch01/01.01-x.md#b", "package": "p"}`)},
		"01.02-b/hints.md":                 {Data: []byte("h\n")},
		"01.02-b/_starter/p/b.go":          {Data: []byte("package p\n\n// B is 2.\nfunc B() int {\n\t// TODO(01.02): two\n\treturn 0\n}\n")},
		"01.02-b/_solution/p/b.go":         {Data: []byte("package p\n\n// B is 2.\nfunc B() int { return one + one }\n")},
		"01.02-b/_check/p/check_b_test.go": {Data: []byte("package p\n\nimport \"testing\"\n\nfunc TestB(t *testing.T) {\n\tif B() != 2 {\n\t\tt.Error(\"B() != 2\")\n\t}\n}\n")},
	}
	book, err := steps.Load(files)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := Open(filepath.Join(t.TempDir(), "workspace"), book)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	b, _ := book.ByID("01.02-b")
	wb.Start(b)
	mine := "package p\n\n// A is 1, my way.\nfunc A() int { return 1 }\n"
	os.WriteFile(wb.Path("p/a.go"), []byte(mine), 0o644)
	starter := read(t, wb, "p/b.go")
	_, err = wb.ApplySolution(ctx, b)
	var ae *ApplyError
	if !errors.As(err, &ae) || !strings.Contains(ae.Build, "one") {
		t.Fatalf("ApplySolution = %v, want an *ApplyError naming the missing helper", err)
	}
	if got := read(t, wb, "p/b.go"); got != starter {
		t.Errorf("b.go after the undone apply = %q, want the learner's file back", got)
	}
	if got := read(t, wb, "p/a.go"); got != mine {
		t.Errorf("a.go = %q, want untouched", got)
	}
}
