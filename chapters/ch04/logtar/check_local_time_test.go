package logtar

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // real time zones, with their daylight saving rules, on any machine
)

// localTimeIn runs f with time.Local set to loc.
func localTimeIn(loc *time.Location, f func()) {
	old := time.Local
	time.Local = loc
	defer func() { time.Local = old }()
	f()
}

// localTimeFiles logs n records through a Logger in local time, on a clock
// that starts at start and moves step per call, and returns the files'
// names and the msg of every record, file by file in name order.
func localTimeFiles(t *testing.T, cfg Config, start time.Time, step time.Duration, n int) (names []string, msgs [][]string) {
	t.Helper()
	dir := t.TempDir()
	clock := activeFileClock(start, step)
	l, err := New(cfg.WithDir(dir).WithLocalTime(true).WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		l.Info(fmt.Sprint(i))
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	for _, name := range logFilesStepList(t, dir) {
		data, _ := os.ReadFile(filepath.Join(dir, name))
		var m []string
		for _, r := range loggerStepRecords(t, string(data)) {
			m = append(m, r["msg"].(string))
		}
		names = append(names, name)
		msgs = append(msgs, m)
	}
	return names, msgs
}

func TestLocalTimeMidnight(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	// A zone half an hour off: its midnight is no multiple of a day, nor
	// even of an hour, counted from midnight UTC.
	offset := (rng.IntN(2)*2-1)*(1+rng.IntN(11))*3600 + 1800
	zone := time.FixedZone("Somewhere", offset)
	day := time.Date(2024, time.Month(1+rng.IntN(12)), 1+rng.IntN(27), 0, 0, 0, 0, zone)
	start := day.Add(-2 * time.Minute) // 23:58 the day before: New at 23:58:20
	var names []string
	var msgs [][]string
	localTimeIn(zone, func() {
		names, msgs = localTimeFiles(t, NewConfig().WithRollingSize(0).WithRollingInterval(24*time.Hour), start, 20*time.Second, 8)
	})
	stamp := func(t time.Time) string { return t.In(zone).Format("2006-01-02T15-04-05.000Z0700") }
	want := []string{"logtar_" + stamp(start.Add(20*time.Second)) + ".log", "logtar_" + stamp(day) + ".log"}
	wantMsgs := "[[0 1 2 3] [4 5 6 7]]"
	if fmt.Sprint(names) != fmt.Sprint(want) || fmt.Sprint(msgs) != wantMsgs {
		t.Errorf("rolling daily in local time (UTC%+.1f), a record every 20 s from 23:58:40: files %q holding %v, want %q holding %v: a daily file starts at local midnight, and is named in local time with its offset",
			float64(offset)/3600, names, msgs, want, wantMsgs)
	}
}

func TestLocalTimeDaylightSaving(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	for _, tt := range []struct {
		name  string
		start time.Time
	}{
		{"spring forward (02:00 to 03:00 does not exist)", time.Date(2024, 3, 31, 0, 40, 0, 0, paris)},
		{"fall back (02:00 to 03:00 comes twice)", time.Date(2024, 10, 27, 0, 40, 0, 0, paris)},
	} {
		var names []string
		var msgs [][]string
		localTimeIn(paris, func() {
			// Every record rolls by size, and hourly rolls come on top.
			names, msgs = localTimeFiles(t, NewConfig().WithRollingSize(1).WithRollingInterval(time.Hour), tt.start, 7*time.Minute, 40)
		})
		for _, name := range names {
			if !strings.Contains(name, "+0100.log") && !strings.Contains(name, "+0200.log") &&
				!strings.Contains(name, "+0100_") && !strings.Contains(name, "+0200_") {
				t.Fatalf("%s: a file in Paris time is named %q, want its stamp in local time with the offset, +0100 or +0200", tt.name, name)
			}
		}
		var order []string
		for _, m := range msgs {
			order = append(order, m...)
		}
		want := make([]string, 40)
		for i := range want {
			want[i] = fmt.Sprint(i)
		}
		if !slices.Equal(order, want) || len(names) != 40 {
			t.Errorf("%s, a record every 7 minutes, each one rolling: %d files, and in name order they hold %v, want 40 files holding 0 to 39 in order: names in local time must still sort in the order the files were opened (keep the last stamp when the clock falls back)\nfiles: %q",
				tt.name, len(names), order, names)
		}
	}
}

func TestLocalTimeHourInAHalfHourZone(t *testing.T) {
	zone := time.FixedZone("IST", 5*3600+1800)
	start := time.Date(2024, 5, 6, 10, 50, 0, 0, zone)
	var names []string
	var msgs [][]string
	localTimeIn(zone, func() {
		names, msgs = localTimeFiles(t, NewConfig().WithRollingSize(0).WithRollingInterval(time.Hour), start, 4*time.Minute, 6)
	})
	want := []string{"logtar_2024-05-06T10-54-00.000+0530.log", "logtar_2024-05-06T11-02-00.000+0530.log"}
	if fmt.Sprint(names) != fmt.Sprint(want) || fmt.Sprint(msgs) != "[[0] [1 2 3 4 5]]" {
		t.Errorf("rolling hourly in UTC+5:30, from 10:54: files %q holding %v, want %q holding [[0] [1 2 3 4 5]]: in local time, the hour starts at :00 on the local clock", names, msgs, want)
	}
}

func TestLocalTimeNextRoll(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip(err)
	}
	// Written this way so that this check compiles before the step too,
	// when nextRoll takes no zone.
	next, ok := any(nextRoll).(func(time.Time, time.Duration, *time.Location) time.Time)
	if !ok {
		t.Fatalf("nextRoll is a %T, want func(t time.Time, interval time.Duration, loc *time.Location) time.Time: rolling by time needs to know the zone", any(nextRoll))
	}
	ist := time.FixedZone("IST", 5*3600+1800)
	tests := []struct {
		t        time.Time
		interval time.Duration
		loc      *time.Location
		want     time.Time
	}{
		{time.Date(2024, 5, 6, 10, 37, 0, 0, time.UTC), time.Hour, time.UTC, time.Date(2024, 5, 6, 11, 0, 0, 0, time.UTC)},
		{time.Date(2024, 5, 6, 23, 30, 0, 0, paris), 24 * time.Hour, paris, time.Date(2024, 5, 7, 0, 0, 0, 0, paris)},
		{time.Date(2024, 5, 6, 10, 37, 0, 0, ist), time.Hour, ist, time.Date(2024, 5, 6, 11, 0, 0, 0, ist)},
		{time.Date(2024, 5, 6, 10, 37, 0, 0, ist), 15 * time.Minute, ist, time.Date(2024, 5, 6, 10, 45, 0, 0, ist)},
		// 02:00 to 03:00 does not exist on this day: the next hour after 01:30 is 03:00.
		{time.Date(2024, 3, 31, 1, 30, 0, 0, paris), time.Hour, paris, time.Date(2024, 3, 31, 3, 0, 0, 0, paris)},
		// A 23-hour day still ends at midnight, and a 25-hour one too.
		{time.Date(2024, 3, 31, 12, 0, 0, 0, paris), 24 * time.Hour, paris, time.Date(2024, 4, 1, 0, 0, 0, 0, paris)},
		{time.Date(2024, 10, 27, 12, 0, 0, 0, paris), 24 * time.Hour, paris, time.Date(2024, 10, 28, 0, 0, 0, 0, paris)},
		// An interval that does not divide a day counts from UTC.
		{time.Date(2024, 5, 6, 10, 37, 0, 0, paris), 7 * time.Hour, paris, time.Date(2024, 5, 6, 14, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		if got := next(tt.t, tt.interval, tt.loc); !got.Equal(tt.want) {
			t.Errorf("nextRoll(%s, %v, %s) = %s, want %s", tt.t.Format(time.RFC3339), tt.interval, tt.loc, got.In(tt.loc).Format(time.RFC3339), tt.want.In(tt.loc).Format(time.RFC3339))
		}
	}
}
