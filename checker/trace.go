package checker

import (
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// A goroutine is one block of a Go traceback: "goroutine 7 [chan receive]:" and its frames.
type goroutine struct {
	state  string
	frames []Frame
}

var (
	goroutineHeader = regexp.MustCompile(`^goroutine \d+ \[([^\]]*)\]:$`)
	frameFile       = regexp.MustCompile(`^\t(.+\.go):(\d+)(?: \+0x[0-9a-f]+)?$`)
	runningTest     = regexp.MustCompile(`^\t\t(\S+) \(`)
	timedOutAfter   = regexp.MustCompile(`^panic: test timed out after (\S+)`)
)

// parseTrace reads a panic or timeout report: the message, then goroutine blocks. It picks the
// goroutine that matters (the one whose stack reaches the learner's code, else the one running
// the test) and orders its frames learner first.
func parseTrace(trace, dir string, ov *overlay) *Trace {
	lines := strings.Split(trace, "\n")
	tr := &Trace{}
	i := 0
	// The message: the "panic: " line and any continuation up to the first blank line or header.
	var msg []string
	for ; i < len(lines); i++ {
		l := lines[i]
		if strings.TrimSpace(l) == "" || goroutineHeader.MatchString(l) {
			break
		}
		if l == "\trunning tests:" {
			for i++; i < len(lines) && runningTest.MatchString(lines[i]); i++ {
				if tr.Test == "" {
					tr.Test = runningTest.FindStringSubmatch(lines[i])[1]
				}
			}
			break
		}
		msg = append(msg, l)
	}
	message := strings.TrimPrefix(strings.Join(msg, "\n"), "panic: ")
	message = strings.TrimSuffix(message, " [recovered, repanicked]")
	message = strings.TrimSuffix(message, " [recovered]")
	tr.Message = message

	var gs []goroutine
	for ; i < len(lines); i++ {
		m := goroutineHeader.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		g := goroutine{state: m[1]}
		for i++; i < len(lines) && strings.TrimSpace(lines[i]) != ""; i++ {
			fn := lines[i]
			if i+1 >= len(lines) {
				break
			}
			fm := frameFile.FindStringSubmatch(lines[i+1])
			if fm == nil {
				continue
			}
			i++
			n, _ := strconv.Atoi(fm[2])
			f := Frame{Func: funcName(fn), Line: n}
			f.File, _ = locate(fm[1], 0, dir, ov)
			f.Learner = !ov.isCheck(f.File) && !filepath.IsAbs(f.File) && !strings.HasPrefix(f.File, "_testmain")
			g.frames = append(g.frames, f)
		}
		gs = append(gs, g)
	}

	chosen := pickGoroutine(gs, tr.Test)
	if chosen == nil {
		return tr
	}
	if strings.HasPrefix(tr.Message, "test timed out") {
		tr.Message = "blocked in " + chosen.state
	}
	tr.Frames = orderFrames(chosen.frames)
	return tr
}

// pickGoroutine prefers a goroutine stuck in learner code, then the one running the test.
func pickGoroutine(gs []goroutine, test string) *goroutine {
	top := test
	if i := strings.IndexByte(top, '/'); i >= 0 {
		top = top[:i]
	}
	var running *goroutine
	for i := range gs {
		g := &gs[i]
		if isAlarm(g) {
			continue
		}
		for _, f := range g.frames {
			if f.Learner {
				return g
			}
		}
		for _, f := range g.frames {
			if top != "" && strings.HasSuffix(f.Func, "."+top) && running == nil {
				running = g
			}
		}
	}
	if running != nil {
		return running
	}
	for i := range gs {
		if !isAlarm(&gs[i]) {
			return &gs[i]
		}
	}
	return nil
}

// isAlarm reports whether g is the testing package's own timeout alarm.
func isAlarm(g *goroutine) bool {
	return len(g.frames) > 0 && strings.HasPrefix(g.frames[0].Func, "testing.(*M).startAlarm")
}

// orderFrames puts learner frames first, then the check test's frames, then up to three other
// frames (where a panic in the standard library started), dropping the runtime and testing
// machinery.
func orderFrames(frames []Frame) []Frame {
	var learner, check, other []Frame
	for _, f := range frames {
		switch {
		case f.Learner:
			learner = append(learner, f)
		case strings.HasSuffix(f.File, "_test.go") && !filepath.IsAbs(f.File):
			check = append(check, f)
		case machinery(f.Func):
		default:
			if len(other) < 3 {
				other = append(other, f)
			}
		}
	}
	return append(append(learner, check...), other...)
}

func machinery(fn string) bool {
	if fn == "panic" {
		return true
	}
	for _, p := range []string{"runtime.", "testing.", "created by ", "main.main"} {
		if strings.HasPrefix(fn, p) {
			return true
		}
	}
	return false
}

// funcName strips the argument list from a traceback line: "workspace/p.Boom(...)" -> "workspace/p.Boom".
func funcName(line string) string {
	line = strings.TrimSpace(line)
	if strings.HasPrefix(line, "created by ") {
		return line
	}
	if i := strings.LastIndexByte(line, '('); i > 0 {
		return line[:i]
	}
	return line
}

func timeoutAfter(trace string) time.Duration {
	first, _, _ := strings.Cut(trace, "\n")
	if m := timedOutAfter.FindStringSubmatch(first); m != nil {
		d, _ := time.ParseDuration(m[1])
		return d
	}
	return 0
}
