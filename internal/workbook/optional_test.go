package workbook

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
	"github.com/learn-go-hard-way/learn-go-hard-way/internal/fixture"
)

func TestCurrentLeavesOptionalChapterOut(t *testing.T) {
	wb, err := Open(filepath.Join(t.TempDir(), "workspace"), fixture.OptionalBook())
	if err != nil {
		t.Fatal(err)
	}
	if got := wb.Current().ID; got != "01.01-add" {
		t.Fatalf("a new learner's current step = %s, want 01.01-add (chapter 0 is optional)", got)
	}
	// A learner who chose chapter 0 (the TUI saved it as the step to resume at) stays there.
	wb.Progress.Current = "00.01-warm"
	if got := wb.Current().ID; got != "00.01-warm" {
		t.Fatalf("current step with 00.01-warm open = %s, want 00.01-warm", got)
	}
	now := time.Now()
	wb.Progress.Record("00.01-warm", true, "passed", now)
	if got := wb.Current().ID; got != "01.01-add" {
		t.Fatalf("current step once 00.01-warm passed = %s, want 01.01-add", got)
	}
	if wb.RequiredDone() {
		t.Fatal("RequiredDone with no required step passed")
	}
	for _, id := range []string{"01.01-add", "01.02-sub", "02.01-greet"} {
		wb.Progress.Record(id, true, "passed", now)
	}
	wb.Progress.Reset("00.01-warm")
	wb.Progress.Current = ""
	if !wb.RequiredDone() {
		t.Fatal("RequiredDone = false with every required step passed")
	}
	if got := wb.Current().ID; got != "00.01-warm" {
		t.Fatalf("current step with every required one passed = %s, want the optional 00.01-warm", got)
	}
}

// TestCheckThroughLeavesOptionalOut: a started, failing chapter 0 step does not make the
// check of a required step fail.
func TestCheckThroughLeavesOptionalOut(t *testing.T) {
	wb, err := Open(filepath.Join(t.TempDir(), "workspace"), fixture.OptionalBook())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := wb.Start(step(t, wb, "00.01-warm")); err != nil { // starter only: failing
		t.Fatal(err)
	}
	if _, err := wb.ApplySolution(ctx, step(t, wb, "01.01-add")); err != nil {
		t.Fatal(err)
	}
	var got []string
	err = wb.CheckThrough(ctx, step(t, wb, "01.01-add"), func(r StepResult) {
		got = append(got, r.Step.ID+"="+r.Result.Status.String())
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "01.01-add=passed"; strings.Join(got, " ") != want {
		t.Errorf("CheckThrough reported %s, want %s", strings.Join(got, " "), want)
	}
	got = nil
	err = wb.CheckThrough(ctx, step(t, wb, "00.01-warm"), func(r StepResult) {
		got = append(got, r.Step.ID+"="+r.Result.Status.String())
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0] != "00.01-warm="+checker.Failed.String() {
		t.Errorf("CheckThrough(00.01-warm) reported %v, want only its own failure", got)
	}
}
