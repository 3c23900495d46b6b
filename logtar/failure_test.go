package logtar

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Regression tests for the failures the adversarial review of issue 10
// found: a full disk that cut a record in half (defect 6), time-rolled
// files that held records of the previous interval (defect 7), and a failed
// roll reported as lost records and retried on every record (defect 8).

// cutWriter writes only the first half of the record at index cutAt (and
// of every record from failFrom on, until healed), then fails, as a full
// disk does: the kernel writes what fits and reports an error.
type cutWriter struct {
	mu     sync.Mutex
	data   []byte
	n      int
	cutAt  int
	failed bool // from cutAt on, until heal
}

var errNoSpace = errors.New("no space left on device")

func (w *cutWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n++
	if w.n == w.cutAt {
		w.failed = true
	}
	if w.failed {
		half := len(p) / 2
		w.data = append(w.data, p[:half]...)
		return half, errNoSpace
	}
	w.data = append(w.data, p...)
	return len(p), nil
}

func (w *cutWriter) heal() {
	w.mu.Lock()
	w.failed = false
	w.mu.Unlock()
}

// TestShortWriteToWriterEndsTheLine is defect 6 for a writer: after a write
// that stopped part-way, the next record starts on a line of its own.
func TestShortWriteToWriterEndsTheLine(t *testing.T) {
	w := &cutWriter{cutAt: 3}
	l, err := New(NewConfig().WithWriter(w))
	if err != nil {
		t.Fatal(err)
	}
	l.Info("r1")
	l.Info("r2")
	l.Info("r3 is cut in half")
	l.Info("r4 is cut as well") // its newline fails: lost, nothing written
	w.heal()
	l.Info("r5")
	l.Info("r6")
	err = l.Close()
	if !errors.Is(err, errNoSpace) || !strings.Contains(err.Error(), "2 records met write errors") {
		t.Errorf("Close() = %v, want 2 records reported lost, wrapping %v", err, errNoSpace)
	}
	lines := strings.Split(strings.TrimSuffix(string(w.data), "\n"), "\n")
	var whole []string
	for _, line := range lines {
		if strings.HasPrefix(line, "{") && strings.HasSuffix(line, "}") {
			r := decodeRecords(t, line+"\n")
			whole = append(whole, r[0]["msg"].(string))
		}
	}
	if got := strings.Join(whole, ","); got != "r1,r2,r5,r6" {
		t.Errorf("whole records in the output: %s, want r1,r2,r5,r6; output:\n%s", got, w.data)
	}
	if len(lines) != 5 {
		t.Errorf("the output has %d lines, want 5 (4 records and the cut one, on a line of its own):\n%s", len(lines), w.data)
	}
}

// TestShortWriteToFileCutsBack is defect 6 for a log file, with a real
// short write: RLIMIT_FSIZE caps the size of files this process writes,
// and the kernel then writes what fits and fails with EFBIG, exactly as
// it writes what fits and fails with ENOSPC on a full disk.
func TestShortWriteToFileCutsBack(t *testing.T) {
	dir := t.TempDir()
	l, err := New(NewConfig().WithDir(dir).WithRollingSize(0).WithRollingInterval(0))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		l.Info("before", "i", i)
	}
	if err := l.Sync(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, logFileNames(t, dir)[0])
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	// Room for 20 more bytes: the next record is cut, those after it
	// find the file full.
	withFileSizeLimit(t, uint64(info.Size())+20, func() {
		for i := range 4 {
			l.Info("while full", "i", i)
		}
	})
	for i := range 2 {
		l.Info("after", "i", i)
	}
	err = l.Close()
	if err == nil || !strings.Contains(err.Error(), "4 records met write errors") {
		t.Errorf("Close() = %v, want the 4 records written while the disk was full reported", err)
	}
	data := readFile(t, path)
	var got []string
	for _, r := range decodeRecords(t, data) { // fails on a line that is not JSON
		got = append(got, fmt.Sprint(r["msg"], r["i"]))
	}
	want := "before0 before1 before2 after0 after1"
	if strings.Join(got, " ") != want {
		t.Errorf("the file holds %q, want %q: a record cut by a full disk must be taken back", strings.Join(got, " "), want)
	}
}

// TestStampedInOrderUnderContention is defect 7: a record's time is read
// under the lock, so the records in the output are in the order of their
// times even when goroutines are descheduled between reading the clock
// and writing.
func TestStampedInOrderUnderContention(t *testing.T) {
	for _, async := range []bool{false, true} {
		t.Run(fmt.Sprintf("async=%v", async), func(t *testing.T) {
			var buf syncBuffer
			clock := steppingClock(testTime, time.Millisecond)
			yielding := func() time.Time {
				now := clock()
				runtime.Gosched() // let another goroutine in between the clock and the write
				return now
			}
			l := newTestLogger(t, NewConfig().WithWriter(&buf).WithClock(yielding).WithAsync(async))
			var wg sync.WaitGroup
			for g := range 8 {
				wg.Go(func() {
					for i := range 300 {
						l.Info("r", "g", g, "i", i)
					}
				})
			}
			wg.Wait()
			if err := l.Sync(); err != nil {
				t.Fatal(err)
			}
			prev := ""
			for n, r := range decodeRecords(t, buf.String()) {
				stamp := r["time"].(string)
				if stamp <= prev {
					t.Fatalf("record %d is stamped %s after one stamped %s: records must be written in the order of their times", n, stamp, prev)
				}
				prev = stamp
			}
		})
	}
}

// TestTimeRolledFilesHoldTheirInterval is defect 7 at a roll: every record
// in a file named for an hour is stamped in that hour.
func TestTimeRolledFilesHoldTheirInterval(t *testing.T) {
	dir := t.TempDir()
	// 8,000 records 1.5 s apart cross three hours; the clock yields, so
	// that a goroutine often waits between reading it and writing.
	clock := steppingClock(time.Date(2024, 5, 6, 9, 50, 0, 0, time.UTC), 1500*time.Millisecond)
	hourly := func() time.Time {
		now := clock()
		runtime.Gosched()
		return now
	}
	l := newTestLogger(t, NewConfig().WithDir(dir).WithRollingSize(0).WithRollingInterval(time.Hour).WithClock(hourly))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 1000 {
				l.Info("r", "g", g, "i", i)
			}
		})
	}
	wg.Wait()
	if err := l.Sync(); err != nil {
		t.Fatal(err)
	}
	names := logFileNames(t, dir)
	if len(names) < 3 {
		t.Fatalf("%d files, want at least 3: the test must cross hours", len(names))
	}
	for _, name := range names {
		stamp := strings.TrimSuffix(strings.TrimPrefix(name, "logtar_"), ".log")
		opened, err := time.Parse(stampLayout, stamp[:len(stampLayout)])
		if err != nil {
			t.Fatal(err)
		}
		hour := opened.Truncate(time.Hour)
		for _, r := range decodeRecords(t, readFile(t, filepath.Join(dir, name))) {
			at, _ := time.Parse(time.RFC3339, r["time"].(string))
			if at.Before(hour) || !at.Before(hour.Add(time.Hour)) {
				t.Errorf("%s holds a record stamped %s, outside %s to %s", name, r["time"], hour.Format("15:04"), hour.Add(time.Hour).Format("15:04"))
			}
		}
	}
}

// breakDir replaces dir by a regular file, so that no file can be created
// in it (even by root, whom read-only permissions do not stop), while
// files already open in it can still be written.
func breakDir(t *testing.T, dir string) (moved string) {
	t.Helper()
	moved = dir + ".old"
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return moved
}

// TestFailedRollIsNotALostRecord is defect 8: records written to the old
// file when a roll fails are reported as what they are, not as lost.
func TestFailedRollIsNotALostRecord(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "logs")
	clock := steppingClock(testTime, time.Second)
	l, err := New(NewConfig().WithDir(dir).WithRollingSize(300).WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	moved := breakDir(t, dir)
	for i := range 10 {
		l.Info("kept", "i", i, "pad", strings.Repeat("x", 50))
	}
	err = l.Close()
	if err == nil {
		t.Fatal("Close() = nil, want the failed rolls reported")
	}
	if strings.Contains(err.Error(), "met write errors") {
		t.Errorf("Close() = %v, want no record reported lost: each went into the old file", err)
	}
	want := regexp.MustCompile(`\d+ attempts to start a new log file failed since the last Sync; no record was lost: ` +
		`they went on into logtar_\S+\.log \(now \d+ bytes, over the rolling size of 300\); the first error: logtar: create log file`)
	if !want.MatchString(err.Error()) {
		t.Errorf("Close() = %q, want it to match %q", err, want)
	}
	var pathErr *os.PathError
	if !errors.As(err, &pathErr) {
		t.Errorf("Close() = %v, want it to wrap the *os.PathError of the first failure", err)
	}
	names := logFileNames(t, moved)
	if len(names) != 1 || len(decodeRecords(t, readFile(t, filepath.Join(moved, names[0])))) != 10 {
		t.Errorf("the old directory holds %v, want one file with all 10 records", names)
	}
}

// TestFailedRollBacksOff is defect 8's second half: while the directory
// stays unusable, the roll is retried after 1, 2, 4, ... seconds (up to a
// minute), not on every record; and it rolls again once the directory is
// back.
func TestFailedRollBacksOff(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "logs")
	var now atomic.Int64 // seconds after testTime
	clock := func() time.Time { return testTime.Add(time.Duration(now.Load()) * time.Second) }
	var tries []int64
	var mu sync.Mutex
	onError := func(err error) {
		if strings.Contains(err.Error(), "create log file") {
			mu.Lock()
			tries = append(tries, now.Load())
			mu.Unlock()
		}
	}
	l, err := New(NewConfig().WithDir(dir).WithRollingSize(1).WithClock(clock).WithErrorHandler(onError))
	if err != nil {
		t.Fatal(err)
	}
	moved := breakDir(t, dir)
	for s := range 200 { // a record a second, each of which would roll
		now.Store(int64(s))
		l.Info("r")
	}
	mu.Lock()
	got := fmt.Sprint(tries)
	mu.Unlock()
	if want := "[1 2 4 8 16 32 64 124 184]"; got != want {
		t.Errorf("a roll was tried at seconds %s, want %s: after each failure, wait twice as long, at most a minute", got, want)
	}
	if err := l.Sync(); err == nil || !strings.Contains(err.Error(), "9 attempts") {
		t.Errorf("Sync() = %v, want 9 failed attempts reported", err)
	}
	// The directory comes back: the next due roll succeeds.
	os.Remove(dir)
	if err := os.Rename(moved, dir); err != nil {
		t.Fatal(err)
	}
	now.Store(300)
	l.Info("rolls")
	l.Info("rolls again")
	if err := l.Close(); err != nil {
		t.Errorf("Close() after the directory came back = %v, want nil", err)
	}
	if n := len(logFileNames(t, dir)); n != 3 {
		t.Errorf("%d files, want 3: the old one and one for each record after the directory came back", n)
	}
}

// logFileNames returns the names of the files in dir, sorted.
func logFileNames(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	for _, p := range logFiles(t, dir) {
		names = append(names, filepath.Base(p))
	}
	return names
}
