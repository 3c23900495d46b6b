package checker

import (
	"unicode/utf8"
)

// VerdictVersion is the version of the Verdict format. It changes only when a field changes
// meaning or goes away; new fields may appear without it.
const VerdictVersion = 1

// MaxVerdictDetails caps Verdict.Details, in bytes.
const MaxVerdictDetails = 64 << 10

// A Verdict is a check's result as a stable, machine-readable object: what learn check --json
// prints, one per line, and what a program that runs learn (the capstone's web edition) reads.
type Verdict struct {
	Version int    `json:"version"` // VerdictVersion
	Step    string `json:"step"`    // the step's id
	// Status is one of "passed", "failed", "build_failed", "panicked", "timed_out", or "error"
	// when the check could not run at all (Headline says why).
	Status   string `json:"status"`
	Passed   bool   `json:"passed"`
	Headline string `json:"headline"`          // one line, as learn check prints it
	Details  string `json:"details,omitempty"` // failures, compiler lines or a trace; at most MaxVerdictDetails
	// ElapsedMS is how long the check ran, in milliseconds (0 for an error).
	ElapsedMS int64 `json:"elapsed_ms"`
	// Warning is set when the verdict stands but progress could not be saved.
	Warning string `json:"warning,omitempty"`
}

// Code returns the status as Verdict.Status spells it: a word for programs, where String is
// for people.
func (s Status) Code() string {
	switch s {
	case Passed:
		return "passed"
	case Failed:
		return "failed"
	case BuildFailed:
		return "build_failed"
	case Panicked:
		return "panicked"
	case TimedOut:
		return "timed_out"
	}
	return "error"
}

// NewVerdict returns the verdict of step's check result.
func NewVerdict(step string, r *Result) Verdict {
	v := Verdict{Version: VerdictVersion, Step: step, Status: r.Status.Code(), Passed: r.Status == Passed,
		Headline: r.Headline(), ElapsedMS: r.Elapsed.Milliseconds()}
	if !v.Passed {
		v.Details = r.Details()
		if len(v.Details) > MaxVerdictDetails {
			cut := MaxVerdictDetails
			for cut > 0 && !utf8.RuneStart(v.Details[cut]) {
				cut--
			}
			v.Details = v.Details[:cut] + "\n…"
		}
	}
	return v
}

// ErrorVerdict is the verdict for a check that could not run: err says why.
func ErrorVerdict(step string, err error) Verdict {
	return Verdict{Version: VerdictVersion, Step: step, Status: "error", Headline: err.Error()}
}
