package checker

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"
)

// BenchmarkVerdict compares a check's verdict time with a bare `go test -count=1` of the same
// package (warm build cache), and reports the ratio: the checker's overhead is the overlay, the
// JSON decoding and the verdict. The bar is ratio <= 1.5.
func BenchmarkVerdict(b *testing.B) {
	req := Request{Dir: "testdata/ws", Package: "pass", Files: checkAdd("pass")}
	bare := func() {
		cmd := exec.Command("go", "test", "-count=1", "./pass")
		cmd.Dir = "testdata/ws"
		// The bare run needs the check file on disk, as a learner's workspace has it.
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("go test: %v\n%s", err, out)
		}
	}
	check := func() {
		res, err := Run(context.Background(), req)
		if err != nil || res.Status != Passed {
			b.Fatalf("Run: %v %v", err, res)
		}
	}
	// Warm the build cache for both.
	check()
	withCheckFile(b, bare)

	var tCheck, tBare time.Duration
	for b.Loop() {
		start := time.Now()
		check()
		tCheck += time.Since(start)
		start = time.Now()
		withCheckFile(b, bare)
		tBare += time.Since(start)
	}
	b.ReportMetric(float64(tCheck.Milliseconds())/float64(b.N), "checker-ms/op")
	b.ReportMetric(float64(tBare.Milliseconds())/float64(b.N), "gotest-ms/op")
	b.ReportMetric(float64(tCheck)/float64(tBare), "ratio")
}

// withCheckFile runs f with the pristine check file written into the pass fixture, as a learner's
// workspace holds it, and removes it afterwards.
func withCheckFile(b *testing.B, f func()) {
	b.Helper()
	for name, data := range checkAdd("pass") {
		path := "testdata/ws/" + name
		if err := os.WriteFile(path, data, 0o644); err != nil {
			b.Fatal(err)
		}
		defer os.Remove(path)
	}
	f()
}
