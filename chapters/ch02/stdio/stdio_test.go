package stdio

import (
	"bytes"
	"errors"
	"io"
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

func TestPrefixWriterPassesErrorsThrough(t *testing.T) {
	boom := errors.New("boom")
	w := &PrefixWriter{W: failWriter{boom}, Prefix: "> "}
	if n, err := w.Write([]byte("abc")); n != 0 || err != boom || w.N != 0 {
		t.Errorf("Write to a failing writer = %d, %v (N = %d); want 0, boom (N = 0)", n, err, w.N)
	}
}

// shortWriter accepts half of every write and reports no error, breaking the
// io.Writer contract.
type shortWriter struct{ got bytes.Buffer }

func (w *shortWriter) Write(p []byte) (int, error) { return w.got.Write(p[:len(p)/2]) }

func TestPrefixWriterShortWriteWithoutError(t *testing.T) {
	for _, prefix := range []string{"", "> "} {
		w := &PrefixWriter{W: &shortWriter{}, Prefix: prefix}
		if n, err := w.Write([]byte("abcd\n")); n == 5 || err != io.ErrShortWrite {
			t.Errorf("Prefix %q: Write to a writer that takes half = %d, %v; want fewer than 5 and io.ErrShortWrite",
				prefix, n, err)
		}
	}
}

func TestPrefixWriterLinesAcrossWrites(t *testing.T) {
	var buf bytes.Buffer
	w := &PrefixWriter{W: &buf, Prefix: "# "}
	for _, piece := range []string{"", "a", "b\n", "\n", "", "c\nd", "\n"} {
		if n, err := w.Write([]byte(piece)); n != len(piece) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", piece, n, err)
		}
	}
	if got, want := buf.String(), "# ab\n# \n# c\n# d\n"; got != want || w.N != int64(len(want)) {
		t.Errorf("W holds %q (N = %d), want %q (N = %d)", got, w.N, want, len(want))
	}
}
