package suite

import "testing"

var _ = mutationFile("limiter.go", "75b506d322fb020e40f98cd7f484022117184b9905dae468af95e63e8d3d46cb")

func TestLimiterTestsCatchMutants(t *testing.T) {
	mutationRun(t, mutationSpec{
		tests: []string{"TestLimiter"},
		file:  "limiter_test.go",
		needs: "synctest.Test(",
		why:   "the limiter reads time.Now; run the test in a synctest bubble instead of sleeping for real",
		mutants: []mutant{
			{file: "limiter.go", old: "tokens: burst, last", new: "tokens: burst - 1, last",
				bug: "the bucket starts one token short of burst"},
			{file: "limiter.go", old: "l.tokens = min(l.burst, l.tokens+gained)", new: "l.tokens += gained",
				bug: "an idle limiter saves up more than burst tokens"},
			{file: "limiter.go", old: "int(now.Sub(l.last) / l.interval)", new: "int(2 * now.Sub(l.last) / l.interval)",
				bug: "tokens come back twice as fast as one per interval"},
			{file: "limiter.go", old: "l.last = l.last.Add(time.Duration(gained) * l.interval)", new: "l.last = now",
				bug: "a refill throws away the part of an interval already waited (3.5 intervals bring 3 tokens, and the half is lost)"},
		},
	})
}
