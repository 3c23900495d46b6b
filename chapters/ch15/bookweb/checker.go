package bookweb

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"time"
)

// MaxCheckOutput is the most a check command may print before CommandChecker stops reading it,
// in bytes: learn check --json caps a verdict's details at 64 KiB, so 1 MiB is plenty.
const MaxCheckOutput = 1 << 20

// A Checker runs the check of one step and returns its verdict. An error means the check could
// not run at all (the command is missing, it timed out, it printed no verdict); a failing check
// is a Verdict with Passed false, not an error.
type Checker func(ctx context.Context, step string) (Verdict, error)

// CommandChecker returns a Checker that runs argv followed by the step id and "--json", as in
// learn --dir WORKSPACE check STEP --json, and reads the verdict from the first line of its
// output that is a JSON object. The command's exit status is not an error, since learn check
// exits 1 for a failing step; printing no verdict is. A check that takes longer than timeout is
// killed.
func CommandChecker(argv []string, timeout time.Duration) Checker {
	argv = append([]string(nil), argv...) // the caller's slice may change later
	return func(ctx context.Context, step string) (Verdict, error) {
		if len(argv) == 0 {
			return Verdict{}, errors.New("bookweb: no check command")
		}
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		args := append(append([]string(nil), argv[1:]...), step, "--json")
		cmd := exec.CommandContext(ctx, argv[0], args...)
		cmd.WaitDelay = time.Second // a killed command's children may hold its output open
		var out bytes.Buffer
		cmd.Stdout = &limitWriter{w: &out, n: MaxCheckOutput}
		runErr := cmd.Run()
		if ctx.Err() != nil {
			return Verdict{}, fmt.Errorf("bookweb: the check of %s: no verdict within %v", step, timeout)
		}
		for line := range bytes.Lines(out.Bytes()) {
			line = bytes.TrimSpace(line)
			if len(line) == 0 || line[0] != '{' {
				continue
			}
			var v Verdict
			if err := json.Unmarshal(line, &v); err != nil {
				return Verdict{}, fmt.Errorf("bookweb: the check of %s printed a bad verdict: %w", step, err)
			}
			if v.Step != step {
				return Verdict{}, fmt.Errorf("bookweb: asked to check %s, got the verdict of %q", step, v.Step)
			}
			return v, nil
		}
		if runErr != nil {
			return Verdict{}, fmt.Errorf("bookweb: the check of %s printed no verdict: %w", step, runErr)
		}
		return Verdict{}, fmt.Errorf("bookweb: the check of %s printed no verdict", step)
	}
}

// limitWriter passes on the first n bytes written to it and drops the rest, so that a command
// that floods its output cannot fill the memory.
type limitWriter struct {
	w io.Writer
	n int
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if l.n > 0 {
		k := min(len(p), l.n)
		l.w.Write(p[:k])
		l.n -= k
	}
	return len(p), nil
}
