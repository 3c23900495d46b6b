package checker

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Headline returns the verdict in one line: "passed (4 tests, 1.3s)", "failed: TestReadLines",
// "does not compile: files/lines.go:12:5: undefined: bufio.NewScaner".
func (r *Result) Headline() string {
	switch r.Status {
	case Passed:
		n := 0
		for _, t := range r.Tests {
			if !strings.Contains(t.Name, "/") {
				n++
			}
		}
		if r.Elapsed <= 0 {
			return fmt.Sprintf("passed (%d %s)", n, plural(n, "test", "tests"))
		}
		return fmt.Sprintf("passed (%d %s, %s)", n, plural(n, "test", "tests"), round(r.Elapsed))
	case Failed:
		if r.Flooded {
			return "stopped: the tests printed far too much output"
		}
		var names []string
		for _, t := range r.Failures() {
			names = append(names, t.Name)
		}
		names = append(names, r.Missing()...)
		if len(names) > 3 {
			names = append(names[:3], fmt.Sprintf("and %d more", len(names)-3))
		}
		return "failed: " + strings.Join(names, ", ")
	case BuildFailed:
		what := "does not compile"
		if r.Vet {
			what = "go vet objects"
		}
		if len(r.Build) > 0 {
			return what + ": " + r.Build[0].String()
		}
		return what
	case Panicked:
		return fmt.Sprintf("panicked in %s: %s", r.Panic.Test, firstLine(r.Panic.Message))
	case TimedOut:
		if r.Timeout.Test != "" {
			return fmt.Sprintf("timed out after %s in %s", r.Timeout.After, r.Timeout.Test)
		}
		return fmt.Sprintf("timed out after %s", r.Timeout.After)
	}
	return r.Status.String()
}

// Details returns what a learner needs beyond the headline, as plain indented text: each failing
// test's message, compile errors with their source lines, the frames of a panic or a timeout.
func (r *Result) Details() string {
	var b strings.Builder
	switch r.Status {
	case Failed:
		if r.Flooded {
			b.WriteString("The check was stopped because the code printed more output than the checker keeps.\n" +
				"Look for a print inside a loop that never ends, or remove debugging output.\n")
		}
		for _, t := range r.Failures() {
			fmt.Fprintf(&b, "%s\n", t.Name)
			writeIndented(&b, CleanOutput(t.Output), "    ")
		}
		for _, name := range r.Missing() {
			fmt.Fprintf(&b, "%s\n    did not finish: the test binary stopped before it reported (does your code call os.Exit?)\n", name)
		}
	case BuildFailed:
		if r.Vet {
			b.WriteString("go test runs go vet before the tests, and vet reports:\n")
		}
		for _, e := range r.Build {
			fmt.Fprintf(&b, "%s\n", e)
			if e.Source != "" {
				writeSource(&b, e)
			}
		}
		if len(r.Build) == 0 && r.Stderr != "" {
			b.WriteString(r.Stderr)
		}
	case Panicked:
		fmt.Fprintf(&b, "panic: %s\n", r.Panic.Message)
		writeFrames(&b, r.Panic.Frames)
	case TimedOut:
		if r.Timeout.Message != "" {
			fmt.Fprintf(&b, "%s\n", r.Timeout.Message)
		}
		writeFrames(&b, r.Timeout.Frames)
	}
	return b.String()
}

func writeFrames(b *strings.Builder, frames []Frame) {
	for i, f := range frames {
		word := "called from"
		if i == 0 {
			word = "at"
		}
		fmt.Fprintf(b, "    %-11s %s\n", word, f)
	}
}

func writeSource(b *strings.Builder, e BuildError) {
	line := strings.ReplaceAll(e.Source, "\t", "    ")
	fmt.Fprintf(b, "    %5d | %s\n", e.Line, line)
	if e.Col > 0 {
		// Column counts bytes and a tab is one byte; the display widened tabs to four spaces.
		prefix := e.Source[:min(e.Col-1, len(e.Source))]
		width := len(strings.ReplaceAll(prefix, "\t", "    "))
		fmt.Fprintf(b, "    %5s | %s^\n", "", strings.Repeat(" ", width))
	}
}

func writeIndented(b *strings.Builder, text, indent string) {
	for l := range strings.SplitSeq(strings.TrimRight(text, "\n"), "\n") {
		b.WriteString(indent + l + "\n")
	}
}

// testPrefix matches the "    check_lines_test.go:23: " that t.Errorf puts before a message.
var testPrefix = regexp.MustCompile(`^\s*[\w.\-]+_test\.go:\d+: `)

// CleanOutput turns a test's raw output into the learner-facing message: the file:line prefix of
// t.Error lines is dropped and continuation lines are dedented.
func CleanOutput(out string) string {
	var b strings.Builder
	for l := range strings.SplitSeq(strings.TrimRight(out, "\n"), "\n") {
		switch {
		case testPrefix.MatchString(l):
			l = testPrefix.ReplaceAllString(l, "")
		case strings.HasPrefix(l, "        "):
			l = "    " + strings.TrimPrefix(l, "        ")
		}
		b.WriteString(l + "\n")
	}
	return b.String()
}

func firstLine(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	return first
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func round(d time.Duration) time.Duration {
	if d > time.Second {
		return d.Round(100 * time.Millisecond)
	}
	return d.Round(time.Millisecond)
}
