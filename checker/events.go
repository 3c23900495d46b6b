package checker

import (
	"bufio"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// event is one line of go test -json: a test2json TestEvent or a build event.
type event struct {
	Action      string
	Package     string
	Test        string
	Output      string
	Elapsed     float64
	ImportPath  string
	FailedBuild string
}

// collector accumulates events into per-test state.
type collector struct {
	perTest       int
	tests         map[string]*testState
	order         []string
	build         cappedBuffer
	buildFail     bool
	sawPackageEnd bool

	// trace holds everything printed from a "panic: " line on, uncapped by the per-test limit
	// (but capped on its own), because the goroutine dump is where the frames are.
	trace      cappedBuffer
	traceTest  string
	inTrace    bool
	sawTimeout bool
}

type testState struct {
	name    string
	outcome string
	out     headTail
	elapsed time.Duration
}

func newCollector(perTest int) *collector {
	c := &collector{perTest: perTest, tests: map[string]*testState{}}
	c.build.limit = 64 << 10
	c.trace.limit = 512 << 10
	return c
}

// read decodes events from r until EOF. It returns true if more than limit bytes arrived, in
// which case it stops reading early (the caller kills the run) after draining nothing further.
func (c *collector) read(r io.Reader, limit int64) (flooded bool) {
	br := bufio.NewReaderSize(r, 64<<10)
	var total int64
	var long []byte
	for {
		chunk, err := br.ReadSlice('\n')
		total += int64(len(chunk))
		if total > limit {
			return true
		}
		switch {
		case err == bufio.ErrBufferFull:
			// A very long line: keep up to 1 MiB of it, drop the rest.
			if len(long) < 1<<20 {
				long = append(long, chunk...)
			}
			continue
		case long != nil:
			chunk = append(long, chunk...)
			long = nil
		}
		if len(chunk) > 0 {
			c.handle(chunk)
		}
		if err != nil {
			return false
		}
	}
}

func (c *collector) handle(line []byte) {
	var ev event
	if err := json.Unmarshal(line, &ev); err != nil {
		// Not an event (go test prints some errors as plain text); keep it with the build output.
		c.build.Write(line)
		return
	}
	switch ev.Action {
	case "build-output":
		c.build.Write([]byte(ev.Output))
		return
	case "build-fail":
		c.buildFail = true
		return
	}
	if ev.FailedBuild != "" {
		c.buildFail = true
	}
	if ev.Test == "" {
		if ev.Action == "pass" || ev.Action == "fail" || ev.Action == "skip" {
			c.sawPackageEnd = true
		}
		if ev.Action == "output" {
			c.output("", ev.Output)
		}
		return
	}
	t := c.tests[ev.Test]
	if t == nil {
		t = &testState{name: ev.Test}
		t.out.limit = c.perTest
		c.tests[ev.Test] = t
		c.order = append(c.order, ev.Test)
	}
	switch ev.Action {
	case "output":
		c.output(ev.Test, ev.Output)
	case "pass", "fail", "skip":
		t.outcome = ev.Action
		t.elapsed = time.Duration(ev.Elapsed * float64(time.Second))
	}
}

func (c *collector) output(test, out string) {
	if strings.HasPrefix(out, "panic: ") && !c.inTrace {
		c.inTrace = true
		c.traceTest = test
		c.sawTimeout = strings.HasPrefix(out, "panic: test timed out after ")
	}
	if c.inTrace {
		c.trace.Write([]byte(out))
		return
	}
	if test == "" {
		return
	}
	if isFraming(out) {
		return
	}
	c.tests[test].out.WriteString(out)
}

// isFraming reports whether a line is go test's own bookkeeping rather than test output.
func isFraming(line string) bool {
	for _, p := range []string{"=== RUN", "=== PAUSE", "=== CONT", "=== NAME", "--- PASS", "--- FAIL", "--- SKIP"} {
		if strings.HasPrefix(strings.TrimLeft(line, " "), p) {
			return true
		}
	}
	return false
}

// result builds the verdict from what was collected.
func (c *collector) result(dir string, ov *overlay) *Result {
	res := &Result{}
	if c.buildFail {
		res.Status = BuildFailed
		res.BuildOutput = c.build.String()
		res.Build, res.Vet = parseBuild(res.BuildOutput, dir, ov)
		return res
	}
	if c.inTrace {
		trace := c.trace.String()
		tr := parseTrace(trace, dir, ov)
		if c.sawTimeout {
			res.Status = TimedOut
			tr.After = timeoutAfter(trace)
			res.Timeout = tr
		} else {
			res.Status = Panicked
			if tr.Test == "" {
				tr.Test = c.traceTest
			}
			res.Panic = tr
		}
	}
	return res
}

// sortedTests lists the tests in the order they started, then requested tests that never did.
func sortedTests(c *collector, requested []string) []Test {
	out := make([]Test, 0, len(c.order))
	for _, name := range c.order {
		t := c.tests[name]
		out = append(out, Test{Name: name, Outcome: t.outcome, Output: t.out.String(), Elapsed: t.elapsed})
	}
	for _, name := range requested {
		if _, ok := c.tests[name]; !ok {
			out = append(out, Test{Name: name})
		}
	}
	return out
}

var (
	buildLine = regexp.MustCompile(`^(.+?\.go):(\d+)(?::(\d+))?: (.*)$`)
	vetHeader = regexp.MustCompile(`^# \[.*\]$`)
)

// parseBuild splits compiler or vet output into errors with file positions.
func parseBuild(out, dir string, ov *overlay) (errs []BuildError, vet bool) {
	for line := range strings.SplitSeq(out, "\n") {
		switch {
		case vetHeader.MatchString(line):
			vet = true
		case strings.HasPrefix(line, "# ") || strings.TrimSpace(line) == "":
		case buildLine.MatchString(line):
			m := buildLine.FindStringSubmatch(line)
			n, _ := strconv.Atoi(m[2])
			col, _ := strconv.Atoi(m[3])
			e := BuildError{Line: n, Col: col, Message: m[4]}
			e.File, e.Source = locate(m[1], n, dir, ov)
			errs = append(errs, e)
		case (strings.HasPrefix(line, "\t") || strings.HasPrefix(line, "  ")) && len(errs) > 0:
			errs[len(errs)-1].Message += "\n" + strings.TrimSpace(line)
		default:
			errs = append(errs, BuildError{Message: strings.TrimSpace(line)})
		}
	}
	return errs, vet
}

// locate turns a path from the go command (relative to dir, or absolute, or an overlay's temp
// file) into a module-relative path, and reads line n of it.
func locate(p string, n int, dir string, ov *overlay) (rel, source string) {
	abs := p
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(dir, filepath.FromSlash(p))
	}
	abs = filepath.Clean(abs)
	var data []byte
	if back, ok := ov.back[abs]; ok {
		rel, data = back, ov.content[abs]
	} else {
		rel = abs
		if r, err := filepath.Rel(dir, abs); err == nil && !strings.HasPrefix(r, "..") {
			rel = filepath.ToSlash(r)
		}
		data, _ = os.ReadFile(abs)
	}
	if n > 0 && data != nil {
		lines := strings.Split(string(data), "\n")
		if n <= len(lines) {
			source = strings.TrimRight(lines[n-1], "\r")
		}
	}
	return rel, source
}

// headTail keeps the first and last limit/2 bytes written to it.
type headTail struct {
	limit   int
	head    strings.Builder
	tail    []byte
	dropped int64
}

func (h *headTail) WriteString(s string) {
	half := h.limit / 2
	if room := half - h.head.Len(); room > 0 {
		n := min(room, len(s))
		h.head.WriteString(s[:n])
		s = s[n:]
	}
	if s == "" {
		return
	}
	h.tail = append(h.tail, s...)
	// Compact only when the tail has grown to twice its size, so that a flood of tiny writes
	// costs amortised constant time per byte.
	if len(h.tail) > 2*half {
		over := len(h.tail) - half
		h.dropped += int64(over)
		h.tail = append(h.tail[:0], h.tail[over:]...)
	}
}

func (h *headTail) String() string {
	tail, dropped := h.tail, h.dropped
	if half := h.limit / 2; len(tail) > half {
		dropped += int64(len(tail) - half)
		tail = tail[len(tail)-half:]
	}
	if dropped == 0 {
		return h.head.String() + string(tail)
	}
	return h.head.String() + "\n… " + strconv.FormatInt(dropped, 10) + " bytes of output not shown …\n" + string(tail)
}
