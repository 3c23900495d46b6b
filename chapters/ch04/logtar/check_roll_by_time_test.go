package logtar

import (
	"fmt"
	"strings"
	"sync"
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
	synctest.Test(t, func(t *testing.T) {
		// The bubble's clock starts at midnight UTC, 2000-01-01, and
		// time.Sleep moves it forward at once, without waiting.
		dir := t.TempDir()
		time.Sleep(10*time.Hour + 37*time.Minute)
		l, err := New(NewConfig().WithDir(dir).WithRollingInterval(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		l.Info("a") // 10:37, the first file
		time.Sleep(22*time.Minute + 59*time.Second + 999*time.Millisecond)
		l.Info("b") // 10:59:59.999, the same file
		time.Sleep(time.Millisecond)
		l.Info("c") // 11:00, a new file
		time.Sleep(3*time.Hour + 5*time.Minute)
		l.Info("d") // 14:05, one new file, not one for every hour missed
		l.Info("e")
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		got := rollTimeFiles(t, dir)
		want := []string{
			"logtar_2000-01-01T10-37-00.000Z.log: a b",
			"logtar_2000-01-01T11-00-00.000Z.log: c",
			"logtar_2000-01-01T14-05-00.000Z.log: d e",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("hourly rolling, logging at 10:37, 10:59:59.999, 11:00 and twice at 14:05, left the files\n%s\nwant\n%s",
				strings.Join(got, "\n"), strings.Join(want, "\n"))
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
