package logtar

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestNamesInOrderStampNeverGoesBack(t *testing.T) {
	dir := t.TempDir()
	at := logFilesStepClock()
	f, err := openFileOutput(NewConfig().WithDir(dir).WithRollingSize(1), at)
	if err != nil {
		t.Fatal(err)
	}
	defer f.close()
	// Records a little older than the current file's name, the second of
	// which rolls: the new file must not get a name that sorts first.
	if err := f.write(at.Add(-time.Second), []byte("late\n")); err != nil {
		t.Fatal(err)
	}
	if err := f.write(at.Add(-2*time.Second), []byte("later\n")); err != nil {
		t.Fatal(err)
	}
	names, contents := rollSizeFiles(t, dir)
	if want := []string{"late\n", "later\n"}; !slices.Equal(contents, want) {
		t.Errorf("a file opened at 07:08:09.123, then a record stamped 07:08:08.123 and one stamped 07:08:07.123 that rolls: the files %q, in name order, hold %q, want %q: a new file's stamp must never be earlier than the last one's", names, contents, want)
	}
}

func TestNamesInOrderClockGoesBack(t *testing.T) {
	dir := t.TempDir()
	start := logFilesStepClock()
	var calls atomic.Int64
	back := func() time.Time { return start.Add(-time.Duration(calls.Add(1)) * time.Second) }
	l, err := New(NewConfig().WithDir(dir).WithRollingSize(1).WithClock(back))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		l.Info(fmt.Sprintf("r%d", i))
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	_, contents := rollSizeFiles(t, dir)
	var got []string
	for _, c := range contents {
		for _, r := range loggerStepRecords(t, c) {
			got = append(got, fmt.Sprint(r["msg"]))
		}
	}
	if want := "r0 r1 r2 r3 r4"; strings.Join(got, " ") != want {
		t.Errorf("with a clock that goes back a second at every call and a roll for every record, the files in name order hold %q, want %q", strings.Join(got, " "), want)
	}
}

// namesInOrderClock returns a clock that moves forward by step on every
// call, so that a test crosses many rolling intervals in a fraction of a
// second. It is safe for concurrent use.
func namesInOrderClock(start time.Time, step time.Duration) func() time.Time {
	var calls atomic.Int64
	return func() time.Time {
		return start.Add(time.Duration(calls.Add(1)) * step)
	}
}

// namesInOrderFDs counts the process's open file descriptors, or returns
// -1 where /proc/self/fd does not exist.
func namesInOrderFDs() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

// TestNamesInOrderReliability has many goroutines log numbered records
// while the files roll every few kilobytes and every (simulated) second.
// Afterwards every record must be in the files exactly once, whole, and in
// order for each goroutine, and no file descriptor may be left open.
func TestNamesInOrderReliability(t *testing.T) {
	for _, async := range []bool{false, true} {
		namesInOrderReliability(t, async)
	}
}

func namesInOrderReliability(t *testing.T, async bool) {
	const (
		goroutines = 8
		each       = 1500
		limit      = 4096
		maxPad     = 120
	)
	mode := map[bool]string{false: "sync mode", true: "async mode"}[async]
	dir := t.TempDir()
	if runtime.GOOS == "linux" {
		// Let the runtime open what it opens on first file use (its
		// poller, for one) before counting.
		f, err := os.CreateTemp(dir, "warmup")
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		os.Remove(f.Name())
	}
	fdsBefore := namesInOrderFDs()

	start := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	cfg := NewConfig().WithDir(dir).WithRollingSize(limit).WithRollingInterval(time.Second).
		WithClock(namesInOrderClock(start, 7*time.Millisecond)).WithAsync(async).WithQueueSize(64)
	l, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range each {
				l.Info("numbered", "g", g, "i", i, "pad", strings.Repeat("x", (g*31+i*17)%maxPad))
			}
		})
	}
	wg.Wait()
	if err := l.Sync(); err != nil {
		t.Fatalf("%s: Sync() = %v, want nil", mode, err)
	}
	fdsDuring := namesInOrderFDs()
	if err := l.Close(); err != nil {
		t.Fatalf("%s: Close() = %v, want nil", mode, err)
	}
	fdsAfter := namesInOrderFDs()
	if fdsBefore >= 0 {
		if fdsDuring > fdsBefore+1 {
			t.Errorf("%s: open files grew from %d to %d while rolling, want at most one more (the current log file)", mode, fdsBefore, fdsDuring)
		}
		if fdsAfter != fdsBefore {
			t.Errorf("%s: open files after Close = %d, want %d, as before New", mode, fdsAfter, fdsBefore)
		}
	}

	names, contents := rollSizeFiles(t, dir)
	if len(names) < 50 {
		t.Errorf("%s: only %d files: the test needs at least 50 rolls to mean anything", mode, len(names))
	}
	next := make([]int, goroutines)
	for n, data := range contents {
		if data != "" && !strings.HasSuffix(data, "\n") {
			t.Errorf("%s: %s does not end in a newline: a record was cut", mode, names[n])
		}
		if len(data) > limit {
			t.Errorf("%s: %s is %d bytes, over the %d limit", mode, names[n], len(data), limit)
		}
		for _, r := range loggerStepRecords(t, data) {
			g, i := int(r["g"].(float64)), int(r["i"].(float64))
			if i != next[g] {
				t.Fatalf("%s: %s: goroutine %d's record %d, want %d: lost, repeated or out of order", mode, filepath.Base(names[n]), g, i, next[g])
			}
			next[g]++
		}
	}
	for g, n := range next {
		if n != each {
			t.Errorf("%s: goroutine %d: %d records in the files, want %d", mode, g, n, each)
		}
	}
}
