package checker

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"
)

// checkAdd is the pristine check test every fixture package is checked with.
func checkAdd(pkg string) map[string][]byte {
	src := fmt.Sprintf(`package %s

import "testing"

func TestAdd(t *testing.T) {
	if got := Add(2, 3); got != 5 {
		t.Errorf("Add(2, 3) = %%d, want 5", got)
	}
}

func TestAddZero(t *testing.T) {
	if got := Add(0, 0); got != 0 {
		t.Errorf("Add(0, 0) = %%d, want 0", got)
	}
}
`, pkg)
	return map[string][]byte{pkg + "/check_add_test.go": []byte(src)}
}

func runFixture(t *testing.T, pkg string, tweak func(*Request)) *Result {
	t.Helper()
	req := Request{Dir: "testdata/ws", Package: pkg, Files: checkAdd(pkg), Timeout: 20 * time.Second}
	if tweak != nil {
		tweak(&req)
	}
	res, err := Run(context.Background(), req)
	if err != nil {
		t.Fatalf("Run(%s) error: %v", pkg, err)
	}
	return res
}

func TestRunPass(t *testing.T) {
	res := runFixture(t, "pass", nil)
	if res.Status != Passed {
		t.Fatalf("status = %v, want passed\n%s", res.Status, res.Details())
	}
	if got := res.Headline(); !strings.HasPrefix(got, "passed (2 tests") {
		t.Errorf("Headline() = %q, want it to count 2 tests", got)
	}
}

func TestRunFail(t *testing.T) {
	res := runFixture(t, "fail", nil)
	if res.Status != Failed {
		t.Fatalf("status = %v, want failed\n%s", res.Status, res.Details())
	}
	f := res.Failures()
	if len(f) != 1 || f[0].Name != "TestAdd" {
		t.Fatalf("Failures() = %+v, want just TestAdd", f)
	}
	details := res.Details()
	for _, want := range []string{"Add(2, 3) = -1, want 5", "adding 2 3"} {
		if !strings.Contains(details, want) {
			t.Errorf("Details() = %q, want it to contain %q", details, want)
		}
	}
	if strings.Contains(details, "check_add_test.go:") {
		t.Errorf("Details() = %q, want the check file's line prefix removed", details)
	}
}

func TestRunBuildFailed(t *testing.T) {
	res := runFixture(t, "buildfail", nil)
	if res.Status != BuildFailed {
		t.Fatalf("status = %v, want does not compile\n%s", res.Status, res.Details())
	}
	if len(res.Build) == 0 {
		t.Fatalf("Build is empty; output:\n%s", res.BuildOutput)
	}
	e := res.Build[0]
	if e.File != "buildfail/add.go" || e.Line != 5 || e.Col == 0 || !strings.Contains(e.Message, "undefined: c") {
		t.Errorf("Build[0] = %+v, want buildfail/add.go:5:col undefined: c", e)
	}
	if e.Source != "\treturn a + c" {
		t.Errorf("Build[0].Source = %q, want the offending line", e.Source)
	}
	if d := res.Details(); !strings.Contains(d, "    5 | ") || !strings.Contains(d, "^") {
		t.Errorf("Details() = %q, want the source line and a caret", d)
	}
}

func TestRunVet(t *testing.T) {
	res := runFixture(t, "vet", nil)
	if res.Status != BuildFailed || !res.Vet {
		t.Fatalf("status = %v vet=%v, want a vet failure\n%s", res.Status, res.Vet, res.Details())
	}
	if !strings.Contains(res.Headline(), "vet/add.go:7") {
		t.Errorf("Headline() = %q, want the vet position", res.Headline())
	}
}

func TestRunPanic(t *testing.T) {
	res := runFixture(t, "panic", nil)
	if res.Status != Panicked {
		t.Fatalf("status = %v, want panicked\n%s", res.Status, res.Details())
	}
	p := res.Panic
	if p.Test != "TestAdd" || !strings.Contains(p.Message, "assignment to entry in nil map") {
		t.Errorf("Panic = %+v, want TestAdd and the nil map message", p)
	}
	if len(p.Frames) == 0 || !p.Frames[0].Learner || p.Frames[0].File != "panic/add.go" || p.Frames[0].Line != 6 {
		t.Fatalf("Frames = %+v, want panic/add.go:6 first", p.Frames)
	}
	if len(p.Frames) < 2 || p.Frames[1].File != "panic/check_add_test.go" {
		t.Errorf("Frames = %+v, want the check test next", p.Frames)
	}
}

func TestRunTimeout(t *testing.T) {
	res := runFixture(t, "hang", func(r *Request) { r.Timeout = 2 * time.Second })
	if res.Status != TimedOut {
		t.Fatalf("status = %v, want timed out\n%s", res.Status, res.Details())
	}
	to := res.Timeout
	if to.Test != "TestAdd" || to.After != 2*time.Second {
		t.Errorf("Timeout = %+v, want TestAdd after 2s", to)
	}
	if to.Message != "blocked in chan receive" {
		t.Errorf("Timeout.Message = %q, want %q", to.Message, "blocked in chan receive")
	}
	if len(to.Frames) == 0 || to.Frames[0].File != "hang/add.go" || to.Frames[0].Line != 6 {
		t.Errorf("Frames = %+v, want hang/add.go:6 first", to.Frames)
	}
	if got := res.Headline(); got != "timed out after 2s in TestAdd" {
		t.Errorf("Headline() = %q", got)
	}
}

func TestRunFlood(t *testing.T) {
	start := time.Now()
	res := runFixture(t, "flood", func(r *Request) { r.FloodLimit = 4 << 20 })
	if res.Status != Failed || !res.Flooded {
		t.Fatalf("status = %v flooded=%v, want a flood stop\n%s", res.Status, res.Flooded, res.Headline())
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("flood took %v to stop, want it stopped at the limit, long before the timeout", d)
	}
	for _, tt := range res.Tests {
		if len(tt.Output) > DefaultTestOutput+200 {
			t.Errorf("test %s kept %d bytes of output, want at most about %d", tt.Name, len(tt.Output), DefaultTestOutput)
		}
	}
}

func TestRunTamperedCheck(t *testing.T) {
	// The learner emptied their copy of check_add_test.go; the pristine copy still runs.
	res := runFixture(t, "tamper", nil)
	if res.Status != Failed {
		t.Fatalf("status = %v, want failed despite the emptied check file\n%s", res.Status, res.Details())
	}
}

func TestRunDeletedCheck(t *testing.T) {
	// fail/ has no check file on disk at all: the overlay adds it.
	res := runFixture(t, "fail", func(r *Request) { r.Tests = []string{"TestAddZero"} })
	if res.Status != Passed {
		t.Fatalf("status = %v, want passed (only TestAddZero, which Add gets right)\n%s", res.Status, res.Details())
	}
	if len(res.Tests) != 1 {
		t.Errorf("ran %d tests, want only the requested one", len(res.Tests))
	}
}

func TestRunExitEarly(t *testing.T) {
	// The testing package turns os.Exit(0) during a test into a panic; the verdict says so.
	res := runFixture(t, "exit", nil)
	if res.Status != Panicked || !strings.Contains(res.Panic.Message, "os.Exit") {
		t.Fatalf("status = %v, want a panic about os.Exit\n%s", res.Status, res.Details())
	}
}

func TestRunNotAModule(t *testing.T) {
	_, err := Run(context.Background(), Request{Dir: t.TempDir(), Package: "x", Files: checkAdd("x")})
	if err == nil || !strings.Contains(err.Error(), "not a Go module") {
		t.Errorf("Run(empty dir) error = %v, want a 'not a Go module' error", err)
	}
}

func TestTestNames(t *testing.T) {
	src := `package p
import "testing"
func TestA(t *testing.T) {}
func Testlower(t *testing.T) {}
func TestB(t *testing.T) {}
func helper(t *testing.T) {}
func BenchmarkC(b *testing.B) {}
func TestWrong(x int) {}
func Test(t *testing.T) {}
`
	got, err := TestNames([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	if want := "TestA TestB Test"; strings.Join(got, " ") != want {
		t.Errorf("TestNames = %v, want %s", got, want)
	}
}

func TestHeadTail(t *testing.T) {
	var h headTail
	h.limit = 20
	for range 1000 {
		h.WriteString("abcdefghij")
	}
	got := h.String()
	if !strings.HasPrefix(got, "abcdefghij") || !strings.HasSuffix(got, "abcdefghij") || !strings.Contains(got, "9980 bytes") {
		t.Errorf("headTail = %q, want head, a note of 9980 dropped bytes, and tail", got)
	}
}

func TestCleanOutput(t *testing.T) {
	in := "    check_x_test.go:12: Greet(w, \"Ada\") wrote \"Hello\"\n        want \"Hello, Ada!\"\nplain print\n"
	want := "Greet(w, \"Ada\") wrote \"Hello\"\n    want \"Hello, Ada!\"\nplain print\n"
	if got := CleanOutput(in); got != want {
		t.Errorf("CleanOutput = %q, want %q", got, want)
	}
}
