package bookweb

import (
	"context"
	"errors"
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
		// TODO(15.07): run argv + step + "--json" under timeout, keep at most MaxCheckOutput
		// bytes, and return the verdict of the first JSON line (its Step must be step).
		return Verdict{}, errors.New("bookweb: CommandChecker is not written yet (step 15.07-check)")
	}
}
