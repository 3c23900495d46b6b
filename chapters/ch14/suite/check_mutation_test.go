package suite

// The mutation runner every check of this package uses. A step hands out a file of code (it
// registers the file's SHA-256 here), the learner writes tests for it, and the check copies the
// package into a throwaway module twice over: once as handed out, where the learner's tests
// must pass, and once per mutant, a copy with one deliberate bug, where they must fail. A
// mutant that survives is reported by what it breaks.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// mutationFiles maps each handed-out file of the package to the SHA-256 of its text as handed
// out; the check of the step that hands a file out registers it.
var mutationFiles = map[string]string{}

// mutationFile registers a handed-out file. It is called from package-level declarations of
// the check files, so every active check's files are known before any test runs.
func mutationFile(name, sum string) bool {
	mutationFiles[name] = sum
	return true
}

// TestMutationFilesAsHandedOut guards the files the steps hand out: the checks mutate the
// originals, so a changed copy would make every verdict about your tests wrong.
func TestMutationFilesAsHandedOut(t *testing.T) {
	mutationCollect(t, mutationSpec{})
}

// A mutant is the code with one bug: the text old in file replaced by new.
type mutant struct {
	file, old, new string
	bug            string // what the mutant gets wrong, completing "when ..."
}

// A mutationSpec says whose tests to run and which mutants they must kill.
type mutationSpec struct {
	tests   []string // the learner's test (or fuzz) functions, e.g. TestParseSize
	file    string   // the learner's test file the lesson names, for messages
	needs   string   // text the learner's tests must contain (e.g. "synctest.Test"), if any
	why     string   // why needs is required
	race    bool     // run every variant with -race
	mutants []mutant
}

// mutationRun checks the learner's tests against the code as handed out and every mutant.
func mutationRun(t *testing.T, spec mutationSpec) {
	t.Helper()
	tests, sources := mutationCollect(t, spec)
	names := strings.Join(spec.tests, ", ")
	mutants := spec.mutants
	if testing.Short() {
		mutants = nil // go test -short: only the code as handed out
	}
	results := mutationVariants(t, sources, tests, spec, mutants)

	good := results[0]
	if !good.ran {
		t.Fatalf("%s did not run: write func %s in %s (go test printed:\n%s)", names, spec.tests[0], spec.file, good.tail)
	}
	if !good.passed {
		t.Fatalf("your %s fails against the code as handed out, which is correct: a test that fails on good code "+
			"is as wrong as one that passes on bad code. go test printed:\n%s", names, good.tail)
	}
	survived := 0
	for i, m := range mutants {
		r := results[i+1]
		switch {
		case r.buildFailed:
			t.Errorf("the mutant where %s does not build (a bug in this check, not in your tests):\n%s", m.bug, r.tail)
		case r.passed:
			survived++
			t.Errorf("your %s still passes when %s", names, m.bug)
		}
	}
	if survived > 0 {
		t.Logf("%d of %d mutants survived: add cases that tell each one from the code as handed out", survived, len(mutants))
	}
}

// mutationCollect reads the learner's test files and the handed-out files from the package
// folder (the current directory while a test runs), refusing handed-out files that changed.
func mutationCollect(t *testing.T, spec mutationSpec) (tests, sources map[string][]byte) {
	t.Helper()
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatalf("reading the package folder: %v", err)
	}
	tests = map[string][]byte{}
	var all []byte
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, "check_") {
			continue
		}
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("reading %s: %v", name, err)
		}
		tests[name] = data
		all = append(all, data...)
	}
	for _, name := range spec.tests {
		if !regexp.MustCompile(`(?m)^func ` + name + `\(`).Match(all) {
			t.Fatalf("no func %s in the package's test files: write it in %s", name, spec.file)
		}
	}
	if spec.needs != "" && !bytes.Contains(all, []byte(spec.needs)) {
		t.Fatalf("your tests never call %s: %s", strings.TrimSuffix(spec.needs, "("), spec.why)
	}
	sources = map[string][]byte{}
	for name, sum := range mutationFiles {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("%s is missing: the check mutates the file the step handed out (learn reset brings it back)", name)
		}
		h := sha256.Sum256(data)
		if hex.EncodeToString(h[:]) != sum {
			t.Fatalf("%s is not the file the step handed out: the check mutates the original, so put it back "+
				"(git diff, or learn reset on the step that added it)", name)
		}
		sources[name] = data
	}
	return tests, sources
}

type mutationResult struct {
	ran, passed, buildFailed bool
	tail                     string // the end of go test's output
}

// mutationVariants writes one module holding a copy of the package per variant (v0 as handed
// out, then one per mutant), each with the learner's tests, runs the tests in all of them with
// one go test, and returns each variant's result in that order.
func mutationVariants(t *testing.T, sources, tests map[string][]byte, spec mutationSpec, mutants []mutant) []mutationResult {
	dir := t.TempDir()
	write := func(rel string, data []byte) {
		full := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", []byte("module workspace\n\ngo 1.25\n"))
	var testdata map[string][]byte // golden files, the fuzz corpus: they go with the tests
	fs.WalkDir(os.DirFS("testdata"), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, err := os.ReadFile(filepath.Join("testdata", p)); err == nil {
				if testdata == nil {
					testdata = map[string][]byte{}
				}
				testdata[p] = data
			}
		}
		return nil
	})
	var pkgs []string
	for i := 0; i <= len(mutants); i++ {
		v := fmt.Sprintf("v%d", i)
		pkgs = append(pkgs, "./"+v)
		for f, data := range sources {
			if i > 0 && mutants[i-1].file == f {
				m := mutants[i-1]
				if n := bytes.Count(data, []byte(m.old)); n != 1 {
					t.Fatalf("the mutant where %s matches %s %d times, want once (a bug in this check)", m.bug, f, n)
				}
				data = bytes.Replace(data, []byte(m.old), []byte(m.new), 1)
			}
			write(filepath.Join(v, f), data)
		}
		for f, data := range tests {
			// An external test package imports the package by its path, which is v's here.
			write(filepath.Join(v, f), bytes.ReplaceAll(data, []byte(`"workspace/suite"`), []byte(`"workspace/`+v+`"`)))
		}
		for f, data := range testdata {
			write(filepath.Join(v, "testdata", f), data)
		}
	}

	budget := 90 * time.Second
	if dl, ok := t.Deadline(); ok {
		budget = min(budget, time.Until(dl)*3/4)
	}
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()
	args := []string{"test", "-json", "-count=1", "-vet=off", "-timeout=" + (budget * 9 / 10).String(),
		"-run=^(" + strings.Join(spec.tests, "|") + ")$"}
	if spec.race {
		args = append(args, "-race")
	}
	cmd := exec.CommandContext(ctx, "go", append(args, pkgs...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local")
	cmd.WaitDelay = 5 * time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, _ := cmd.Output()

	type event struct {
		Action, Package, Test, Output, FailedBuild string
	}
	results := make([]mutationResult, len(pkgs))
	outputs := make([][]byte, len(pkgs))
	index := func(pkg string) int {
		var i int
		if _, err := fmt.Sscanf(pkg, "workspace/v%d", &i); err != nil || i < 0 || i >= len(pkgs) {
			return -1
		}
		return i
	}
	for line := range bytes.Lines(out) {
		var e event
		if json.Unmarshal(line, &e) != nil {
			continue
		}
		i := index(e.Package)
		if i < 0 {
			continue
		}
		outputs[i] = append(outputs[i], e.Output...)
		switch {
		case e.Action == "run" && slices.Contains(spec.tests, e.Test):
			results[i].ran = true
		case e.Test == "" && e.Action == "pass":
			results[i].passed = true
		case e.Test == "" && e.Action == "fail" && e.FailedBuild != "":
			results[i].buildFailed = true
		}
	}
	for i := range results {
		results[i].tail = mutationTail(append(outputs[i], stderr.Bytes()...), 40)
		if results[i].buildFailed && i == 0 {
			results[i].ran = true // the message about failing on good code shows the compiler's
		}
		if ctx.Err() != nil && !results[i].passed {
			results[i].tail += "\n(go test did not finish in time)"
		}
	}
	return results
}

// mutationTail returns the last n lines of out.
func mutationTail(out []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}
