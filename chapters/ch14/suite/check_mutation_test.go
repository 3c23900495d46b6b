package suite

// The mutation runner every check of this package uses. A step hands out a file of code (its
// check registers the file's SHA-256 here), the learner writes tests for it, and the check
// builds the package and the learner's tests into one test binary that holds the code as
// handed out and every mutant, a version with one deliberate bug (mutationFold). The tests
// must pass on the first and fail on each mutant; a mutant that survives is reported by the
// bug it carries.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
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
	needs   string   // text the learner's tests must contain (e.g. "synctest.Test("), if any
	why     string   // why needs is required
	race    bool     // run every variant with -race
	mutants []mutant
}

// mutationRun checks the learner's tests against the code as handed out and every mutant.
func mutationRun(t *testing.T, spec mutationSpec) {
	t.Helper()
	tests, sources := mutationCollect(t, spec)
	names := strings.Join(spec.tests, ", ")
	if testing.Short() {
		t.Skip("go test -short: the learner's tests and the mutants are built only without -short")
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Path != "workspace" && os.Getenv("LEARN_MUTATION") != "on" {
		// In the repository (chapters/ch14/suite), the dev check (learn verify) already runs
		// every mutation check against the reference in a workspace; building nine sets of
		// mutants again would double go test ./... on a cold cache.
		t.Skip("outside a learn workspace: learn verify runs the mutation checks; LEARN_MUTATION=on runs them here")
	}
	mutants := spec.mutants
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
		if r.passed {
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
		if e.IsDir() || !strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, "check_") ||
			strings.HasPrefix(name, "mutation_") { // the runner's own tests (chapters/ch14/suite)
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
	// The learner's own code beside them (a helper the tests use) goes too, unmutated.
	for _, e := range entries {
		name := e.Name()
		if _, handedOut := mutationFiles[name]; handedOut || e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if data, err := os.ReadFile(name); err == nil {
			sources[name] = data
		}
	}
	return tests, sources
}

type mutationResult struct {
	ran, passed bool
	tail        string // the end of the test's output
}

// mutationVariants builds the package once, with every mutant folded in behind a switch
// (mutationFold), and the learner's tests beside it; then runs the tests once per variant: 0 is
// the code as handed out, i the i-th mutant. It returns the results in that order. One build
// instead of one per mutant keeps a check to a few seconds on a small, busy machine.
func mutationVariants(t *testing.T, sources, tests map[string][]byte, spec mutationSpec, mutants []mutant) []mutationResult {
	dir := t.TempDir()
	pkg := filepath.Join(dir, "suite")
	write := func(rel string, data []byte) {
		full := filepath.Join(pkg, rel)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.MkdirAll(pkg, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module workspace\n\ngo 1.25\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for f, data := range mutationFold(t, sources, mutants) {
		write(f, data)
	}
	for f, data := range tests {
		write(f, data)
	}
	// testdata (golden files, the fuzz corpus) goes with the tests.
	fs.WalkDir(os.DirFS("testdata"), ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, err := os.ReadFile(filepath.Join("testdata", p)); err == nil {
				write(filepath.Join("testdata", p), data)
			}
		}
		return nil
	})

	budget := 90 * time.Second
	if dl, ok := t.Deadline(); ok {
		budget = min(budget, time.Until(dl)*3/4)
	}
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	defer cancel()
	bin := filepath.Join(dir, "suite.test")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	args := []string{"test", "-c", "-vet=off", "-o", bin}
	if spec.race {
		args = append(args, "-race")
	}
	build := exec.CommandContext(ctx, "go", append(args, "./suite")...)
	build.Dir = dir
	build.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=", "GOTOOLCHAIN=local")
	build.WaitDelay = 5 * time.Second
	results := make([]mutationResult, len(mutants)+1)
	if out, err := build.CombinedOutput(); err != nil {
		results[0] = mutationResult{ran: true, tail: mutationTail(out, 40)}
		if ctx.Err() != nil {
			results[0].tail += fmt.Sprintf("\n(building the tests did not finish within %v)", budget.Round(time.Second))
		}
		return results
	}

	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i := range results {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			results[i] = mutationRunOne(ctx, bin, pkg, spec.tests, i)
		})
	}
	wg.Wait()
	return results
}

// mutationRunOne runs the test binary once, as variant i.
func mutationRunOne(ctx context.Context, bin, dir string, tests []string, i int) mutationResult {
	const limit = 30 * time.Second // a test that sleeps for real, or hangs
	ctx, cancel := context.WithTimeout(ctx, limit+5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-test.count=1", "-test.v", "-test.timeout="+limit.String(),
		"-test.run=^("+strings.Join(tests, "|")+")$")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), fmt.Sprintf("LEARN_MUTANT=%d", i))
	cmd.WaitDelay = 2 * time.Second
	out, err := cmd.CombinedOutput()
	res := mutationResult{passed: err == nil, tail: mutationTail(out, 40)}
	for _, test := range tests {
		if bytes.Contains(out, []byte("=== RUN   "+test+"\n")) {
			res.ran = true
		}
	}
	if ctx.Err() != nil {
		res.passed = false
		res.tail += fmt.Sprintf("\n(the test did not finish within %v)", limit)
	}
	return res
}

// mutationFold returns the package's files with every mutant folded in, so that one build
// holds all of them. A mutant may only change function bodies. Each function some mutant
// changes is kept as Name__m0 (the original) and Name__mI (mutant I's version), and Name
// becomes a dispatcher that calls the version LEARN_MUTANT selects, at run time. A function
// no mutant touches is left as it is.
func mutationFold(t *testing.T, sources map[string][]byte, mutants []mutant) map[string][]byte {
	out := map[string][]byte{}
	for f, data := range sources {
		out[f] = data
	}
	if len(mutants) == 0 {
		return out
	}
	fset := token.NewFileSet()
	show := func(n any) string {
		var b bytes.Buffer
		if err := printer.Fprint(&b, fset, n); err != nil {
			t.Fatalf("printing: %v", err)
		}
		return b.String()
	}
	funcKey := func(d *ast.FuncDecl) string {
		if d.Recv != nil && len(d.Recv.List) > 0 {
			return show(d.Recv.List[0].Type) + "." + d.Name.Name
		}
		return d.Name.Name
	}
	var pkgName string
	for f, data := range sources {
		var mine []int // the mutants (1-based) of this file
		for i, m := range mutants {
			if m.file == f {
				mine = append(mine, i+1)
			}
		}
		if len(mine) == 0 {
			continue
		}
		orig, err := parser.ParseFile(fset, f, data, parser.SkipObjectResolution)
		if err != nil {
			t.Fatalf("parsing %s: %v", f, err)
		}
		pkgName = orig.Name.Name
		origFuncs := map[string]*ast.FuncDecl{}
		var origOther []string
		for _, d := range orig.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok {
				origFuncs[funcKey(fd)] = fd
			} else {
				origOther = append(origOther, show(d))
			}
		}
		changed := map[string][]int{} // function key -> the mutants that change it
		var extra []string            // the mutants' versions, renamed
		for _, i := range mine {
			m := mutants[i-1]
			if n := bytes.Count(data, []byte(m.old)); n != 1 {
				t.Fatalf("the mutant where %s matches %s %d times, want once (a bug in this check)", m.bug, f, n)
			}
			mf, err := parser.ParseFile(fset, f, bytes.Replace(data, []byte(m.old), []byte(m.new), 1), parser.SkipObjectResolution)
			if err != nil {
				t.Fatalf("the mutant where %s does not parse (a bug in this check): %v", m.bug, err)
			}
			var other []string
			for _, d := range mf.Decls {
				fd, ok := d.(*ast.FuncDecl)
				if !ok {
					other = append(other, show(d))
					continue
				}
				k := funcKey(fd)
				if o := origFuncs[k]; o != nil && show(o) == show(fd) {
					continue
				}
				if origFuncs[k] == nil {
					t.Fatalf("the mutant where %s adds the function %s (a bug in this check)", m.bug, k)
				}
				changed[k] = append(changed[k], i)
				fd.Name.Name += fmt.Sprintf("__m%d", i)
				extra = append(extra, show(fd))
			}
			if !slices.Equal(other, origOther) {
				t.Fatalf("the mutant where %s changes more than function bodies (a bug in this check)", m.bug)
			}
		}
		var b strings.Builder
		fmt.Fprintf(&b, "package %s\n\n", pkgName)
		for _, d := range orig.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok {
				b.WriteString(show(d) + "\n\n")
				continue
			}
			k := funcKey(fd)
			if which, ok := changed[k]; ok {
				b.WriteString(mutationDispatcher(fd, which, show) + "\n\n")
				fd.Name.Name += "__m0"
			}
			b.WriteString(show(fd) + "\n\n")
		}
		for _, e := range extra {
			b.WriteString(e + "\n\n")
		}
		out[f] = []byte(b.String())
	}
	out["learn_mutant.go"] = []byte("package " + pkgName + "\n\nimport (\n\t\"os\"\n\t\"strconv\"\n)\n\n" +
		"// learnMutantID selects the variant the dispatchers call: 0 for the code as handed out.\n" +
		"var learnMutantID, _ = strconv.Atoi(os.Getenv(\"LEARN_MUTANT\"))\n")
	return out
}

// mutationDispatcher returns the source of a function with fd's name and signature that calls
// fd's version for the selected mutant, or the original (__m0).
func mutationDispatcher(fd *ast.FuncDecl, mutants []int, show func(any) string) string {
	var recv, call string
	if fd.Recv != nil && len(fd.Recv.List) > 0 {
		recv = "(r0 " + show(fd.Recv.List[0].Type) + ") "
		call = "r0."
	}
	var params, args []string
	for _, field := range fd.Type.Params.List {
		for range max(1, len(field.Names)) {
			name := fmt.Sprintf("a%d", len(params))
			params = append(params, name+" "+show(field.Type))
			if _, variadic := field.Type.(*ast.Ellipsis); variadic {
				name += "..."
			}
			args = append(args, name)
		}
	}
	var results []string
	if fd.Type.Results != nil {
		for _, field := range fd.Type.Results.List {
			for range max(1, len(field.Names)) {
				results = append(results, show(field.Type))
			}
		}
	}
	ret := "\t\treturn "
	end := ""
	if len(results) == 0 {
		ret = "\t\t"
		end = "\n\t\treturn"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "func %s%s(%s) (%s) {\n\tswitch learnMutantID {\n", recv, fd.Name.Name, strings.Join(params, ", "), strings.Join(results, ", "))
	for _, i := range mutants {
		fmt.Fprintf(&b, "\tcase %d:\n%s%s%s__m%d(%s)%s\n", i, ret, call, fd.Name.Name, i, strings.Join(args, ", "), end)
	}
	fmt.Fprintf(&b, "\t}\n%s%s%s__m0(%s)\n}", strings.TrimPrefix(ret, "\t"), call, fd.Name.Name, strings.Join(args, ", "))
	return b.String()
}

// mutationTail returns the last n lines of out.
func mutationTail(out []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
	if len(lines) > n {
		lines = append([]string{"..."}, lines[len(lines)-n:]...)
	}
	return strings.Join(lines, "\n")
}
