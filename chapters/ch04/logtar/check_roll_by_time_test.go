package logtar

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
)

// rollTimeFiles returns, for each file in dir in name order, its name and
// the messages of its records.
func rollTimeFiles(t *testing.T, dir string) []string {
	t.Helper()
	names, contents := rollSizeFiles(t, dir)
	var out []string
	for i, c := range contents {
		var msgs []string
		for _, r := range loggerStepRecords(t, c) {
			msgs = append(msgs, fmt.Sprint(r["msg"]))
		}
		out = append(out, names[i]+": "+strings.Join(msgs, " "))
	}
	return out
}

func TestRollByTimeOnTheHour(t *testing.T) {
	h, m := rand.IntN(20), 1+rand.IntN(58)
	synctest.Test(t, func(t *testing.T) {
		// The bubble's clock starts at midnight UTC, 2000-01-01, and
		// time.Sleep moves it forward at once, without waiting.
		dir := t.TempDir()
		time.Sleep(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
		l, err := New(NewConfig().WithDir(dir).WithRollingInterval(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		l.Info("a") // h:m, the first file
		time.Sleep(time.Duration(59-m)*time.Minute + 59*time.Second + 999*time.Millisecond)
		l.Info("b") // h:59:59.999, the same file
		time.Sleep(time.Millisecond)
		l.Info("c") // h+1:00, a new file
		time.Sleep(3*time.Hour + 5*time.Minute)
		l.Info("d") // h+4:05, one new file, not one for every hour missed
		l.Info("e")
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		got := rollTimeFiles(t, dir)
		want := []string{
			fmt.Sprintf("logtar_2000-01-01T%02d-%02d-00.000Z.log: a b", h, m),
			fmt.Sprintf("logtar_2000-01-01T%02d-00-00.000Z.log: c", h+1),
			fmt.Sprintf("logtar_2000-01-01T%02d-05-00.000Z.log: d e", h+4),
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("hourly rolling, logging at %02d:%02d, %02d:59:59.999, %02d:00 and twice at %02d:05, left the files\n%s\nwant\n%s",
				h, m, h, h+1, h+4, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

func TestRollByTimeIdleMakesNoFiles(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		l, err := New(NewConfig().WithDir(dir).WithRollingInterval(time.Minute))
		if err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Hour)
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		if files := logFilesStepList(t, dir); len(files) != 1 {
			t.Errorf("an idle hour with rolling every minute left %d files, want 1: roll when a record comes, not on a timer", len(files))
		}
	})
}

// rollTimeClock is a clock a test sets by hand.
type rollTimeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *rollTimeClock) set(t time.Time) { c.mu.Lock(); c.now = t; c.mu.Unlock() }
func (c *rollTimeClock) get() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func TestRollByTimeBoundaries(t *testing.T) {
	day := func(d, h, m, s, ms int) time.Time { return time.Date(2024, 5, d, h, m, s, ms*1e6, time.UTC) }
	east := time.FixedZone("UTC-5", -5*3600)
	tests := []struct {
		desc     string
		interval time.Duration
		open     time.Time   // when New runs
		logs     []time.Time // when each record is logged: record i's message is "r<i>"
		want     string      // the records of each file, files separated by "|"
	}{
		{"hourly: rolls at :00, whenever the file was opened", time.Hour, day(6, 10, 37, 12, 0),
			[]time.Time{day(6, 10, 37, 12, 0), day(6, 10, 59, 59, 999), day(6, 11, 0, 0, 0), day(6, 11, 30, 0, 0), day(6, 14, 5, 0, 0)},
			"r0 r1|r2 r3|r4"},
		{"every 15 minutes: at :00, :15, :30, :45", 15 * time.Minute, day(6, 10, 37, 12, 0),
			[]time.Time{day(6, 10, 44, 59, 0), day(6, 10, 45, 0, 0), day(6, 10, 59, 0, 0), day(6, 11, 0, 0, 0)},
			"r0|r1 r2|r3"},
		{"daily: at midnight UTC", 24 * time.Hour, day(6, 10, 37, 0, 0),
			[]time.Time{day(6, 23, 59, 59, 999), day(7, 0, 0, 0, 0), day(7, 23, 0, 0, 0)},
			"r0|r1 r2"},
		{"daily, with a clock in UTC-5: still midnight UTC, 19:00 there", 24 * time.Hour, time.Date(2024, 5, 6, 9, 0, 0, 0, east),
			[]time.Time{time.Date(2024, 5, 6, 18, 59, 59, 0, east), time.Date(2024, 5, 6, 19, 0, 0, 0, east)},
			"r0|r1"},
		{"the clock went back: no roll until the boundary", time.Hour, day(6, 10, 37, 0, 0),
			[]time.Time{day(6, 9, 0, 0, 0), day(6, 10, 59, 0, 0), day(6, 11, 0, 0, 0)},
			"r0 r1|r2"},
		{"rolling by time off", 0, day(6, 10, 37, 0, 0),
			[]time.Time{day(6, 11, 0, 0, 0), day(9, 11, 0, 0, 0)},
			"r0 r1"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		clock := &rollTimeClock{now: tt.open}
		l, err := New(NewConfig().WithDir(dir).WithRollingInterval(tt.interval).WithClock(clock.get))
		if err != nil {
			t.Fatal(err)
		}
		for i, at := range tt.logs {
			clock.set(at)
			l.Info(fmt.Sprintf("r%d", i))
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		_, contents := rollSizeFiles(t, dir)
		var files []string
		for _, c := range contents {
			var msgs []string
			for _, r := range loggerStepRecords(t, c) {
				msgs = append(msgs, fmt.Sprint(r["msg"]))
			}
			files = append(files, strings.Join(msgs, " "))
		}
		if got := strings.Join(files, "|"); got != tt.want {
			var at []string
			for i, l := range tt.logs {
				at = append(at, fmt.Sprintf("r%d at %s", i, l.Format("Jan 2 15:04:05.000 MST")))
			}
			t.Errorf("%s: opened at %s, then %s: the files hold %q, want %q (files separated by |)",
				tt.desc, tt.open.Format("Jan 2 15:04:05 MST"), strings.Join(at, ", "), got, tt.want)
		}
	}
}

func TestRollByTimeStampNeverGoesBack(t *testing.T) {
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

func TestRollByTimeClockGoesBack(t *testing.T) {
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

// rollTimeMovingClock returns a clock that moves forward by step on every
// call, so that a test crosses many rolling intervals in a fraction of a
// second. It is safe for concurrent use.
func rollTimeMovingClock(start time.Time, step time.Duration) func() time.Time {
	var calls atomic.Int64
	return func() time.Time {
		return start.Add(time.Duration(calls.Add(1)) * step)
	}
}

// rollTimeFDs counts the process's open file descriptors, or returns
// -1 where /proc/self/fd does not exist.
func rollTimeFDs() int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(entries)
}

// TestRollByTimeReliability has many goroutines log numbered records
// while the files roll every few kilobytes and every (simulated) second.
// Afterwards every record must be in the files exactly once, whole, and in
// order for each goroutine, and no file descriptor may be left open.
func TestRollByTimeReliability(t *testing.T) {
	for _, async := range []bool{false, true} {
		rollTimeReliability(t, async)
	}
}

func rollTimeReliability(t *testing.T, async bool) {
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
	fdsBefore := rollTimeFDs()

	start := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	cfg := NewConfig().WithDir(dir).WithRollingSize(limit).WithRollingInterval(time.Second).
		WithClock(rollTimeMovingClock(start, 7*time.Millisecond)).WithAsync(async).WithQueueSize(64)
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
	fdsDuring := rollTimeFDs()
	if err := l.Close(); err != nil {
		t.Fatalf("%s: Close() = %v, want nil", mode, err)
	}
	fdsAfter := rollTimeFDs()
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
	timeRolls := 0
	for n, data := range contents {
		if data != "" && !strings.HasSuffix(data, "\n") {
			t.Errorf("%s: %s does not end in a newline: a record was cut", mode, names[n])
		}
		if len(data) > limit {
			t.Errorf("%s: %s is %d bytes, over the %d limit", mode, names[n], len(data), limit)
		}
		if n < len(contents)-1 && len(data) < limit-2*maxPad-100 {
			timeRolls++ // rolled long before it was full: by time
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
	if timeRolls < 5 {
		t.Errorf("%s: %d of %d files were rolled well before they were full, want at least 5: with the clock moving 7 ms per record and a new file every second, some rolls must come from time", mode, timeRolls, len(names))
	}
}
