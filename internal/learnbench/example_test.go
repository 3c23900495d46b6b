package learnbench_test

import (
	"os"

	"github.com/learn-go-hard-way/learn-go-hard-way/internal/learnbench"
)

// Render draws each group as a table: time, memory, the ratio to the reference and a bar, then
// the lesson that explains the numbers.
func ExampleRender() {
	learnbench.Render(os.Stdout, &learnbench.Report{
		Env:      "go1.26 linux/amd64, 2 CPUs, GOMAXPROCS 1, best of 3 × 100ms",
		Packages: []string{"logtar"},
		Results: []learnbench.Result{
			{Group: "logger-disabled", Contender: "logtar (yours)", Kind: "yours", N: 1e8, NsPerOp: 2},
			{Group: "logger-disabled", Contender: "logtar (reference)", Kind: "reference", N: 1e8, NsPerOp: 1},
			{Group: "logger-disabled", Contender: "slog.JSONHandler", Kind: "std", N: 1e8, NsPerOp: 4},
		},
	}, false)
	// Output:
	// go1.26 linux/amd64, 2 CPUs, GOMAXPROCS 1, best of 3 × 100ms
	// ×ref is ns/op over the reference's. One run on a shared machine: ratios are
	// steadier than times, and differences under about 10% are noise.
	//
	// Logger: a Debug line on a logger at level Info
	//   contender                ns/op     B/op allocs   ×ref
	//   logtar (yours)            2.00        0      0   2.00  ███████████
	//   logtar (reference)        1.00        0      0   1.00  █████▌
	//   slog.JSONHandler          4.00        0      0   4.00  ██████████████████████
	//   see chapters/ch04/04.02-writing-logs.md#the-simplest-logger-that-works
}
