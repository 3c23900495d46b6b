package checker

import (
	"fmt"
	"strings"
	"time"
)

// Status is the kind of verdict.
type Status int

// The verdicts, from best to worst news.
const (
	Passed      Status = iota + 1 // every requested test passed
	Failed                        // a test failed, or did not report
	BuildFailed                   // the package or its tests do not compile (or go vet objects)
	Panicked                      // a test panicked
	TimedOut                      // the tests ran past their time limit
)

func (s Status) String() string {
	switch s {
	case Passed:
		return "passed"
	case Failed:
		return "failed"
	case BuildFailed:
		return "does not compile"
	case Panicked:
		return "panicked"
	case TimedOut:
		return "timed out"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// A Result is the verdict of one check.
type Result struct {
	Status Status
	// Tests are the tests that ran (top-level and subtests), in the order they started, plus
	// requested tests that never started (Outcome "").
	Tests []Test
	// Build holds the compiler's (or vet's) complaints when Status is BuildFailed.
	Build []BuildError
	// BuildOutput is the raw build output, for learners who want to read it as the go command wrote it.
	BuildOutput string
	// Vet is true when the build failure comes from go vet, which go test runs before the tests.
	Vet bool
	// Panic describes the panic when Status is Panicked.
	Panic *Trace
	// Timeout describes where the tests were when time ran out, when Status is TimedOut.
	Timeout *Trace
	// Flooded is true when the run was stopped because it printed more than the flood limit.
	Flooded bool
	// Stderr is what the go command wrote to standard error (capped).
	Stderr  string
	Elapsed time.Duration
}

// A Test is one test's outcome.
type Test struct {
	Name    string        // "TestReadLines" or "TestReadLines/empty_file"
	Outcome string        // "pass", "fail", "skip", or "" when it never finished
	Output  string        // what it printed, without the === RUN / --- FAIL framing (capped)
	Elapsed time.Duration // as go test reported it
}

// A BuildError is one compiler or vet message.
type BuildError struct {
	File    string // relative to the module root, slash-separated ("logtar/level.go")
	Line    int
	Col     int
	Message string
	Source  string // the offending line of source, if it could be read
}

func (e BuildError) String() string {
	switch {
	case e.File == "":
		return e.Message
	case e.Col > 0:
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Message)
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Message)
	}
	return e.File + ": " + e.Message
}

// A Trace is a panic or a timeout: what was said and where the goroutine running the test was.
type Trace struct {
	Test    string        // the test that was running
	Message string        // the panic value, or what the test was waiting on
	After   time.Duration // for timeouts: the limit that was reached
	Frames  []Frame       // learner frames first, then the rest of the stack that matters
}

// A Frame is one function call on a stack.
type Frame struct {
	Func    string // "workspace/files.ReadLines"
	File    string // relative to the module root when inside it; absolute otherwise
	Line    int
	Learner bool // the frame is in the learner's own code (not the check test, not the Go runtime)
}

func (f Frame) String() string {
	return fmt.Sprintf("%s:%d %s", f.File, f.Line, shortFunc(f.Func))
}

// shortFunc drops the import path from a function name: "workspace/files.ReadLines" -> "files.ReadLines".
func shortFunc(fn string) string {
	if i := strings.LastIndexByte(fn, '/'); i >= 0 {
		return fn[i+1:]
	}
	return fn
}

// Failures returns the failing tests that have no failing subtests: the ones whose messages
// say what went wrong.
func (r *Result) Failures() []Test {
	var out []Test
	for i, t := range r.Tests {
		if t.Outcome != "fail" {
			continue
		}
		leaf := true
		for _, u := range r.Tests[i+1:] {
			if u.Outcome == "fail" && strings.HasPrefix(u.Name, t.Name+"/") {
				leaf = false
				break
			}
		}
		if leaf {
			out = append(out, t)
		}
	}
	return out
}

// Missing returns the requested tests that never reported a result.
func (r *Result) Missing() []string {
	var out []string
	for _, t := range r.Tests {
		if t.Outcome == "" {
			out = append(out, t.Name)
		}
	}
	return out
}
