package logtar

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// steppingClock returns a clock that moves forward by step on every call,
// so that a test crosses many rolling intervals in a fraction of a second.
// It is safe for concurrent use.
func steppingClock(start time.Time, step time.Duration) func() time.Time {
	var calls atomic.Int64
	return func() time.Time {
		return start.Add(time.Duration(calls.Add(1)) * step)
	}
}

// openFDs counts the process's open file descriptors, or returns -1 where
// /proc/self/fd does not exist.
func openFDs(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

// TestReliability has many goroutines log numbered records while the files
// roll every few kilobytes and every (simulated) second. Afterwards every
// record must be in the files exactly once, whole, and in order per
// goroutine, and no file descriptor may be left open.
func TestReliability(t *testing.T) {
	for _, async := range []bool{false, true} {
		for _, active := range []string{"", "app.log"} {
			t.Run(fmt.Sprintf("async=%v,active=%q", async, active), func(t *testing.T) {
				testReliability(t, async, active)
			})
		}
	}
}

func testReliability(t *testing.T, async bool, active string) {
	const (
		goroutines = 8
		each       = 1500
		limit      = 4096
		maxPad     = 120
	)
	dir := t.TempDir()
	if runtime.GOOS == "linux" {
		// Let the runtime open whatever it opens on first file use
		// (its poller, for one) before counting.
		f, err := os.CreateTemp(dir, "warmup")
		if err != nil {
			t.Fatal(err)
		}
		f.Close()
		os.Remove(f.Name())
	}
	fdsBefore := openFDs(t)

	start := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	cfg := NewConfig().WithDir(dir).WithRollingSize(limit).WithRollingInterval(time.Second).
		WithClock(steppingClock(start, 7*time.Millisecond)).WithAsync(async).WithQueueSize(64).
		WithActiveFile(active)
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
	// Let an async writer finish (it may be between opening a new file
	// and closing the old one), then count.
	if err := l.Sync(); err != nil {
		t.Fatalf("Sync() = %v", err)
	}
	fdsDuring := openFDs(t)
	if err := l.Close(); err != nil {
		t.Fatalf("Close() = %v", err)
	}
	fdsAfter := openFDs(t)
	if fdsBefore >= 0 {
		if fdsDuring > fdsBefore+1 {
			t.Errorf("open files grew from %d to %d while rolling, want at most one more (the current log file)", fdsBefore, fdsDuring)
		}
		if fdsAfter != fdsBefore {
			t.Errorf("open files after Close = %d, want %d as before New", fdsAfter, fdsBefore)
		}
	}

	files := logFiles(t, dir)
	if active != "" {
		// The active file holds the newest records: read it last.
		if filepath.Base(files[0]) != active {
			t.Fatalf("files %v, want %s among them", files, active)
		}
		files = append(files[1:], files[0])
	}
	if len(files) < 50 {
		t.Errorf("only %d files: the test needs at least 50 rolls to mean anything", len(files))
	}
	next := make([]int, goroutines)
	timeRolls := 0
	for n, path := range files {
		data := readFile(t, path)
		if !strings.HasSuffix(data, "\n") && data != "" {
			t.Errorf("%s does not end in a newline: a record was cut", filepath.Base(path))
		}
		if len(data) > limit {
			t.Errorf("%s is %d bytes, over the %d limit", filepath.Base(path), len(data), limit)
		}
		if n < len(files)-1 && len(data) < limit-200 {
			timeRolls++ // it rolled before it was nearly full
		}
		for _, r := range decodeRecords(t, data) {
			g, i := int(r["g"].(float64)), int(r["i"].(float64))
			if i != next[g] {
				t.Fatalf("%s: goroutine %d record %d, want %d: lost, repeated or out of order", filepath.Base(path), g, i, next[g])
			}
			next[g]++
		}
	}
	for g, n := range next {
		if n != each {
			t.Errorf("goroutine %d: %d records in the files, want %d", g, n, each)
		}
	}
	if timeRolls < 5 {
		t.Errorf("%d files were rolled by time, want at least 5", timeRolls)
	}
}
