package logtar

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// rollFailuresBreakDir replaces dir by a regular file: no new file can be
// created in it, even by root (whom read-only permissions do not stop),
// while the file already open in it can still be written.
func rollFailuresBreakDir(t *testing.T, dir string) (moved string) {
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

var rollFailuresReport = regexp.MustCompile(`(\d+) attempts? to start a new log file failed since the last Sync; no record was lost`)

func TestRollFailuresLoseNoRecord(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "logs")
	var now atomic.Int64
	clock := func() time.Time { return logFilesStepClock().Add(time.Duration(now.Add(1)) * time.Second) }
	l, err := New(NewConfig().WithDir(dir).WithRollingSize(200).WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	moved := rollFailuresBreakDir(t, dir)
	n := 5 + rand.IntN(10)
	for i := range n {
		l.Info("kept", "i", i, "pad", strings.Repeat("x", 60))
	}
	err = l.Close()
	if err == nil || strings.Contains(err.Error(), "met write errors") || !rollFailuresReport.MatchString(err.Error()) {
		t.Errorf("%d records, the directory unusable since the first: Close() = %v, want an error like %q: the records went into the old file, so none was lost, and the failed rolls are what to report",
			n, err, "3 attempts to start a new log file failed since the last Sync; no record was lost: ...")
	}
	var pathErr *os.PathError
	if err != nil && !errors.As(err, &pathErr) {
		t.Errorf("Close() = %v, want it to wrap the first failure's *os.PathError (%%w)", err)
	}
	names := logFilesStepList(t, moved)
	if len(names) != 1 {
		t.Fatalf("the old directory holds %q, want the one file", names)
	}
	data, _ := os.ReadFile(filepath.Join(moved, names[0]))
	if got := len(loggerStepRecords(t, string(data))); got != n {
		t.Errorf("the old file holds %d records, want all %d", got, n)
	}
}

func TestRollFailuresBackOff(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "logs")
	var now atomic.Int64 // seconds after the start
	start := logFilesStepClock().Add(time.Duration(rand.IntN(3600)) * time.Second)
	clock := func() time.Time { return start.Add(time.Duration(now.Load()) * time.Second) }
	l, err := New(NewConfig().WithDir(dir).WithRollingSize(1).WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	moved := rollFailuresBreakDir(t, dir)
	var tried []int
	for sec := range 200 { // a record a second, and every one of them would roll
		now.Store(int64(sec))
		l.Info("r")
		err := l.Sync()
		if m := rollFailuresReport.FindStringSubmatch(fmt.Sprint(err)); m != nil {
			tried = append(tried, sec)
		}
	}
	want := []int{1, 2, 4, 8, 16, 32, 64, 124, 184}
	if fmt.Sprint(tried) != fmt.Sprint(want) {
		t.Errorf("one record a second, each due to roll, into a directory that cannot take a new file: Sync reported a failed roll at seconds %v, want %v: after a failure, try again only after 1 s, then 2, 4, ... (twice as long each time, never more than a minute)", tried, want)
	}
	// The directory comes back: the next roll that is due succeeds.
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(moved, dir); err != nil {
		t.Fatal(err)
	}
	now.Store(300)
	l.Info("rolls")
	now.Store(301)
	l.Info("rolls again")
	if err := l.Close(); err != nil {
		t.Errorf("Close() after the directory came back = %v, want nil", err)
	}
	if names := logFilesStepList(t, dir); len(names) != 3 {
		t.Errorf("after the directory came back, two records due to roll left %q, want 3 files: the old one and one for each", names)
	}
}

func TestRollFailuresHasTheNamesTheStepAsks(t *testing.T) {
	// Later code (the batched writes of lesson 4.6) rolls through tryRoll
	// and respects retryAt, so the step asks for those names.
	if _, ok := any(&fileOutput{}).(interface{ tryRoll(time.Time) }); !ok {
		t.Error("*fileOutput has no method tryRoll(t time.Time): write it in file.go, and make write call it")
	}
	if f, ok := reflect.TypeFor[fileOutput]().FieldByName("retryAt"); !ok || f.Type != reflect.TypeFor[time.Time]() {
		t.Error("fileOutput has no field retryAt time.Time: the time before which no roll is tried again")
	}
}
