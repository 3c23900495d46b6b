package bookweb

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestProgressRecordsAndSurvivesAReopen(t *testing.T) {
	dir := t.TempDir()
	p, err := OpenProgress(dir)
	if err != nil {
		t.Fatal(err)
	}
	// Two learners whose ids share a prefix, so a Range that does not stop would mix them.
	a := fmt.Sprintf("ada%d", rand.IntN(1000))
	b := a + "b"
	want := map[string]Verdict{}
	for i := range 2 + rand.IntN(4) {
		v := Verdict{Step: fmt.Sprintf("15.%02d-s%d", i+1, rand.IntN(100)), Status: "failed", Headline: fmt.Sprintf("failed: TestX%d", rand.IntN(100))}
		if err := p.Record(a, v); err != nil {
			t.Fatalf("Record(%q, %+v): %v", a, v, err)
		}
		v.Status, v.Passed = "passed", true // a later verdict replaces the earlier one
		if err := p.Record(a, v); err != nil {
			t.Fatal(err)
		}
		want[v.Step] = v
	}
	if err := p.Record(b, Verdict{Step: "15.01-load-book", Status: "passed", Passed: true}); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	p, err = OpenProgress(dir) // what was recorded is on disk
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	got, err := p.Of(a)
	if err != nil {
		t.Fatalf("Of(%q): %v", a, err)
	}
	if len(got) != len(want) {
		t.Errorf("Of(%q) after a reopen = %d verdicts %v, want %d (only %q's, the latest of each step)", a, len(got), got, len(want), a)
	}
	for step, v := range want {
		if got[step] != v {
			t.Errorf("Of(%q)[%q] = %+v, want %+v", a, step, got[step], v)
		}
	}
	if got, err := p.Of("nobody"); err != nil || len(got) != 0 {
		t.Errorf(`Of("nobody") = %v, %v; want no verdicts and no error`, got, err)
	}
}

func TestProgressRefusesBadIDs(t *testing.T) {
	p, err := OpenProgress(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	for _, learner := range []string{"", "a/b", strings.Repeat("x", 101)} {
		if err := p.Record(learner, Verdict{Step: "15.01-load-book"}); err == nil || !strings.Contains(err.Error(), "bad id") {
			t.Errorf("Record(%q, ...) = %v, want a bad id error", learner, err)
		}
	}
	if err := p.Record("ada", Verdict{Step: "../x/y"}); err == nil {
		t.Error(`Record with step "../x/y" succeeded; want a bad id error`)
	}
}
