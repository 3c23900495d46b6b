package logtar

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/synctest"
	"time"
)

func TestShouldRoll(t *testing.T) {
	hour := time.Date(2024, 5, 6, 11, 0, 0, 0, time.UTC)
	tests := []struct {
		name     string
		maxSize  int64
		interval time.Duration
		size     int64
		n        int
		t        time.Time
		want     bool
	}{
		{"fits", 100, 0, 50, 50, hour, false},
		{"would pass the limit", 100, 0, 50, 51, hour, true},
		{"empty file never rolls for size", 100, 0, 0, 500, hour, false},
		{"size off", 0, 0, 1 << 40, 1 << 20, hour, false},
		{"before the boundary", 0, time.Hour, 0, 1, hour.Add(-time.Nanosecond), false},
		{"at the boundary", 0, time.Hour, 0, 1, hour, true},
		{"long after the boundary", 0, time.Hour, 0, 1, hour.Add(50 * time.Hour), true},
		{"clock went back", 0, time.Hour, 0, 1, hour.Add(-3 * time.Hour), false},
		{"either reason", 100, time.Hour, 10, 10, hour, true},
	}
	for _, tt := range tests {
		f := &fileOutput{maxSize: tt.maxSize, interval: tt.interval, size: tt.size}
		if tt.interval > 0 {
			f.rollAt = hour // the file was opened in the hour before
		}
		if got := f.shouldRoll(tt.t, tt.n); got != tt.want {
			t.Errorf("%s: shouldRoll(%v, %d) with size %d/%d, interval %v = %v, want %v",
				tt.name, tt.t, tt.n, tt.size, tt.maxSize, tt.interval, got, tt.want)
		}
	}
}

func TestNextRoll(t *testing.T) {
	at := func(h, m, s int) time.Time { return time.Date(2024, 5, 6, h, m, s, 0, time.UTC) }
	tests := []struct {
		t        time.Time
		interval time.Duration
		want     time.Time
	}{
		{at(10, 37, 12), time.Hour, at(11, 0, 0)},
		{at(10, 0, 0), time.Hour, at(11, 0, 0)},
		{at(10, 37, 12), 15 * time.Minute, at(10, 45, 0)},
		{at(10, 37, 12), time.Minute, at(10, 38, 0)},
		{at(10, 37, 12), 24 * time.Hour, time.Date(2024, 5, 7, 0, 0, 0, 0, time.UTC)},
		{time.Date(2024, 5, 6, 23, 30, 0, 0, time.FixedZone("X", -5*3600)), 24 * time.Hour, time.Date(2024, 5, 8, 0, 0, 0, 0, time.UTC)},
		{at(10, 37, 12), 0, time.Time{}},
	}
	for _, tt := range tests {
		if got := nextRoll(tt.t, tt.interval, time.UTC); !got.Equal(tt.want) {
			t.Errorf("nextRoll(%v, %v) = %v, want %v", tt.t, tt.interval, got, tt.want)
		}
	}
}

func TestRollBySizeNeverPassesTheLimit(t *testing.T) {
	const limit = 1000
	dir := t.TempDir()
	l := newTestLogger(t, NewConfig().WithDir(dir).WithRollingSize(limit).WithRollingInterval(0))
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 600
	for i := range n {
		size := rng.IntN(300)
		if i%100 == 99 {
			size = 2 * limit // bigger than a whole file
		}
		l.Info("record", "i", i, "pad", strings.Repeat("x", size))
	}
	if err := l.Sync(); err != nil {
		t.Fatal(err)
	}
	files := logFiles(t, dir)
	if len(files) < 50 {
		t.Fatalf("got %d files, want many rolls", len(files))
	}
	next := 0
	for i, path := range files {
		data := readFile(t, path)
		lines := strings.SplitAfter(data, "\n")
		lines = lines[:len(lines)-1] // the empty string after the last newline
		if len(data) > limit && len(lines) != 1 {
			t.Errorf("%s is %d bytes with %d records; only a single oversized record may pass the limit", filepath.Base(path), len(data), len(lines))
		}
		if i+1 < len(files) {
			// It rolled only because the next record did not fit.
			nextData := readFile(t, files[i+1])
			first := nextData[:strings.IndexByte(nextData, '\n')+1]
			if len(data)+len(first) <= limit {
				t.Errorf("%s (%d bytes) rolled although the next record (%d bytes) fit", filepath.Base(path), len(data), len(first))
			}
		}
		for _, r := range decodeRecords(t, data) {
			if r["i"] != float64(next) {
				t.Fatalf("record %v out of order, want i=%d", r["i"], next)
			}
			next++
		}
	}
	if next != n {
		t.Errorf("found %d records, want %d", next, n)
	}
}

func TestRollByTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// The bubble's clock starts at midnight UTC, 2000-01-01, and
		// time.Sleep moves it forward without waiting.
		dir := t.TempDir()
		time.Sleep(10*time.Hour + 37*time.Minute)
		l, err := New(NewConfig().WithDir(dir).WithRollingInterval(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		l.Info("a") // 10:37, first file
		time.Sleep(22*time.Minute + 59*time.Second + 999*time.Millisecond)
		l.Info("b") // 10:59:59.999, same file
		time.Sleep(time.Millisecond)
		l.Info("c") // 11:00, new file
		time.Sleep(3*time.Hour + 5*time.Minute)
		l.Info("d") // 14:05, one new file, not one per hour missed
		l.Info("e")
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, path := range logFiles(t, dir) {
			var msgs []string
			for _, r := range decodeRecords(t, readFile(t, path)) {
				msgs = append(msgs, r["msg"].(string))
			}
			got = append(got, filepath.Base(path)+": "+strings.Join(msgs, " "))
		}
		want := []string{
			"logtar_2000-01-01T10-37-00.000Z.log: a b",
			"logtar_2000-01-01T11-00-00.000Z.log: c",
			"logtar_2000-01-01T14-05-00.000Z.log: d e",
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("files =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
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
		if files := logFiles(t, dir); len(files) != 1 {
			t.Errorf("an idle hour with minutely rolling left %d files, want 1", len(files))
		}
	})
}

func TestRollClosesOldFiles(t *testing.T) {
	dir := t.TempDir()
	l := newTestLogger(t, NewConfig().WithDir(dir).WithRollingSize(1))
	f := l.out.(*fileOutput)
	var old []*os.File
	for range 5 {
		old = append(old, f.file)
		l.Info("roll")
	}
	for i, file := range old[1:] {
		if _, err := file.Write([]byte("x")); err == nil {
			t.Errorf("file %d is still open after its roll", i+1)
		}
	}
}
