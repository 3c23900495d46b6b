package stdio

import (
	"bytes"
	"errors"
	"math/rand/v2"
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

// runProg returns a random path to the program, and the name filepath.Base
// gives for it, so that a usage line with a fixed name cannot pass.
func runProg() (path, name string) {
	names := []string{"hello", "hi", "greeter", "say-hello", "welcome"} // not "greet": no guessing
	dirs := []string{"", "./", "/usr/local/bin/", "/tmp/go-build123/b001/exe/", "bin/"}
	name = names[rand.IntN(len(names))]
	return dirs[rand.IntN(len(dirs))] + name, name
}

// runNames returns one to four random names.
func runNames() []string {
	all := []string{"Ada", "Grace", "Linus", "Barbara", "Ken", "Rob", "Margaret", "Dennis"}
	rand.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	return all[:1+rand.IntN(4)]
}

func TestRunGreetsEachName(t *testing.T) {
	prog, _ := runProg()
	names := runNames()
	args := append([]string{prog}, names...)
	code, stdout, stderr := runCapture(t, args)
	want := ""
	for _, name := range names {
		want += "Hello, " + name + "!\n"
	}
	if stdout != want {
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
	for range 3 {
		prog, name := runProg()
		args := []string{prog}
		code, stdout, stderr := runCapture(t, args)
		if want := "usage: " + name + " NAME...\n"; stderr != want {
			t.Errorf("Run(%q) wrote %q to stderr, want %q: the program name is filepath.Base(args[0])",
				args, stderr, want)
		}
		if stdout != "" {
			t.Errorf("Run(%q) wrote %q to stdout, want nothing: a usage error goes to stderr", args, stdout)
		}
		if code != 2 {
			t.Errorf("Run(%q) = %d, want exit code 2 (ExitUsage): the command line made no sense", args, code)
		}
		if t.Failed() {
			return
		}
	}
}

func TestRunHelpGoesToStdout(t *testing.T) {
	for _, flag := range []string{"-h", "--help"} {
		prog, name := runProg()
		args := []string{prog, flag}
		code, stdout, stderr := runCapture(t, args)
		if want := "usage: " + name + " NAME...\n"; stdout != want {
			t.Errorf("Run(%q) wrote %q to stdout, want %q: help that was asked for is output", args, stdout, want)
		}
		if stderr != "" || code != 0 {
			t.Errorf("Run(%q) wrote %q to stderr and returned %d, want nothing on stderr and exit code 0", args, stderr, code)
		}
	}
}

func TestRunEmptyArgs(t *testing.T) {
	code, _, stderr := runCapture(t, nil)
	if want := "usage: greet NAME...\n"; code != 2 || stderr != want {
		t.Errorf("Run(nil) = %d with stderr %q, want 2 and %q (call the program \"greet\" when args is empty)",
			code, stderr, want)
	}
}

// runFailingWriter fails every write, like a stdout redirected to a full disk.
type runFailingWriter struct{}

func (runFailingWriter) Write(p []byte) (int, error) { return 0, errors.New("no space left on device") }

func TestRunReportsWriteFailure(t *testing.T) {
	var errOut bytes.Buffer
	prog, name := runProg()
	args := append([]string{prog}, runNames()...)
	code := Run(args, runFailingWriter{}, &errOut)
	if code != 1 {
		t.Errorf("Run(%q) with a stdout that fails = %d, want exit code 1 (ExitError): "+
			"a program whose output was lost must not claim success", args, code)
	}
	msg := errOut.String()
	if !strings.HasPrefix(msg, name+": ") || !strings.Contains(msg, "no space left on device") {
		t.Errorf("Run(%q) with a stdout that fails wrote %q to stderr, want the program name %q, \": \" "+
			"and the error \"no space left on device\"", args, msg, name)
	}
}
