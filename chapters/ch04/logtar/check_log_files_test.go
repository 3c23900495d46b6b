package logtar

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// logFilesStepClock is a fixed time for checks that log.
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
	f, ok := any(l.out).(*fileOutput)
	if !ok || f == nil {
		t.Fatalf("a Logger made by New with no writer writes to a %T, want a *fileOutput: without a writer, New's output is openFileOutput(cfg, l.now())", l.out)
	}
	return f
}

// logFilesRandomTime returns a random instant (in a random time zone) and
// the stamp a file opened then is named with: UTC, with dashes in the clock
// so that Windows accepts the name.
func logFilesRandomTime(rng *rand.Rand) (time.Time, string) {
	utc := time.Date(2000+rng.IntN(100), time.Month(1+rng.IntN(12)), 1+rng.IntN(28),
		rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1e9), time.UTC)
	stamp := fmt.Sprintf("%04d-%02d-%02dT%02d-%02d-%02d.%03dZ", utc.Year(), int(utc.Month()), utc.Day(),
		utc.Hour(), utc.Minute(), utc.Second(), utc.Nanosecond()/1e6)
	return utc.In(time.FixedZone("somewhere", (rng.IntN(27)-12)*3600)), stamp
}

// logFilesOpen calls openFileOutput, failing the test on an error, and
// closes the output when the test ends.
func logFilesOpen(t *testing.T, cfg Config, now time.Time) *fileOutput {
	t.Helper()
	f, err := openFileOutput(cfg, now)
	if err != nil {
		t.Fatalf("openFileOutput(WithDir(%q), %s) error = %v, want nil", cfg.dir, now.Format(time.RFC3339Nano), err)
	}
	if f == nil || f.file == nil {
		t.Fatalf("openFileOutput(WithDir(%q), %s) gave no open file", cfg.dir, now.Format(time.RFC3339Nano))
	}
	t.Cleanup(func() { f.close() })
	return f
}

func TestLogFilesCreatesDirectoryAndFile(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	dir := filepath.Join(t.TempDir(), "a", "b", "logs")
	prefix := fmt.Sprintf("app%d_", rng.IntN(1000))
	now, stamp := logFilesRandomTime(rng)
	f := logFilesOpen(t, NewConfig().WithDir(dir).WithFilePrefix(prefix), now)
	want := prefix + stamp + ".log"
	if got := logFilesStepList(t, dir); !slices.Equal(got, []string{want}) {
		t.Fatalf("openFileOutput at %s with prefix %q left the log directory holding %q, want [%q]",
			now.Format(time.RFC3339Nano), prefix, got, want)
	}
	var written strings.Builder
	for i := range 1 + rng.IntN(5) {
		line := fmt.Sprintf(`{"msg":"line %d","pad":"%s"}`+"\n", i, strings.Repeat("x", rng.IntN(50)))
		if err := f.write(now, []byte(line)); err != nil {
			t.Fatalf("fileOutput.write = %v, want nil", err)
		}
		written.WriteString(line)
	}
	if err := f.sync(); err != nil {
		t.Errorf("fileOutput.sync() = %v, want nil", err)
	}
	data, err := os.ReadFile(filepath.Join(dir, want))
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != written.String() {
		t.Errorf("after writing %q the log file holds %q", written.String(), data)
	}
	if f.size != int64(written.Len()) {
		t.Errorf("after writing %d bytes, fileOutput.size = %d, want %d: count what is written (rolling by size needs it)", written.Len(), f.size, written.Len())
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
		f, err := openFileOutput(NewConfig().WithDir(dir), logFilesStepClock().Add(time.Duration(i)*time.Second))
		if err != nil {
			t.Fatalf("openFileOutput in a directory that exists (try %d) error = %v, want nil", i+1, err)
		}
		f.close()
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
		f, err := openFileOutput(NewConfig().WithDir(dir), logFilesStepClock())
		if err == nil {
			f.close()
			t.Errorf("openFileOutput(WithDir(%q)), where plain.txt is a file, error = nil, want an error", dir)
			continue
		}
		if f != nil {
			t.Errorf("openFileOutput(WithDir(%q)) returned an output with its error, want nil", dir)
		}
		if !strings.HasPrefix(err.Error(), "logtar: ") || !strings.Contains(err.Error(), "plain.txt") {
			t.Errorf("openFileOutput(WithDir(%q)) error = %q, want a \"logtar: \" error naming the path", dir, err)
		}
	}
}

func TestLogFilesNameTakenByAnotherWriter(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	dir := t.TempDir()
	now, stamp := logFilesRandomTime(rng)
	taken := 1 + rng.IntN(4)
	for seq := range taken {
		if err := os.WriteFile(filepath.Join(dir, fileName("logtar_", stamp, seq)), []byte("not ours\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f := logFilesOpen(t, NewConfig().WithDir(dir), now)
	if err := f.write(now, []byte("ours\n")); err != nil {
		t.Fatal(err)
	}
	for seq := range taken {
		name := fileName("logtar_", stamp, seq)
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != "not ours\n" {
			t.Errorf("%s, which another writer had created, now holds %q, want it untouched: open with O_EXCL and try the next number", name, got)
		}
	}
	name := fileName("logtar_", stamp, taken)
	if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || string(got) != "ours\n" {
		t.Errorf("with %d names taken, %s (the first free name) holds %q, %v, want our record", taken, name, got, err)
	}
}

func TestLogFilesNextFileInTheSameMillisecond(t *testing.T) {
	dir := t.TempDir()
	now := logFilesStepClock()
	f := logFilesOpen(t, NewConfig().WithDir(dir), now)
	first := f.file
	// Remove the first file's name: a fileOutput that remembers the last
	// stamp and number goes on from there instead of reusing the name.
	if err := os.Remove(first.Name()); err != nil {
		t.Fatal(err)
	}
	if err := f.open(now); err != nil {
		t.Fatalf("a second open in the same millisecond = %v, want nil", err)
	}
	defer first.Close()
	stamp := now.UTC().Format("2006-01-02T15-04-05.000Z")
	if got, want := filepath.Base(f.file.Name()), fileName("logtar_", stamp, 1); got != want {
		t.Errorf("the second file opened in one millisecond is %s, want %s: remember the last stamp and number (lastStamp, lastSeq) and go on from there", got, want)
	}
}

func TestLogFilesHandleIsKept(t *testing.T) {
	f := logFilesOpen(t, NewConfig().WithDir(t.TempDir()), logFilesStepClock())
	first := f.file
	for range 100 {
		if err := f.write(logFilesStepClock(), []byte("same file\n")); err != nil {
			t.Fatal(err)
		}
	}
	if f.file != first {
		t.Errorf("the fileOutput's *os.File changed while writing, want the file opened once and kept open")
	}
	if err := f.close(); err != nil {
		t.Fatalf("fileOutput.close() = %v, want nil", err)
	}
	if _, err := first.Write([]byte("x")); err == nil {
		t.Errorf("the log file is still open after fileOutput.close, want it closed")
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
	// Let the runtime open what it opens on first use before counting.
	if f, err := openFileOutput(NewConfig().WithDir(dir), logFilesStepClock()); err == nil {
		f.close()
	}
	before := count()
	for i := range 20 {
		f, err := openFileOutput(NewConfig().WithDir(dir), logFilesStepClock().Add(time.Duration(i+1)*time.Second))
		if err != nil {
			t.Fatalf("openFileOutput = %v, want nil", err)
		}
		f.write(time.Time{}, []byte("x\n"))
		f.close()
	}
	if after := count(); after > before {
		t.Errorf("20 file outputs opened and closed left %d more open file descriptors, want 0: close must close the file", after-before)
	}
}
