package logtar

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
	_ "time/tzdata" // Europe/Paris on any machine
)

// The features a production user expects (issue 10): a stable active file,
// retention, compression, local time, file modes, an error handler, a drop
// mode and a Close with a deadline.

func TestActiveFileKeepsItsName(t *testing.T) {
	dir := t.TempDir()
	clock := steppingClock(testTime, time.Second)
	l, err := New(NewConfig().WithDir(dir).WithActiveFile("app.log").WithRollingSize(200).WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	active := filepath.Join(dir, "app.log")
	for i := range 20 {
		l.Info("record", "i", i, "pad", strings.Repeat("x", 40))
		// The newest record is always in the active file, as tail -F expects.
		records := decodeRecords(t, readFile(t, active))
		if last := records[len(records)-1]; last["i"] != float64(i) {
			t.Fatalf("after record %d, the last record in app.log is %v", i, last)
		}
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	names := logFileNames(t, dir)
	if names[0] != "app.log" {
		t.Fatalf("files = %v, want app.log among them", names)
	}
	next := 0
	for _, name := range append(names[1:], "app.log") { // the rolled files, in name order, then app.log
		if name != "app.log" {
			if !isRolledName("logtar_", name) {
				t.Errorf("rolled file %q is not named prefix, stamp, .log", name)
			}
		}
		data := readFile(t, filepath.Join(dir, name))
		if len(data) > 200 {
			t.Errorf("%s is %d bytes, over the 200 limit", name, len(data))
		}
		for _, r := range decodeRecords(t, data) {
			if r["i"] != float64(next) {
				t.Fatalf("%s holds record %v, want %d: rolled files in name order, then the active file, must hold the records in order", name, r["i"], next)
			}
			next++
		}
	}
	if next != 20 {
		t.Errorf("the files hold %d records, want 20", next)
	}
}

func TestActiveFileLeftoverIsSetAside(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "app.log")
	if err := os.WriteFile(old, []byte("{\"msg\":\"from the last run\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	lastWrite := testTime.Add(-time.Hour)
	if err := os.Chtimes(old, lastWrite, lastWrite); err != nil {
		t.Fatal(err)
	}
	l, err := New(NewConfig().WithDir(dir).WithActiveFile("app.log").WithClock(fixedClock))
	if err != nil {
		t.Fatal(err)
	}
	l.Info("this run")
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	want := []string{"app.log", "logtar_2024-05-06T06-08-09.123Z.log"}
	if got := logFileNames(t, dir); !slices.Equal(got, want) {
		t.Fatalf("files = %q, want %q: the last run's file is renamed after the time it was last written", got, want)
	}
	if got := readFile(t, filepath.Join(dir, want[1])); !strings.Contains(got, "from the last run") {
		t.Errorf("the set-aside file holds %q", got)
	}
}

func TestActiveFileFailedRollKeepsWriting(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "logs")
	l, err := New(NewConfig().WithDir(dir).WithActiveFile("app.log").WithRollingSize(100))
	if err != nil {
		t.Fatal(err)
	}
	moved := breakDir(t, dir)
	for i := range 5 {
		l.Info("kept", "i", i, "pad", strings.Repeat("x", 50))
	}
	if err := l.Close(); err == nil || !strings.Contains(err.Error(), "no record was lost") {
		t.Errorf("Close() = %v, want the failed rolls reported", err)
	}
	if n := len(decodeRecords(t, readFile(t, filepath.Join(moved, "app.log")))); n != 5 {
		t.Errorf("app.log holds %d records, want 5", n)
	}
}

func TestMaxBackups(t *testing.T) {
	dir := t.TempDir()
	// Files that are not ours, and must survive.
	strangers := []string{"notes.txt", "logtar_notastamp.log", "other_2024-05-06T07-08-09.123Z.log"}
	for _, name := range strangers {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	clock := steppingClock(testTime, time.Second)
	l, err := New(NewConfig().WithDir(dir).WithRollingSize(1).WithMaxBackups(3).WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 10 {
		l.Info("r", "i", i)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	var ours []string
	for _, name := range logFileNames(t, dir) {
		if !slices.Contains(strangers, name) {
			ours = append(ours, name)
		}
	}
	if len(ours) != 4 {
		t.Fatalf("files = %v, want the current one and the 3 newest rolled ones", ours)
	}
	for j, name := range ours {
		r := decodeRecords(t, readFile(t, filepath.Join(dir, name)))
		if r[0]["i"] != float64(6+j) {
			t.Errorf("%s holds record %v, want %d", name, r[0]["i"], 6+j)
		}
	}
	for _, name := range strangers {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s, not a log file of this Logger, was touched: %v", name, err)
		}
	}
}

// TestMaxBackupsStaleCurrent is the regression test for a race found under
// load: a cleaner pass that starts after the Logger has rolled again still
// holds the name of an older current file. It must then not take the real
// current file for a backup and delete a rolled file that should stay.
func TestMaxBackupsStaleCurrent(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for i := range 5 {
		name := "logtar_" + testTime.Add(time.Duration(i)*time.Second).UTC().Format(stampLayout) + ".log"
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	// names[4] is being written; the cleaner was last told names[0].
	c := &cleaner{dir: dir, prefix: "logtar_", maxBackups: 2, now: time.Now, current: names[0]}
	c.pass()
	for _, name := range names[2:] {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("%s, the current file or one of the 2 newest backups, is gone after a pass that knew an older current file: %v", name, err)
		}
	}
	// Told the truth, the next pass deletes what is beyond the 2 newest.
	c.current = names[4]
	c.pass()
	if got := logFileNames(t, dir); !slices.Equal(got, names[2:]) {
		t.Errorf("after a pass that knows the current file: %v, want %v", got, names[2:])
	}
}
func TestMaxAge(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	ages := map[string]time.Duration{
		"logtar_2024-05-01T00-00-00.000Z.log":        80 * time.Hour,
		"logtar_2024-05-02T00-00-00.000Z.log.gz":     50 * time.Hour,
		"logtar_2024-05-03T00-00-00.000Z_000001.log": 47 * time.Hour,
		"logtar_2024-05-04T00-00-00.000Z.log":        time.Hour,
	}
	for name, age := range ages {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(path, now.Add(-age), now.Add(-age)); err != nil {
			t.Fatal(err)
		}
	}
	l, err := New(NewConfig().WithDir(dir).WithMaxAge(48 * time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	for name, age := range ages {
		_, err := os.Stat(filepath.Join(dir, name))
		if kept := err == nil; kept != (age < 48*time.Hour) {
			t.Errorf("%s, last written %s ago, kept = %v with a max age of 48h", name, age, kept)
		}
	}
}

func TestCompress(t *testing.T) {
	dir := t.TempDir()
	clock := steppingClock(testTime, time.Second)
	l, err := New(NewConfig().WithDir(dir).WithActiveFile("app.log").WithRollingSize(300).
		WithCompress(true).WithFileMode(0o600).WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		l.Info("r", "i", i, "pad", strings.Repeat("x", 60))
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	next := 0
	names := logFileNames(t, dir)
	for _, name := range append(names[1:], "app.log") { // "app.log" sorts first
		path := filepath.Join(dir, name)
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", name, info.Mode().Perm())
		}
		data := readFile(t, path)
		if name != "app.log" {
			if !strings.HasSuffix(name, ".log.gz") {
				t.Fatalf("rolled file %s is not compressed", name)
			}
			zr, err := gzip.NewReader(strings.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			plain, err := io.ReadAll(zr)
			if err != nil {
				t.Fatal(err)
			}
			if !zr.ModTime.Equal(info.ModTime().Truncate(time.Second)) {
				t.Errorf("%s: gzip header time %v, file time %v, want the same", name, zr.ModTime, info.ModTime())
			}
			data = string(plain)
		}
		for _, r := range decodeRecords(t, data) {
			if r["i"] != float64(next) {
				t.Fatalf("%s holds record %v, want %d", name, r["i"], next)
			}
			next++
		}
	}
	if next != 12 {
		t.Errorf("the files hold %d records, want 12", next)
	}
}

func TestCompressInterruptedIsTidied(t *testing.T) {
	dir := t.TempDir()
	name := "logtar_2024-05-01T00-00-00.000Z.log"
	for _, n := range []string{name, name + ".gz", "logtar_2024-05-02T00-00-00.000Z.log.gz.tmp"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	l, err := New(NewConfig().WithDir(dir).WithCompress(true))
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	got := logFileNames(t, dir)
	if len(got) != 2 || got[0] != name+".gz" {
		t.Errorf("files = %q, want %s.gz and the current file: a complete .gz wins over its original, a .tmp is a leftover", got, name)
	}
}

func TestLocalTimeRolling(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		at       time.Time
		interval time.Duration
		want     time.Time
	}{
		{time.Date(2024, 5, 6, 23, 30, 0, 0, paris), 24 * time.Hour, time.Date(2024, 5, 7, 0, 0, 0, 0, paris)},
		{time.Date(2024, 5, 6, 10, 37, 0, 0, paris), time.Hour, time.Date(2024, 5, 6, 11, 0, 0, 0, paris)},
		// Spring forward: 02:00 does not exist; the next hour after 01:30 is 03:00 CEST.
		{time.Date(2024, 3, 31, 1, 30, 0, 0, paris), time.Hour, time.Date(2024, 3, 31, 3, 0, 0, 0, paris)},
		// A 23-hour day still rolls at local midnight.
		{time.Date(2024, 3, 31, 12, 0, 0, 0, paris), 24 * time.Hour, time.Date(2024, 4, 1, 0, 0, 0, 0, paris)},
		// Fall back: 02:30 CEST, then 02:00-03:00 CET comes around again.
		{time.Date(2024, 10, 27, 0, 30, 0, 0, time.UTC), time.Hour, time.Date(2024, 10, 27, 2, 0, 0, 0, time.UTC)},
		{time.Date(2024, 10, 27, 22, 0, 0, 0, paris), 24 * time.Hour, time.Date(2024, 10, 28, 0, 0, 0, 0, paris)},
		// An interval that does not divide a day counts from UTC.
		{time.Date(2024, 5, 6, 10, 37, 0, 0, paris), 7 * time.Hour, time.Date(2024, 5, 6, 14, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		got := nextRoll(tt.at, tt.interval, paris)
		if !got.Equal(tt.want) || !got.After(tt.at) {
			t.Errorf("nextRoll(%v, %v, Paris) = %v, want %v", tt.at, tt.interval, got.In(paris), tt.want.In(paris))
		}
	}

	old := time.Local
	time.Local = paris
	defer func() { time.Local = old }()
	dir := t.TempDir()
	at := time.Date(2024, 5, 6, 23, 59, 59, 0, paris)
	clock := steppingClock(at, 500*time.Millisecond)
	l, err := New(NewConfig().WithDir(dir).WithLocalTime(true).WithRollingInterval(24 * time.Hour).WithClock(clock))
	if err != nil {
		t.Fatal(err)
	}
	for range 4 {
		l.Info("r")
	}
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	want := []string{"logtar_2024-05-06T23-59-59.500+0200.log", "logtar_2024-05-07T00-00-00.000+0200.log"}
	if got := logFileNames(t, dir); !slices.Equal(got, want) {
		t.Errorf("files = %q, want %q: a daily file in local time starts at local midnight and is named in local time", got, want)
	}
}

func TestFileModeIsValidated(t *testing.T) {
	for _, mode := range []os.FileMode{0o1644, 0o444, 0o044} {
		if err := NewConfig().WithFileMode(mode).Validate(); err == nil {
			t.Errorf("WithFileMode(%#o).Validate() = nil, want an error", uint32(mode))
		}
	}
}

func TestErrorHandlerHearsEachProblem(t *testing.T) {
	var got []string
	handler := func(err error) {
		got = append(got, err.Error())
		panic("a handler that panics must not take the Logger down")
	}
	l, err := New(NewConfig().WithWriter(&failingWriter{ok: 1}).WithErrorHandler(handler))
	if err != nil {
		t.Fatal(err)
	}
	l.Info("ok")
	l.Info("lost 1")
	l.Info("lost 2")
	if err := l.Close(); err == nil || !strings.Contains(err.Error(), "2 records") {
		t.Errorf("Close() = %v, want the 2 lost records still reported", err)
	}
	if len(got) != 2 || !strings.Contains(got[0], "write 2") || !strings.Contains(got[1], "write 3") {
		t.Errorf("the handler heard %q, want the errors of writes 2 and 3", got)
	}
}

func TestDropWhenFull(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &gateWriter{open: make(chan struct{})}
		var heard atomic.Int64
		l, err := New(NewConfig().WithWriter(w).WithAsync(true).WithQueueSize(8).WithDropWhenFull(true).
			WithErrorHandler(func(err error) {
				if errors.Is(err, ErrQueueFull) {
					heard.Add(1)
				}
			}))
		if err != nil {
			t.Fatal(err)
		}
		// Records bigger than a batch (maxBatch), so that the writer holds
		// at most two: the one it is stuck writing, and the next it took.
		pad := strings.Repeat("p", maxBatch+1)
		for i := range 100 {
			l.Info(fmt.Sprint(i), "pad", pad) // never waits
		}
		synctest.Wait() // the writer is stuck in Write
		close(w.open)
		err = l.Sync()
		dropped := 100 - len(decodeRecords(t, w.buf.String()))
		if dropped < 90 || dropped > 92 {
			t.Errorf("%d of 100 records dropped with a queue of 8 and a stuck writer, want 90 to 92 (the queue's 8 kept, and up to 2 the writer took before it got stuck)", dropped)
		}
		if !errors.Is(err, ErrQueueFull) || !strings.Contains(err.Error(), fmt.Sprintf("dropped %d records", dropped)) {
			t.Errorf("Sync() = %v, want ErrQueueFull and the count, %d", err, dropped)
		}
		if heard.Load() != int64(dropped) {
			t.Errorf("the error handler heard of %d drops, want %d", heard.Load(), dropped)
		}
		if err := l.Close(); err != nil {
			t.Errorf("Close() = %v, want nil: drops were reported by Sync", err)
		}
	})
}

func TestDropWhenFullNeedsAsync(t *testing.T) {
	var ce *ConfigError
	if err := NewConfig().WithDropWhenFull(true).Validate(); !errors.As(err, &ce) || ce.Field != "drop_when_full" {
		t.Errorf("WithDropWhenFull(true) without async: Validate() = %v, want a ConfigError for drop_when_full", err)
	}
}

func TestCloseContextGivesUp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		w := &gateWriter{open: make(chan struct{})}
		var late []error
		l, err := New(NewConfig().WithWriter(w).WithAsync(true).WithQueueSize(16).
			WithErrorHandler(func(err error) { late = append(late, err) }))
		if err != nil {
			t.Fatal(err)
		}
		for i := range 10 {
			l.Info(fmt.Sprint(i))
		}
		synctest.Wait() // the writer is stuck writing the 10 records in one batch
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		start := time.Now()
		err = l.CloseContext(ctx)
		if waited := time.Since(start); waited != 5*time.Second {
			t.Errorf("CloseContext waited %v, want the 5s of its context", waited)
		}
		if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "10 records still queued") {
			t.Errorf("CloseContext() = %v, want DeadlineExceeded and 10 records still queued (the writer's batch counts)", err)
		}
		// The Logger goes on closing in the background, and writes
		// everything once the writer is free.
		close(w.open)
		synctest.Wait()
		checkNumbered(t, w.buf.String(), 10)
		if len(late) != 0 {
			t.Errorf("the error handler heard %v after a clean background close, want nothing", late)
		}
		if err := l.Close(); err != nil {
			t.Errorf("Close() after CloseContext = %v, want nil", err)
		}
	})
}

func TestCloseContextInTime(t *testing.T) {
	l, err := New(NewConfig().WithWriter(discard{}).WithAsync(true))
	if err != nil {
		t.Fatal(err)
	}
	l.Info("m")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := l.CloseContext(ctx); err != nil {
		t.Errorf("CloseContext() = %v, want nil", err)
	}
}

func TestCompressAbandoned(t *testing.T) {
	dir := t.TempDir()
	name := "logtar_2024-05-01T00-00-00.000Z.log"
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(strings.Repeat("{\"msg\":\"x\"}\n", 10000)), 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	c := &cleaner{dir: dir, prefix: "logtar_", compress: true, now: time.Now}
	c.abandon()
	if err := c.compressFile(rolled{name, info}); !errors.Is(err, errAbandoned) {
		t.Errorf("compressFile after abandon = %v, want errAbandoned", err)
	}
	if got := logFileNames(t, dir); len(got) != 1 || got[0] != name {
		t.Errorf("after an abandoned compression the directory holds %q, want the original only", got)
	}
}
