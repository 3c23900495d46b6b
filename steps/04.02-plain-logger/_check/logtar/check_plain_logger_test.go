package logtar

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// plainStepWriter is a writer that keeps what it is given and counts its
// Write and Close calls. It is safe for concurrent use.
type plainStepWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	writes int
	closes int
}

func (w *plainStepWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes++
	return w.buf.Write(p)
}

func (w *plainStepWriter) Close() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.closes++
	return nil
}

func (w *plainStepWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// plainStepNames names the levels without calling String.
var plainStepNames = map[Level]string{
	LevelDebug: "DEBUG", LevelInfo: "INFO", LevelWarn: "WARN", LevelError: "ERROR", LevelCritical: "CRITICAL",
}

// plainStepWords returns a random message of a few lower-case words.
func plainStepWords(rng *rand.Rand) string {
	words := make([]string, 1+rng.IntN(4))
	for i := range words {
		w := make([]byte, 1+rng.IntN(8))
		for j := range w {
			w[j] = byte('a' + rng.IntN(26))
		}
		words[i] = string(w)
	}
	return strings.Join(words, " ")
}

// plainStepTime returns a random instant in a random time zone, and how
// the plain format writes it: in UTC, with milliseconds.
func plainStepTime(rng *rand.Rand) (time.Time, string) {
	utc := time.Date(2000+rng.IntN(100), time.Month(1+rng.IntN(12)), 1+rng.IntN(28),
		rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1e9), time.UTC)
	zone := time.FixedZone("somewhere", (rng.IntN(27)-12)*3600)
	want := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.Year(), int(utc.Month()), utc.Day(),
		utc.Hour(), utc.Minute(), utc.Second(), utc.Nanosecond()/1e6)
	return utc.In(zone), want
}

// plainStepNew creates a Logger and closes it when the test ends.
func plainStepNew(t *testing.T, cfg Config) *Logger {
	t.Helper()
	l, err := New(cfg)
	if err != nil {
		t.Fatalf("New(a valid config) error = %v, want nil", err)
	}
	if l == nil {
		t.Fatal("New(a valid config) = nil, nil, want a Logger")
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func TestPlainLoggerLines(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	at, stamp := plainStepTime(rng)
	w := &plainStepWriter{}
	l := plainStepNew(t, NewConfig().WithWriter(w).WithLevel(LevelDebug).WithClock(func() time.Time { return at }))
	methods := []struct {
		level Level
		log   func(string)
	}{
		{LevelDebug, func(m string) { l.Debug(m) }},
		{LevelInfo, func(m string) { l.Info(m) }},
		{LevelWarn, func(m string) { l.Warn(m) }},
		{LevelError, func(m string) { l.Error(m) }},
		{LevelCritical, func(m string) { l.Critical(m) }},
	}
	var want strings.Builder
	for range 6 {
		m := methods[rng.IntN(len(methods))]
		msg := plainStepWords(rng)
		m.log(msg)
		fmt.Fprintf(&want, "[%s] [%s] %s\n", stamp, plainStepNames[m.level], msg)
	}
	between := LevelInfo + Level(1+rng.IntN(3))
	msg := plainStepWords(rng)
	l.Log(between, msg)
	fmt.Fprintf(&want, "[%s] [INFO%+d] %s\n", stamp, int(between-LevelInfo), msg)
	if got := w.String(); got != want.String() {
		t.Errorf("with the clock at %s, logging wrote\n%q\nwant\n%q\n(each line is [time in UTC, with milliseconds] [LEVEL] message)",
			at.Format(time.RFC3339Nano), got, want.String())
	}
	if w.writes != 7 {
		t.Errorf("7 records took %d Write calls, want 7: build the whole line, then write it once", w.writes)
	}
}

func TestPlainLoggerLevels(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	levels := []Level{LevelDebug, LevelInfo, LevelWarn, LevelError, LevelCritical}
	for _, min := range levels {
		w := &plainStepWriter{}
		l := plainStepNew(t, NewConfig().WithWriter(w).WithLevel(min))
		var want, wrong []string
		for _, level := range levels {
			msg := plainStepWords(rng)
			l.Log(level, msg)
			if level >= min {
				want = append(want, "["+plainStepNames[level]+"] "+msg)
			}
			if got := l.Enabled(level); got != (level >= min) {
				wrong = append(wrong, fmt.Sprintf("Enabled(%s) = %v", plainStepNames[level], got))
			}
		}
		if len(wrong) > 0 {
			t.Errorf("with the level at %s: %s; want true for the levels at or above %s", plainStepNames[min], strings.Join(wrong, ", "), plainStepNames[min])
		}
		var got []string
		for line := range strings.Lines(w.String()) {
			if _, rest, ok := strings.Cut(strings.TrimSuffix(line, "\n"), "] "); ok {
				got = append(got, rest)
			}
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("with the level at %s, logging at every level wrote %q, want %q", plainStepNames[min], got, want)
		}
	}
}

// plainStepOneAtATime is a writer that counts Write calls that overlap
// another one and calls that are not exactly one line.
type plainStepOneAtATime struct {
	busy     atomic.Bool
	lines    atomic.Int64
	overlaps atomic.Int64
	torn     atomic.Value // the first Write that was not one whole line
}

func (w *plainStepOneAtATime) Write(p []byte) (int, error) {
	if !w.busy.CompareAndSwap(false, true) {
		w.overlaps.Add(1)
	}
	for range 20 {
		runtime.Gosched() // widen the window in which another Write could start
	}
	if bytes.Count(p, []byte("\n")) != 1 || p[len(p)-1] != '\n' {
		w.torn.CompareAndSwap(nil, string(p))
	}
	w.lines.Add(1)
	w.busy.Store(false)
	return len(p), nil
}

func TestPlainLoggerGoroutines(t *testing.T) {
	w := &plainStepOneAtATime{}
	l := plainStepNew(t, NewConfig().WithWriter(w))
	const goroutines, each = 8, 100
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range each {
				l.Info(fmt.Sprintf("goroutine %d line %d", g, i))
			}
		})
	}
	wg.Wait()
	if got := w.lines.Load(); got != goroutines*each {
		t.Errorf("%d goroutines logging %d records each made %d Write calls, want %d", goroutines, each, got, goroutines*each)
	}
	if n := w.overlaps.Load(); n > 0 {
		t.Errorf("%d Write calls started while another was still running, want 0: hold l.mu while writing", n)
	}
	if torn := w.torn.Load(); torn != nil {
		t.Errorf("Write(%q): want exactly one whole line per Write call", torn)
	}
}

func TestPlainLoggerFile(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	prefix := strings.ReplaceAll(plainStepWords(rng), " ", "-") + "_"
	dir := filepath.Join(t.TempDir(), "a", "b", "logs")
	at, stamp := plainStepTime(rng)
	cfg := NewConfig().WithDir(dir).WithFilePrefix(prefix).WithClock(func() time.Time { return at })
	var want strings.Builder
	for run := range 2 {
		l, err := New(cfg)
		if err != nil {
			t.Fatalf("New(WithDir(a new nested directory)) error = %v, want nil: create the directory and its parents", err)
		}
		if l == nil || l.file == nil {
			t.Fatalf("New without a writer left the Logger's file nil, want the log file it opened")
		}
		msg := plainStepWords(rng)
		l.Warn(msg)
		fmt.Fprintf(&want, "[%s] [WARN] %s\n", stamp, msg)
		if err := l.Sync(); err != nil {
			t.Errorf("Sync() = %v, want nil", err)
		}
		if err := l.Close(); err != nil {
			t.Errorf("Close() = %v, want nil", err)
		}
		if _, err := l.file.Write([]byte("x")); err == nil {
			t.Errorf("after Close the log file is still open, want Close to close it")
		}
		name := filepath.Join(dir, prefix+"plain.log")
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatalf("after New with prefix %q and a Warn, reading %s: %v", prefix, name, err)
		}
		if string(data) != want.String() {
			t.Errorf("after %d Logger(s) each wrote one line, %s holds\n%q\nwant\n%q\n(open it with O_APPEND, so a new Logger adds to it)",
				run+1, filepath.Base(name), data, want.String())
		}
	}
}

func TestPlainLoggerUnusableDirectory(t *testing.T) {
	// A path below a regular file can never be a directory, even for root.
	file := filepath.Join(t.TempDir(), "plain.txt")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(file, "logs")
	l, err := New(NewConfig().WithDir(dir))
	if err == nil {
		t.Fatalf("New(WithDir(%q)), where plain.txt is a file, error = nil, want an error", dir)
	}
	if l != nil {
		t.Errorf("New(WithDir(%q)) returned a Logger with its error, want nil", dir)
	}
	if !strings.HasPrefix(err.Error(), "logtar: ") || !strings.Contains(err.Error(), "plain.txt") {
		t.Errorf("New(WithDir(%q)) error = %q, want a \"logtar: \" error naming the path", dir, err)
	}
}

func TestPlainLoggerRejectsBadConfig(t *testing.T) {
	bad := []struct {
		desc  string
		cfg   Config
		field string
	}{
		{"WithLevel(Level(3))", NewConfig().WithLevel(Level(3)), "level"},
		{"WithRollingSize(-5)", NewConfig().WithRollingSize(-5), "rolling_size"},
		{"WithQueueSize(0)", NewConfig().WithQueueSize(0), "queue_size"},
	}
	tt := bad[rand.IntN(len(bad))]
	l, err := New(tt.cfg.WithWriter(io.Discard))
	var ce *ConfigError
	if l != nil || !errors.As(err, &ce) || ce.Field != tt.field {
		got := "nil"
		if l != nil {
			got = "a Logger"
		}
		t.Errorf("New(NewConfig().%s) = %s, %v; want nil and a *ConfigError for %s: validate first", tt.desc, got, err, tt.field)
	}
}

func TestPlainLoggerClose(t *testing.T) {
	w := &plainStepWriter{}
	l, err := New(NewConfig().WithWriter(w))
	if err != nil || l == nil {
		t.Fatalf("New = %v, %v, want a Logger", l, err)
	}
	l.Info("before")
	if err := l.Sync(); err != nil {
		t.Errorf("Sync() with a writer = %v, want nil", err)
	}
	if err := l.Close(); err != nil {
		t.Errorf("Close() = %v, want nil", err)
	}
	if err := l.Close(); err != nil {
		t.Errorf("a second Close() = %v, want nil", err)
	}
	if err := l.Sync(); !errors.Is(err, ErrClosed) {
		t.Errorf("Sync() after Close = %v, want ErrClosed", err)
	}
	l.Info("after") // must not panic, and must not be written
	if got := w.String(); strings.Count(got, "\n") != 1 || !strings.HasSuffix(got, "] [INFO] before\n") {
		t.Errorf("logging \"before\", Close, logging \"after\" wrote %q, want only the \"before\" line", got)
	}
	if w.closes != 0 {
		t.Errorf("Close closed the writer passed in with WithWriter %d times, want 0: it belongs to whoever passed it in", w.closes)
	}
}
