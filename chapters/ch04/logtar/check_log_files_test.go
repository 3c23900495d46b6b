package logtar

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// logFilesStepClock is the fixed time these checks log at.
func logFilesStepClock() time.Time { return time.Date(2024, 5, 6, 7, 8, 9, 123_456_789, time.UTC) }

// logFilesStepList returns the names of the files in dir, sorted.
func logFilesStepList(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// logFilesStepOutput returns l's file output, failing the test if l does
// not write to files.
func logFilesStepOutput(t *testing.T, l *Logger) *fileOutput {
	t.Helper()
	f, ok := l.out.(*fileOutput)
	if !ok || f == nil {
		t.Fatalf("a Logger made by New with no writer writes to a %T, want a *fileOutput: change New to call openFileOutput when cfg.writer is nil", l.out)
	}
	return f
}

func TestLogFilesCreatesDirectoryAndFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b", "logs")
	l, err := New(NewConfig().WithDir(dir).WithClock(logFilesStepClock))
	if err != nil {
		t.Fatalf("New(WithDir(a new nested directory)) error = %v, want nil: create the directory and its parents", err)
	}
	defer l.Close()
	logFilesStepOutput(t, l)
	l.Info("hello")
	if err := l.Sync(); err != nil {
		t.Fatalf("Sync() = %v, want nil", err)
	}
	want := "logtar_2024-05-06T07-08-09.123Z.log"
	if got := logFilesStepList(t, dir); !slices.Equal(got, []string{want}) {
		t.Fatalf("with a clock at 2024-05-06 07:08:09.123 UTC, the log directory holds %q, want [%q]", got, want)
	}
	data, err := os.ReadFile(filepath.Join(dir, want))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), `"msg":"hello"`) || strings.Count(string(data), "\n") != 1 {
		t.Errorf("the log file holds %q, want the one record", data)
	}
	if runtime.GOOS != "windows" {
		info, err := os.Stat(filepath.Join(dir, want))
		if err != nil {
			t.Fatal(err)
		}
		if mode := info.Mode().Perm(); mode&^0o644 != 0 {
			t.Errorf("the log file's mode is %v, want at most -rw-r--r-- (0o644)", mode)
		}
	}
}

func TestLogFilesExistingDirectoryIsFine(t *testing.T) {
	dir := t.TempDir()
	for i := range 2 {
		l, err := New(NewConfig().WithDir(dir))
		if err != nil {
			t.Fatalf("New in a directory that exists (try %d) error = %v, want nil", i+1, err)
		}
		l.Close()
	}
}

func TestLogFilesUnusableDirectory(t *testing.T) {
	// A path below a regular file can never be a directory, even for root,
	// which ignores permission bits.
	file := filepath.Join(t.TempDir(), "plain.txt")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{file, filepath.Join(file, "logs")} {
		l, err := New(NewConfig().WithDir(dir))
		if err == nil {
			l.Close()
			t.Errorf("New(WithDir(%q)), where plain.txt is a file, error = nil, want an error", dir)
			continue
		}
		if l != nil {
			t.Errorf("New(WithDir(%q)) returned a Logger with its error, want nil", dir)
		}
		if !strings.HasPrefix(err.Error(), "logtar: ") || !strings.Contains(err.Error(), "plain.txt") {
			t.Errorf("New(WithDir(%q)) error = %q, want a \"logtar: \" error naming the path", dir, err)
		}
	}
}

func TestLogFilesNameTakenByAnotherWriter(t *testing.T) {
	dir := t.TempDir()
	stamp := logFilesStepClock().Format(stampLayout)
	for seq := range 3 {
		if err := os.WriteFile(filepath.Join(dir, fileName("logtar_", stamp, seq)), []byte("not ours\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l, err := New(NewConfig().WithDir(dir).WithClock(logFilesStepClock))
	if err != nil {
		t.Fatalf("New = %v, want nil", err)
	}
	defer l.Close()
	logFilesStepOutput(t, l)
	l.Info("ours")
	if err := l.Sync(); err != nil {
		t.Fatal(err)
	}
	for seq := range 3 {
		name := fileName("logtar_", stamp, seq)
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != "not ours\n" {
			t.Errorf("%s, which another writer had created, now holds %q, want it untouched: open with O_EXCL and try the next number", name, got)
		}
	}
	name := fileName("logtar_", stamp, 3)
	got, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil || !strings.Contains(string(got), `"msg":"ours"`) {
		t.Errorf("%s (the first free name) holds %q, %v, want our record", name, got, err)
	}
}

func TestLogFilesHandleIsKept(t *testing.T) {
	l, err := New(NewConfig().WithDir(t.TempDir()))
	if err != nil {
		t.Fatalf("New = %v, want nil", err)
	}
	f := logFilesStepOutput(t, l)
	first := f.file
	if first == nil {
		t.Fatal("after New, the fileOutput has no open file")
	}
	for range 100 {
		l.Info("same file")
	}
	if f.file != first {
		t.Errorf("the fileOutput's *os.File changed while logging, want the file opened once and kept open")
	}
	if err := l.Close(); err != nil {
		t.Fatalf("Close() = %v, want nil", err)
	}
	if _, err := first.Write([]byte("x")); err == nil {
		t.Errorf("the log file is still open after Close, want it closed")
	}
}

func TestLogFilesNoDescriptorLeft(t *testing.T) {
	if _, err := os.ReadDir("/proc/self/fd"); err != nil {
		t.Skip("no /proc/self/fd to count open files:", err)
	}
	count := func() int {
		entries, _ := os.ReadDir("/proc/self/fd")
		return len(entries)
	}
	dir := t.TempDir()
	l, err := New(NewConfig().WithDir(dir)) // let the runtime open what it opens on first use
	if err != nil {
		t.Fatalf("New = %v, want nil", err)
	}
	l.Close()
	before := count()
	for range 20 {
		l, err := New(NewConfig().WithDir(dir))
		if err != nil {
			t.Fatalf("New = %v, want nil", err)
		}
		l.Info("x")
		l.Close()
	}
	if after := count(); after > before {
		t.Errorf("20 Loggers made and closed left %d more open file descriptors, want 0: Close must close the log file", after-before)
	}
}
