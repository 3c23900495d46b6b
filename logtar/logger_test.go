package logtar

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
)

func TestLoggerOutput(t *testing.T) {
	var buf syncBuffer
	l := newTestLogger(t, NewConfig().WithWriter(&buf).WithClock(fixedClock))
	l.Info("user logged in", "user", "ann", "attempt", 2)
	l.LogAttrs(LevelWarn, "slow", slog.Duration("took", 1500000), slog.Bool("retry", false))
	want := `{"time":"2024-05-06T07:08:09.123Z","level":"INFO","msg":"user logged in","user":"ann","attempt":2}` + "\n" +
		`{"time":"2024-05-06T07:08:09.123Z","level":"WARN","msg":"slow","took":1500000,"retry":false}` + "\n"
	if got := buf.String(); got != want {
		t.Errorf("output =\n%s\nwant\n%s", got, want)
	}
}

func TestLoggerLevelFiltering(t *testing.T) {
	methods := []struct {
		level Level
		log   func(l *Logger, msg string)
	}{
		{LevelDebug, func(l *Logger, msg string) { l.Debug(msg) }},
		{LevelInfo, func(l *Logger, msg string) { l.Info(msg) }},
		{LevelWarn, func(l *Logger, msg string) { l.Warn(msg) }},
		{LevelError, func(l *Logger, msg string) { l.Error(msg) }},
		{LevelCritical, func(l *Logger, msg string) { l.Critical(msg) }},
	}
	for _, min := range []Level{LevelDebug, LevelInfo, LevelWarn, LevelError, LevelCritical} {
		t.Run(min.String(), func(t *testing.T) {
			var buf syncBuffer
			l := newTestLogger(t, NewConfig().WithWriter(&buf).WithLevel(min))
			var want []string
			for _, m := range methods {
				m.log(l, m.level.String())
				if m.level >= min {
					want = append(want, m.level.String())
				}
				if got := l.Enabled(m.level); got != (m.level >= min) {
					t.Errorf("Enabled(%v) = %v at level %v", m.level, got, min)
				}
			}
			records := decodeRecords(t, buf.String())
			var got []string
			for _, r := range records {
				got = append(got, r["level"].(string))
				if r["level"] != r["msg"] {
					t.Errorf("record %v: level does not match the method that logged it", r)
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("levels written at minimum %v = %v, want %v", min, got, want)
			}
		})
	}
}

func TestLoggerLogLevels(t *testing.T) {
	var buf syncBuffer
	l := newTestLogger(t, NewConfig().WithWriter(&buf).WithLevel(LevelWarn))
	l.Log(LevelWarn-1, "below")
	l.Log(LevelWarn+1, "between")
	l.LogAttrs(LevelInfo, "attrs below")
	records := decodeRecords(t, buf.String())
	if len(records) != 1 || records[0]["level"] != "WARN+1" {
		t.Errorf("Log records = %v, want only the WARN+1 one", records)
	}
	if l.Level() != LevelWarn {
		t.Errorf("Level() = %v, want WARN", l.Level())
	}
}

func TestLoggerOneLinePerRecord(t *testing.T) {
	var buf syncBuffer
	l := newTestLogger(t, NewConfig().WithWriter(&buf))
	nasty := []string{"a\nb", "c\r\nd", "\"}\n{\"", "\x00\x1f", "\xff\xfe", "\u2028"}
	for _, s := range nasty {
		l.Info(s, s, s, "err", errors.New(s))
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(nasty) {
		t.Fatalf("%d records gave %d lines:\n%s", len(nasty), len(lines), buf.String())
	}
	records := decodeRecords(t, buf.String())
	for i, r := range records {
		if want := string([]rune(nasty[i])); r["msg"] != want || r["err"] != want {
			t.Errorf("record %d = %v, want msg and err %q", i, r, want)
		}
	}
}

// lineChecker is a writer that fails the test if a Write call is not
// whole records: one in sync mode, and in async mode one or more, as
// the writer goroutine batches them (batch.go). It counts the records.
type lineChecker struct {
	t       *testing.T
	batched bool // async: a Write may carry several records
	mu      sync.Mutex
	lines   int
}

func (w *lineChecker) Write(p []byte) (int, error) {
	n := strings.Count(string(p), "\n")
	if len(p) == 0 || p[len(p)-1] != '\n' || (!w.batched && n != 1) {
		w.t.Errorf("Write(%q): want whole lines, one per call unless batched", p)
	}
	w.mu.Lock()
	w.lines += n
	w.mu.Unlock()
	return len(p), nil
}

func TestLoggerConcurrentWritesStayWhole(t *testing.T) {
	w := &lineChecker{t: t}
	l := newTestLogger(t, NewConfig().WithWriter(w))
	const goroutines, each = 8, 200
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range each {
				l.Info("line", "g", g, "i", i, "pad", strings.Repeat("x", g*10))
			}
		})
	}
	wg.Wait()
	if w.lines != goroutines*each {
		t.Errorf("writer got %d lines, want %d", w.lines, goroutines*each)
	}
}

// failingWriter fails every write after the first ok ones.
type failingWriter struct {
	mu sync.Mutex
	ok int
	n  int
}

var errDiskFull = errors.New("disk full")

func (w *failingWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.n++
	if w.n > w.ok {
		return 0, fmt.Errorf("write %d: %w", w.n, errDiskFull)
	}
	return len(p), nil
}

func TestLoggerReportsWriteErrors(t *testing.T) {
	for _, async := range []bool{false, true} {
		t.Run(fmt.Sprintf("async=%v", async), func(t *testing.T) {
			l, err := New(NewConfig().WithWriter(&failingWriter{ok: 1}).WithAsync(async))
			if err != nil {
				t.Fatal(err)
			}
			l.Info("ok")
			if async {
				// Write "ok" alone: the writer goroutine would write
				// the three records with one Write call.
				if err := l.Sync(); err != nil {
					t.Fatal(err)
				}
			}
			l.Info("lost 1")
			l.Info("lost 2")
			err = l.Sync()
			if !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), "2 records") || !strings.Contains(err.Error(), "write 2") {
				t.Errorf("Sync() = %v, want an error counting 2 records and wrapping the first error (write 2: disk full)", err)
			}
			if err := l.Sync(); err != nil {
				t.Errorf("second Sync() = %v, want nil: errors are reported once", err)
			}
			l.Info("lost 3")
			if err := l.Close(); !errors.Is(err, errDiskFull) || !strings.Contains(err.Error(), "1 record met") {
				t.Errorf("Close() = %v, want the error for the record lost since Sync", err)
			}
		})
	}
}

func TestLoggerDevFullIsReported(t *testing.T) {
	f, err := openDevFull(t)
	if err != nil {
		t.Skip("no /dev/full here:", err)
	}
	l, err := New(NewConfig().WithWriter(f))
	if err != nil {
		t.Fatal(err)
	}
	l.Info("nowhere to go")
	if err := l.Close(); !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("Close() after writing to /dev/full = %v, want ENOSPC", err)
	}
}

// openDevFull opens /dev/full, a device on which every write fails with
// ENOSPC ("no space left on device"): a full disk on demand.
func openDevFull(t *testing.T) (*os.File, error) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { f.Close() })
	return f, nil
}

// syncer is a writer with a Sync method that returns err.
type syncer struct {
	io.Writer
	err   error
	calls int
}

func (s *syncer) Sync() error { s.calls++; return s.err }

func TestLoggerSyncCallsWriterSync(t *testing.T) {
	tests := []struct {
		name    string
		syncErr error
		wantErr bool
	}{
		{"ok", nil, false},
		{"failure reported", errDiskFull, true},
		{"terminal ignored", fmt.Errorf("sync /dev/stderr: %w", syscall.EINVAL), false},
		{"macOS terminal ignored", &os.PathError{Op: "sync", Path: "/dev/stdout", Err: syscall.ENOTTY}, false},
		{"not supported ignored", syscall.ENOTSUP, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &syncer{Writer: io.Discard, err: tt.syncErr}
			l, err := New(NewConfig().WithWriter(s))
			if err != nil {
				t.Fatal(err)
			}
			err = l.Sync()
			if (err != nil) != tt.wantErr || s.calls != 1 {
				t.Errorf("Sync() = %v after %d writer Sync calls, want error %v after 1", err, s.calls, tt.wantErr)
			}
			l.Close()
		})
	}
}

func TestLoggerClose(t *testing.T) {
	for _, async := range []bool{false, true} {
		t.Run(fmt.Sprintf("async=%v", async), func(t *testing.T) {
			var buf syncBuffer
			l, err := New(NewConfig().WithWriter(&buf).WithAsync(async))
			if err != nil {
				t.Fatal(err)
			}
			l.Info("before")
			if err := l.Close(); err != nil {
				t.Fatalf("Close() = %v, want nil", err)
			}
			if err := l.Close(); err != nil {
				t.Errorf("second Close() = %v, want nil", err)
			}
			if err := l.Sync(); !errors.Is(err, ErrClosed) {
				t.Errorf("Sync() after Close = %v, want ErrClosed", err)
			}

			// Logging after Close must not panic (in async mode it would
			// send on a closed channel if done wrong) and is counted.
			l.Info("after 1")
			l.Error("after 2", "k", "v")
			slog.New(l.Handler()).Warn("after 3")
			err = l.Close()
			if !errors.Is(err, ErrClosed) || !strings.Contains(err.Error(), "3 records") {
				t.Errorf("Close() after logging on a closed logger = %v, want ErrClosed counting 3 records", err)
			}
			if err := l.Sync(); !errors.Is(err, ErrClosed) || !strings.Contains(err.Error(), "3 records") {
				t.Errorf("Sync() after logging on a closed logger = %v, want ErrClosed counting 3 records", err)
			}
			if got := decodeRecords(t, buf.String()); len(got) != 1 || got[0]["msg"] != "before" {
				t.Errorf("records = %v, want only \"before\"", got)
			}
		})
	}
}

func TestLoggerConcurrentClose(t *testing.T) {
	// Close racing with loggers must neither panic nor lose a record it
	// has not counted: every record is either written or dropped.
	for _, async := range []bool{false, true} {
		t.Run(fmt.Sprintf("async=%v", async), func(t *testing.T) {
			w := &lineChecker{t: t, batched: async}
			l, err := New(NewConfig().WithWriter(w).WithAsync(async).WithQueueSize(4))
			if err != nil {
				t.Fatal(err)
			}
			const goroutines, each = 4, 300
			var wg sync.WaitGroup
			for range goroutines {
				wg.Go(func() {
					for range each {
						l.Info("x")
					}
				})
			}
			closeErr := l.Close()
			wg.Wait()
			l.mu.Lock()
			dropped := l.dropped
			l.mu.Unlock()
			if w.lines+dropped != goroutines*each {
				t.Errorf("written %d + dropped %d = %d, want %d", w.lines, dropped, w.lines+dropped, goroutines*each)
			}
			if closeErr != nil {
				t.Errorf("first Close() = %v, want nil", closeErr)
			}
		})
	}
}
