package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/checker"
)

// verdicts decodes learn check --json's standard output, which must be JSON lines and nothing else.
func verdicts(t *testing.T, out string) []checker.Verdict {
	t.Helper()
	var vs []checker.Verdict
	for line := range strings.Lines(out) {
		var v checker.Verdict
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("stdout line %q is not a verdict: %v\nall of stdout:\n%s", line, err, out)
		}
		vs = append(vs, v)
	}
	return vs
}

func TestCheckJSON(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go test")
	}
	dir := filepath.Join(t.TempDir(), "ws")

	r := learn(t, dir, "check", "01.01-add", "--json")
	vs := verdicts(t, r.stdout)
	if r.code != exitFail || len(vs) != 1 {
		t.Fatalf("check --json on the starter = %d, %d verdicts\n%s%s", r.code, len(vs), r.stdout, r.stderr)
	}
	if v := vs[0]; v.Version != 1 || v.Step != "01.01-add" || v.Status != "failed" || v.Passed ||
		!strings.Contains(v.Headline, "TestAdd") || !strings.Contains(v.Details, "Add(2, 3) = 0, want 5") {
		t.Errorf("verdict on the starter = %+v", v)
	}

	if r := learn(t, dir, "solution", "01.01-add", "--apply"); r.code != 0 {
		t.Fatalf("solution --apply = %d %s%s", r.code, r.stdout, r.stderr)
	}
	r = learn(t, dir, "check", "--json") // the current step: 01.01-add, not yet passed
	if vs := verdicts(t, r.stdout); r.code != exitOK || len(vs) != 1 || vs[0].Step != "01.01-add" || !vs[0].Passed || vs[0].Status != "passed" {
		t.Fatalf("check --json after the solution = %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = learn(t, dir, "check", "--json") // now 01.02-sub, then the earlier ones
	vs = verdicts(t, r.stdout)
	if len(vs) == 0 || vs[0].Step != "01.02-sub" || vs[0].Status != "failed" {
		t.Fatalf("check --json of the current step = %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if len(vs) != 2 || vs[1].Step != "01.01-add" || !vs[1].Passed || vs[1].Details != "" || r.code != exitFail {
		t.Errorf("check --json = %d %+v, want 01.02-sub failing, then 01.01-add passing", r.code, vs)
	}

	r = learn(t, dir, "check", "09.09-nope", "--json")
	if vs := verdicts(t, r.stdout); r.code != exitUsage || len(vs) != 1 || vs[0].Status != "error" || !strings.Contains(vs[0].Headline, "no step") {
		t.Errorf("check --json of an unknown step = %d %q", r.code, r.stdout)
	}
	// --all --json: a verdict for each started step, in book order, and the progress rebuilt.
	if err := os.Remove(filepath.Join(dir, ".learn", "progress.json")); err != nil {
		t.Fatal(err)
	}
	r = learn(t, dir, "check", "--all", "--json")
	vs = verdicts(t, r.stdout)
	if r.code != exitFail || len(vs) != 2 || vs[0].Step != "01.01-add" || !vs[0].Passed ||
		vs[1].Step != "01.02-sub" || vs[1].Status != "failed" {
		t.Errorf("check --all --json = %d %+v, want 01.01-add passing, then 01.02-sub failing\n%s", r.code, vs, r.stderr)
	}
	if r := learn(t, dir, "list", "--plain"); !strings.Contains(r.stdout, "01.01-add\tpassed") {
		t.Errorf("after check --all --json, list --plain =\n%s\nwant 01.01-add passed: progress rebuilt", r.stdout)
	}
	if r := learn(t, dir, "check", "--all", "01.01-add", "--json"); r.code != exitUsage {
		t.Errorf("check --all STEP --json = %d, want a usage error", r.code)
	}
}

func TestExportBookCommand(t *testing.T) {
	ws := filepath.Join(t.TempDir(), "ws")
	out := filepath.Join(t.TempDir(), "book")
	if r := learn(t, ws, "export", "book", out); r.code != exitOK || !strings.Contains(r.stdout, "book.json") {
		t.Fatalf("export book = %d %q %q", r.code, r.stdout, r.stderr)
	}
	data, err := os.ReadFile(filepath.Join(out, "book.json"))
	if err != nil || !strings.Contains(string(data), `"id": "02.01-greet"`) {
		t.Errorf("book.json = %.200s, %v; want the fixture's steps", data, err)
	}
	if r := learn(t, ws, "export", "book", out); r.code != exitUsage || !strings.Contains(r.stderr, "--force") {
		t.Errorf("export book into a full folder = %d %q, want a refusal naming --force", r.code, r.stderr)
	}
}
