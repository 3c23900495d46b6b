package logtar

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"testing/synctest"
	"time"
)

// retentionStrangers are files in the log directory that are not the
// Logger's: the cleaner must never touch them.
var retentionStrangers = []string{
	"notes.txt", "logtar_notastamp.log", "other_2024-05-06T07-08-09.123Z.log",
	"logtar_2024-05-06T07-08-09.123Z.log.bak", "logtar_2024-05-06T07-08-09.123Z_12.log",
}

func retentionPlant(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, name := range names {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(name), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRetentionMaxBackups(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	for _, active := range []string{"", "app.log"} {
		dir := t.TempDir()
		retentionPlant(t, dir, retentionStrangers...)
		keep := 1 + rng.IntN(5)
		n := keep + 2 + rng.IntN(10)
		l, err := New(NewConfig().WithDir(dir).WithActiveFile(active).WithRollingSize(1).WithMaxBackups(keep).
			WithClock(activeFileClock(logFilesStepClock(), time.Second)))
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			l.Info(fmt.Sprint(i)) // every record after the first rolls
		}
		if err := l.Close(); err != nil {
			t.Fatalf("Close() = %v, want nil", err)
		}
		var ours, msgs []string
		for _, name := range logFilesStepList(t, dir) {
			if slices.Contains(retentionStrangers, name) {
				continue
			}
			ours = append(ours, name)
			data, _ := os.ReadFile(filepath.Join(dir, name))
			for _, r := range loggerStepRecords(t, string(data)) {
				msgs = append(msgs, r["msg"].(string))
			}
		}
		slices.SortFunc(msgs, func(a, b string) int {
			x, _ := strconv.Atoi(a)
			y, _ := strconv.Atoi(b)
			return x - y
		})
		var want []string
		for i := n - keep - 1; i < n; i++ {
			want = append(want, fmt.Sprint(i))
		}
		if fmt.Sprint(msgs) != fmt.Sprint(want) {
			t.Errorf("active file %q, %d records each in a file of its own, WithMaxBackups(%d): the files %q hold records %v, want %v: the current file and the %d newest rolled files",
				active, n, keep, ours, msgs, want, keep)
		}
		for _, name := range retentionStrangers {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil || string(data) != name {
				t.Errorf("%s, not a file this Logger rolled, was touched: %v", name, err)
			}
		}
	}
}

func TestRetentionMaxAge(t *testing.T) {
	dir := t.TempDir()
	retentionPlant(t, dir, retentionStrangers...)
	now := time.Now()
	maxAge := time.Duration(24+rand.IntN(48)) * time.Hour
	ages := map[string]time.Duration{
		"logtar_2024-05-01T00-00-00.000Z.log":               maxAge + time.Duration(1+rand.IntN(100))*time.Hour,
		"logtar_2024-05-02T00-00-00.000Z.log.gz":            maxAge + time.Minute,
		"logtar_2024-05-03T00-00-00.000+0200.log":           maxAge + time.Duration(1+rand.IntN(100))*time.Hour,
		"logtar_2024-05-03T01-00-00.000Z_000001.log":        maxAge - time.Minute,
		"logtar_2024-05-04T00-00-00.000-0530.log":           time.Duration(rand.IntN(24)) * time.Hour,
		"logtar_2024-05-05T00-00-00.000Z.log.gz":            time.Hour,
		"logtar_2024-05-06T00-00-00.000Z_000002.log":        maxAge / 2,
		"logtar_2024-04-06T00-00-00.000Z.log":               maxAge * 3,
		"logtar_2024-04-07T00-00-00.000+0530_000003.log.gz": maxAge * 3,
	}
	for name, age := range ages {
		retentionPlant(t, dir, name)
		if err := os.Chtimes(filepath.Join(dir, name), now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range retentionStrangers {
		os.Chtimes(filepath.Join(dir, name), now.Add(-10*maxAge), now.Add(-10*maxAge))
	}
	l, err := New(NewConfig().WithDir(dir).WithMaxAge(maxAge))
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatalf("Close() = %v, want nil", err)
	}
	for name, age := range ages {
		_, err := os.Stat(filepath.Join(dir, name))
		if kept := err == nil; kept != (age < maxAge) {
			t.Errorf("WithMaxAge(%s): %s, last written %s ago, kept = %v, want %v: New's first pass deletes rolled files whose modification time is more than the max age ago",
				maxAge, name, age.Round(time.Minute), kept, age < maxAge)
		}
	}
	for _, name := range retentionStrangers {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s, not a file this Logger rolled, was deleted although it is old", name)
		}
	}
}

func TestRetentionStopsWithClose(t *testing.T) {
	// A goroutine still running when the bubble ends fails the test: Close
	// must stop the cleaner and wait for it.
	synctest.Test(t, func(t *testing.T) {
		dir := t.TempDir()
		l, err := New(NewConfig().WithDir(dir).WithRollingSize(1).WithMaxBackups(2))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 6 {
			l.Info(fmt.Sprint(i))
		}
		if err := l.Close(); err != nil {
			t.Fatal(err)
		}
		if names := logFilesStepList(t, dir); len(names) != 3 {
			t.Errorf("6 records in 6 files, WithMaxBackups(2): after Close, %q, want 3 files: Close waits for the cleaner to finish what the rolls asked of it", names)
		}
	})
}

func TestRetentionStaleCurrent(t *testing.T) {
	// The Logger can roll again between wake and the pass it asked for, so
	// a pass may be told of an older current file than the one being
	// written. Built here directly, so the check does not depend on luck.
	dir := t.TempDir()
	start := time.Date(2024, 5, 6, 7, 8, 9, 123e6, time.UTC)
	n := 5 + rand.IntN(5)
	keep := 1 + rand.IntN(3)
	stale := rand.IntN(n - keep - 1) // index of the current file the pass was told of
	var names []string
	for i := range n {
		name := "logtar_" + start.Add(time.Duration(i)*time.Second).Format("2006-01-02T15-04-05.000Z") + ".log"
		retentionPlant(t, dir, name)
		names = append(names, name)
	}
	c := &cleaner{dir: dir, prefix: "logtar_", maxBackups: keep, now: time.Now, current: names[stale]}
	c.pass()
	if err := c.report(); err != nil {
		t.Fatalf("pass reported %v", err)
	}
	for _, name := range names[n-1-keep:] {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("files %q, the last being written, WithMaxBackups(%d), a pass told that the current file is %s (a roll ago or more): it deleted %s, which must stay; a file newer than the current one the pass knows of is for a later pass",
				names, keep, names[stale], name)
		}
	}
	// Told the truth, the next pass keeps exactly the newest backups.
	c.current = names[n-1]
	c.pass()
	if got, want := logFilesStepList(t, dir), names[n-1-keep:]; !slices.Equal(got, want) {
		t.Errorf("files %q, the last being written, WithMaxBackups(%d): after a pass that knows the current file, %q are left, want %q",
			names, keep, got, want)
	}
}
