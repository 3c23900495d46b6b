// Package checker runs a step's check test against a learner's package and turns what happened
// into a verdict a learner can act on.
//
// Run adds as little as possible on top of the go test it runs:
//
//	go test -json -count=1 -timeout=T -overlay=O -run '^(TestA|TestB)$' ./pkg
//
// in the learner's module. The overlay puts the pristine check files in place of (or next to)
// the learner's copies, so editing or deleting those copies changes nothing. The JSON event stream
// is decoded as it arrives; output is capped, so a program that prints gigabytes costs memory
// only up to the cap, and a run that floods past the hard limit is stopped. The go command runs in
// its own process group, which is killed as a whole when the run is cancelled or overruns.
//
// A verdict is a [Result] with one [Status]: Passed, Failed (which tests, with their messages),
// BuildFailed (file:line:col, message and the offending source line), Panicked (the message and
// the frames in the learner's code first) or TimedOut (after how long, and where the test was
// blocked). An error from Run means the checker itself could not run (no go command, no
// workspace), never that the learner's code is wrong.
package checker

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

// Defaults for a Request's zero fields.
const (
	DefaultTimeout = 30 * time.Second
	// DefaultTestOutput is how much output is kept per test: the head and the tail, half each.
	DefaultTestOutput = 32 << 10
	// DefaultFloodLimit is how many bytes of go test output a run may produce before it is stopped.
	DefaultFloodLimit = 64 << 20
	// buildGrace is how long the go command may take beyond the test timeout (compiling, linking)
	// before the whole process group is killed.
	buildGrace = 2 * time.Minute
)

// A Request says what to check.
type Request struct {
	// Dir is the root of the learner's module (the folder holding go.mod).
	Dir string
	// Package is the package folder to test, relative to Dir, slash-separated ("logtar").
	Package string
	// Files are the pristine test files, keyed by path relative to Dir. They are overlaid on the
	// learner's files, so they run whatever the learner's copies say.
	Files map[string][]byte
	// Tests are the test functions to run. Empty means every Test function in Files.
	Tests []string
	// Timeout limits the test binary's run (go test -timeout). Zero means DefaultTimeout.
	Timeout time.Duration
	// TestOutput caps the output kept per test. Zero means DefaultTestOutput.
	TestOutput int
	// FloodLimit caps the total output before the run is stopped. Zero means DefaultFloodLimit.
	FloodLimit int64
	// GoCmd is the go command to run. Empty means "go" from PATH.
	GoCmd string
	// CompileOnly builds and vets the package with its tests and runs none of them: the result
	// is Passed or BuildFailed.
	CompileOnly bool
}

// Run checks req and returns the verdict. The error is non-nil only when the check could not be
// run at all.
//
// It goes through four phases: settle the request (defaults, the module, the tests to run),
// write the overlay of pristine check files, run go test in its own process group while
// decoding its events, and decide the verdict from what came back.
func Run(ctx context.Context, req Request) (*Result, error) {
	start := time.Now()
	dir, tests, err := req.settle()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "learn-check-")
	if err != nil {
		return nil, fmt.Errorf("checker: %w", err)
	}
	defer os.RemoveAll(tmp)
	ov, err := writeOverlay(tmp, dir, req.Files)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, req.Timeout+buildGrace)
	defer cancel()
	run, err := startGoTest(ctx, req, dir, tests, ov)
	if err != nil {
		return nil, err
	}
	col := newCollector(req.TestOutput)
	flooded := col.read(run.stdout, req.FloodLimit)
	if flooded {
		_ = run.cmd.Cancel() // the run is being abandoned; Wait reports the rest
	}
	waitErr := run.cmd.Wait()

	res := col.result(dir, ov)
	res.Stderr = run.stderr.String()
	res.Elapsed = time.Since(start)
	res.Tests = sortedTests(col, tests)
	return verdict(ctx, res, req, tests, flooded, waitErr, col.sawPackageEnd)
}

// settle fills in req's defaults and returns the module's absolute folder and the tests to run
// (none for a compile-only check).
func (req *Request) settle() (dir string, tests []string, err error) {
	if req.Timeout <= 0 {
		req.Timeout = DefaultTimeout
	}
	if req.TestOutput <= 0 {
		req.TestOutput = DefaultTestOutput
	}
	if req.FloodLimit <= 0 {
		req.FloodLimit = DefaultFloodLimit
	}
	if req.GoCmd == "" {
		req.GoCmd = "go"
	}
	dir, err = filepath.Abs(req.Dir)
	if err != nil {
		return "", nil, fmt.Errorf("checker: %w", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		return "", nil, fmt.Errorf("checker: %s is not a Go module: %w", dir, err)
	}
	tests = req.Tests
	if len(tests) == 0 {
		for name, src := range req.Files {
			names, err := TestNames(src)
			if err != nil {
				return "", nil, fmt.Errorf("checker: %s: %w", name, err)
			}
			tests = append(tests, names...)
		}
		sort.Strings(tests)
	}
	if len(tests) == 0 {
		return "", nil, errors.New("checker: no test functions to run")
	}
	if req.CompileOnly {
		tests = nil
	}
	return dir, tests, nil
}

// A goTest is a running go test.
type goTest struct {
	cmd    *exec.Cmd
	stdout io.Reader
	stderr *cappedBuffer
}

// startGoTest starts go test -json for req in its own process group, killed as a whole when
// ctx ends.
func startGoTest(ctx context.Context, req Request, dir string, tests []string, ov *overlay) (*goTest, error) {
	run := "-run=^$" // compile only
	if len(tests) > 0 {
		run = "-run=^(" + strings.Join(quoteAll(tests), "|") + ")$"
	}
	args := []string{"test", "-json", "-count=1", "-timeout=" + req.Timeout.String(), run}
	if len(ov.replace) > 0 {
		args = append(args, "-overlay="+ov.file)
	}
	args = append(args, "./"+strings.TrimPrefix(filepath.ToSlash(req.Package), "./"))
	cmd := exec.CommandContext(ctx, req.GoCmd, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	setProcessGroup(cmd)
	cmd.WaitDelay = 2 * time.Second
	stderr := &cappedBuffer{limit: 64 << 10}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("checker: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("checker: start %s: %w", req.GoCmd, err)
	}
	return &goTest{cmd, stdout, stderr}, nil
}

// verdict decides res's status once the run is over: a flood, a run stopped by its deadline (or
// by the caller, which is an error), or the tests' own outcomes.
func verdict(ctx context.Context, res *Result, req Request, tests []string, flooded bool, waitErr error, sawPackageEnd bool) (*Result, error) {
	switch {
	case flooded:
		res.Status = Failed
		res.Flooded = true
	case ctx.Err() != nil && res.Status != TimedOut:
		if parent := context.Cause(ctx); errors.Is(parent, context.Canceled) {
			return nil, fmt.Errorf("checker: %w", parent)
		}
		res.Status = TimedOut
		res.Timeout = &Trace{After: req.Timeout + buildGrace, Message: "the go command did not finish and was stopped"}
	case res.Status == 0:
		res.Status = decide(res, tests)
		if res.Status == Failed && len(res.Failures()) == 0 && waitErr != nil && !sawPackageEnd {
			// The go command failed before any test ran (a broken go.mod, a missing package).
			res.Status = BuildFailed
		}
	}
	return res, nil
}

// decide turns per-test outcomes into a status once build failures, panics and timeouts have
// been ruled out.
func decide(res *Result, requested []string) Status {
	passed := map[string]bool{}
	for _, t := range res.Tests {
		if t.Outcome == "fail" {
			return Failed
		}
		if t.Outcome == "pass" || t.Outcome == "skip" {
			passed[t.Name] = true
		}
	}
	for _, name := range requested {
		if !passed[name] {
			return Failed // a test that never reported: the binary exited early or skipped it
		}
	}
	return Passed
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = regexp.QuoteMeta(n)
	}
	return out
}

// overlay records where the pristine files were written, to map compiler paths back.
type overlay struct {
	file    string            // the overlay JSON
	replace map[string]string // absolute workspace path -> temp file
	back    map[string]string // temp file -> workspace-relative path
	content map[string][]byte // temp file -> content
}

// isCheck reports whether rel (module-relative) is one of the overlaid check files.
func (ov *overlay) isCheck(rel string) bool {
	for _, b := range ov.back {
		if b == rel {
			return true
		}
	}
	return false
}

func writeOverlay(tmp, dir string, files map[string][]byte) (*overlay, error) {
	ov := &overlay{file: filepath.Join(tmp, "overlay.json"), replace: map[string]string{},
		back: map[string]string{}, content: map[string][]byte{}}
	i := 0
	for rel, data := range files {
		i++
		src := filepath.Join(tmp, fmt.Sprintf("%03d_%s", i, filepath.Base(rel)))
		if err := os.WriteFile(src, data, 0o644); err != nil {
			return nil, fmt.Errorf("checker: %w", err)
		}
		dst := filepath.Join(dir, filepath.FromSlash(rel))
		ov.replace[dst] = src
		ov.back[src] = filepath.ToSlash(rel)
		ov.content[src] = data
	}
	data, err := json.Marshal(struct{ Replace map[string]string }{ov.replace})
	if err != nil {
		return nil, fmt.Errorf("checker: %w", err)
	}
	if err := os.WriteFile(ov.file, data, 0o644); err != nil {
		return nil, fmt.Errorf("checker: %w", err)
	}
	return ov, nil
}

// cappedBuffer keeps the first limit bytes written to it and counts the rest.
type cappedBuffer struct {
	buf     bytes.Buffer
	limit   int
	dropped int64
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	room := c.limit - c.buf.Len()
	if room > len(p) {
		room = len(p)
	}
	if room > 0 {
		c.buf.Write(p[:room])
	}
	c.dropped += int64(len(p) - max(room, 0))
	return len(p), nil
}

func (c *cappedBuffer) String() string {
	if c.dropped > 0 {
		return c.buf.String() + fmt.Sprintf("\n… %d more bytes not shown\n", c.dropped)
	}
	return c.buf.String()
}

var _ io.Writer = (*cappedBuffer)(nil)
