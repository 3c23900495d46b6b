package bookweb

// statuses are the verdict statuses learn check --json prints: the only values the checks
// counter's label takes, so that a checker printing anything cannot grow its series.
var statuses = []string{"passed", "failed", "build_failed", "panicked", "timed_out", "error"}

// checkBuckets are the bounds of the check duration histogram, in seconds: a check takes seconds,
// and a layout for milliseconds would put every one in +Inf.
var checkBuckets = []float64{0.5, 1, 2, 5, 10, 20, 30, 60, 120}

// statusLabel returns the checks counter's label for a verdict's status: the status if it is one
// of statuses, "other" if not.
func statusLabel(s string) string {
	// TODO(15.10): s only when slices.Contains(statuses, s); "other" for anything else.
	return s
}
