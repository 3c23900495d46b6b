package stdio

import (
	"bytes"
	"errors"
	"os"
	"runtime"
	"strings"
	"testing"
)

type failWriter struct{ err error }

func (w failWriter) Write(p []byte) (int, error) { return 0, w.err }

func TestGreetErrorIsPrefixed(t *testing.T) {
	boom := errors.New("boom")
	err := Greet(failWriter{boom}, "Ada")
	if !errors.Is(err, boom) || !strings.HasPrefix(err.Error(), "stdio: ") {
		t.Errorf("Greet(failing writer) = %v, want an error wrapping boom, prefixed \"stdio: \"", err)
	}
}

func TestRun(t *testing.T) {
	tests := []struct {
		name               string
		args               []string
		code               int
		wantOut, wantError string
	}{
		{"one name", []string{"greet", "Ada"}, ExitOK, "Hello, Ada!\n", ""},
		{"blank name", []string{"greet", ""}, ExitOK, "Hello, world!\n", ""},
		{"no names", []string{"greet"}, ExitUsage, "", "usage: greet NAME...\n"},
		{"no args at all", nil, ExitUsage, "", "usage: greet NAME...\n"},
		{"empty program name", []string{""}, ExitUsage, "", "usage: greet NAME...\n"},
		{"path as program name", []string{"./bin/hello"}, ExitUsage, "", "usage: hello NAME...\n"},
		{"help", []string{"greet", "--help"}, ExitOK, "usage: greet NAME...\n", ""},
		{"help only first", []string{"greet", "Ada", "-h"}, ExitOK, "Hello, Ada!\nHello, -h!\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := Run(tt.args, &out, &errOut)
			if code != tt.code || out.String() != tt.wantOut || errOut.String() != tt.wantError {
				t.Errorf("Run(%q) = %d, stdout %q, stderr %q; want %d, %q, %q",
					tt.args, code, out.String(), errOut.String(), tt.code, tt.wantOut, tt.wantError)
			}
		})
	}
}

func TestRunWriteError(t *testing.T) {
	var errOut bytes.Buffer
	code := Run([]string{"greet", "-h"}, failWriter{errors.New("broken pipe")}, &errOut)
	if code != ExitError || errOut.String() != "greet: broken pipe\n" {
		t.Errorf("Run(-h) with a failing stdout = %d, stderr %q; want %d, \"greet: broken pipe\\n\"", code, errOut.String(), ExitError)
	}
}

func TestCollectProcInfoRemovedCwd(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("only Linux reliably refuses to name a removed working directory")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PWD", "") // t.Chdir set it; without it, Getwd must ask the kernel
	if _, err := CollectProcInfo(); err == nil || !strings.HasPrefix(err.Error(), "stdio: working directory: ") {
		t.Errorf("CollectProcInfo() in a removed directory = %v, want a working directory error", err)
	}
}

func TestCountingWriterPassesErrorsThrough(t *testing.T) {
	boom := errors.New("boom")
	cw := &CountingWriter{W: failWriter{boom}}
	if n, err := cw.Write([]byte("abc")); n != 0 || err != boom || cw.N != 0 {
		t.Errorf("Write to a failing writer = %d, %v (N = %d); want 0, boom (N = 0)", n, err, cw.N)
	}
}
