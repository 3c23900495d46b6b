package main

import (
	"bytes"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/learnbench"
	"github.com/learn-go-hard-way/learn-go-hard-way/steps"
)

// learnBook runs the program on the embedded book (the fixture book has no velocy or logtar).
func learnBook(t *testing.T, dir string, args ...string) result {
	t.Helper()
	book, err := steps.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	a := &app{book: book, stdout: &out, stderr: &errb}
	code := a.run(append([]string{"--dir", dir}, args...))
	return result{code, out.String(), errb.String()}
}

// fakeBench replaces the measurement with a canned report and records the options it got.
func fakeBench(t *testing.T) *learnbench.Options {
	t.Helper()
	var got learnbench.Options
	old := benchRun
	benchRun = func(_ context.Context, o learnbench.Options) (*learnbench.Report, error) {
		got = o
		return &learnbench.Report{Env: "canned", Packages: o.Packages, Results: []learnbench.Result{
			{Group: "router-static", Contender: "velocy (yours)", Kind: "yours", N: 1, NsPerOp: 30},
			{Group: "router-static", Contender: "velocy (reference)", Kind: "reference", N: 1, NsPerOp: 20},
		}}, nil
	}
	t.Cleanup(func() { benchRun = old })
	return &got
}

func TestBenchSelectsThePackage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"bench", "velocy"}, []string{"velocy"}},
		{[]string{"bench", "06.09"}, []string{"velocy"}},
		{[]string{"bench", "--offline", "logtar"}, []string{"logtar"}},
		{[]string{"bench"}, []string{"velocy", "logtar"}},
	} {
		got := fakeBench(t)
		r := learnBook(t, dir, tc.args...)
		if r.code != exitOK || !slices.Equal(got.Packages, tc.want) || got.Workspace != dir {
			t.Errorf("learn %v = %d (%s), ran %v in %q; want 0, %v in %q", tc.args, r.code, r.stderr, got.Packages, got.Workspace, tc.want, dir)
		}
	}
	got := fakeBench(t)
	r := learnBook(t, dir, "bench", "velocy", "--count", "2", "--benchtime", "1x")
	if got.Count != 2 || got.BenchTime != "1x" || !strings.Contains(r.stdout, "velocy (yours)") || !strings.Contains(r.stdout, "1.50") {
		t.Errorf("learn bench velocy --count 2 --benchtime 1x: options %+v, output:\n%s", got, r.stdout)
	}
}

func TestBenchBadInput(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ws")
	fakeBench(t)
	for _, args := range [][]string{{"bench", "99.99-nope"}, {"bench", "03.01"}, {"bench", "velocy", "logtar"}, {"bench", "--count", "9"}, {"bench", "--bogus"}} {
		if r := learnBook(t, dir, args...); r.code != exitUsage || !strings.Contains(r.stderr, "learn") {
			t.Errorf("learn %v = %d %q, want exit 2 with a message", args, r.code, r.stderr)
		}
	}
	benchRun = learnbench.Run // the real one: a missing workspace stops it before any go command
	r := learnBook(t, dir, "bench", "velocy")
	if r.code != exitUsage || !strings.Contains(r.stderr, "no workspace") || r.stdout != "" {
		t.Errorf("learn bench with no workspace = %d %q %q, want exit 2 saying there is no workspace", r.code, r.stdout, r.stderr)
	}
}
