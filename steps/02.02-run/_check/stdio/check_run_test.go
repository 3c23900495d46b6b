package stdio

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// runCapture calls Run with buffers for stdout and stderr and reports a panic
// as a test failure instead of crashing the whole check.
func runCapture(t *testing.T, args []string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("Run(%q, ...) panicked: %v\n"+
				"check len(args) before indexing it: a program can be started with an empty argument list", args, p)
		}
	}()
	code = Run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRunGreetsEachName(t *testing.T) {
	args := []string{"greet", "Ada", "Grace"}
	code, stdout, stderr := runCapture(t, args)
	if want := "Hello, Ada!\nHello, Grace!\n"; stdout != want {
		t.Errorf("Run(%q) wrote %q to stdout, want %q: call Greet(stdout, name) for each name after args[0]",
			args, stdout, want)
	}
	if stderr != "" {
		t.Errorf("Run(%q) wrote %q to stderr, want nothing: stderr is for problems", args, stderr)
	}
	if code != 0 {
		t.Errorf("Run(%q) = %d, want exit code 0", args, code)
	}
}

func TestRunWithoutNamesShowsUsage(t *testing.T) {
	for _, args := range [][]string{{"greet"}, {"/tmp/go-build123/b001/exe/greet"}} {
		code, stdout, stderr := runCapture(t, args)
		if !strings.HasPrefix(stderr, "usage: greet ") || !strings.HasSuffix(stderr, "\n") {
			t.Errorf("Run(%q) wrote %q to stderr, want a usage line such as \"usage: greet NAME...\\n\" "+
				"(the program name is filepath.Base(args[0]))", args, stderr)
		}
		if stdout != "" {
			t.Errorf("Run(%q) wrote %q to stdout, want nothing: a usage error goes to stderr", args, stdout)
		}
		if code != 2 {
			t.Errorf("Run(%q) = %d, want exit code 2 (ExitUsage): the command line made no sense", args, code)
		}
	}
}

func TestRunHelpGoesToStdout(t *testing.T) {
	for _, flag := range []string{"-h", "--help"} {
		args := []string{"greet", flag}
		code, stdout, stderr := runCapture(t, args)
		if !strings.HasPrefix(stdout, "usage: greet ") {
			t.Errorf("Run(%q) wrote %q to stdout, want the usage line: help that was asked for is output", args, stdout)
		}
		if stderr != "" || code != 0 {
			t.Errorf("Run(%q) wrote %q to stderr and returned %d, want nothing on stderr and exit code 0", args, stderr, code)
		}
	}
}

func TestRunEmptyArgs(t *testing.T) {
	code, _, stderr := runCapture(t, nil)
	if code != 2 || !strings.HasPrefix(stderr, "usage: ") {
		t.Errorf("Run(nil) = %d with stderr %q, want 2 and a usage line (call the program \"greet\" when args is empty)",
			code, stderr)
	}
}

// runFailingWriter fails every write, like a stdout redirected to a full disk.
type runFailingWriter struct{}

func (runFailingWriter) Write(p []byte) (int, error) { return 0, errors.New("no space left on device") }

func TestRunReportsWriteFailure(t *testing.T) {
	var errOut bytes.Buffer
	args := []string{"greet", "Ada"}
	code := Run(args, runFailingWriter{}, &errOut)
	if code != 1 {
		t.Errorf("Run(%q) with a stdout that fails = %d, want exit code 1 (ExitError): "+
			"a program whose output was lost must not claim success", args, code)
	}
	if !strings.Contains(errOut.String(), "no space left on device") {
		t.Errorf("Run(%q) with a stdout that fails wrote %q to stderr, want a message containing the error "+
			"\"no space left on device\"", args, errOut.String())
	}
}
