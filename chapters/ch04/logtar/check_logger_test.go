package logtar

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// loggerStepClock is the fixed time these checks log at.
func loggerStepClock() time.Time { return time.Date(2024, 5, 6, 7, 8, 9, 123_456_789, time.UTC) }

// loggerStepBuffer is a bytes.Buffer that is safe for concurrent use.
type loggerStepBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *loggerStepBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *loggerStepBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// loggerStepNew creates a Logger and closes it when the test ends.
func loggerStepNew(t *testing.T, cfg Config) *Logger {
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

// loggerStepRecords parses JSON lines, failing the test on a line that is
// not a JSON object.
func loggerStepRecords(t *testing.T, data string) []map[string]any {
	t.Helper()
	var records []map[string]any
	sc := bufio.NewScanner(strings.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("the line %q is not a JSON object: %v", sc.Text(), err)
		}
		records = append(records, m)
	}
	return records
}

func TestLoggerWritesRecords(t *testing.T) {
	var buf loggerStepBuffer
	l := loggerStepNew(t, NewConfig().WithWriter(&buf).WithClock(loggerStepClock))
	l.Info("user logged in", "user", "ann", "attempt", 2)
	l.LogAttrs(LevelWarn, "slow", slog.Duration("took", 1500000), slog.Bool("retry", false))
	want := `{"time":"2024-05-06T07:08:09.123Z","level":"INFO","msg":"user logged in","user":"ann","attempt":2}` + "\n" +
		`{"time":"2024-05-06T07:08:09.123Z","level":"WARN","msg":"slow","took":1500000,"retry":false}` + "\n"
	if got := buf.String(); got != want {
		t.Errorf("after Info and LogAttrs, the writer holds\n%q\nwant\n%q", got, want)
	}
}

func TestLoggerRandomRecords(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	quote := func(s string) string { data, _ := json.Marshal(s); return string(data) }
	word := func() string {
		b := make([]byte, 1+rng.IntN(8))
		for i := range b {
			b[i] = "abcdefghijklmnopqrstuvwxyz \"\\"[rng.IntN(29)]
		}
		return string(b)
	}
	at, stamp := logFilesRandomTime(rng)
	stamp = stamp[:13] + ":" + stamp[14:16] + ":" + stamp[17:] // the clock with colons
	var buf loggerStepBuffer
	l := loggerStepNew(t, NewConfig().WithWriter(&buf).WithLevel(LevelDebug).WithClock(func() time.Time { return at }))
	levels := []Level{LevelDebug, LevelInfo, LevelWarn, LevelError, LevelCritical}
	var want strings.Builder
	for range 5 {
		level, msg := levels[rng.IntN(len(levels))], word()
		var args []any
		fields := ""
		for range rng.IntN(4) {
			key := word()
			if rng.IntN(2) == 0 {
				v := word()
				args = append(args, key, v)
				fields += "," + quote(key) + ":" + quote(v)
			} else {
				v := rng.IntN(1_000_000) - 500_000
				args = append(args, key, v)
				fields += fmt.Sprintf(",%s:%d", quote(key), v)
			}
		}
		l.Log(level, msg, args...)
		fmt.Fprintf(&want, `{"time":"%s","level":"%s","msg":%s%s}`+"\n", stamp, loggerStepNames[level], quote(msg), fields)
	}
	if got := buf.String(); got != want.String() {
		t.Errorf("with the clock at %s, five records were written as\n%q\nwant\n%q", at.Format(time.RFC3339Nano), got, want.String())
	}
}

func TestLoggerFilesByDefault(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	at, stamp := logFilesRandomTime(rng)
	dir := filepath.Join(t.TempDir(), "a", "logs")
	l := loggerStepNew(t, NewConfig().WithDir(dir).WithClock(func() time.Time { return at }))
	logFilesStepOutput(t, l)
	msg := fmt.Sprintf("hello %d", rng.IntN(1000))
	l.Info(msg)
	if err := l.Sync(); err != nil {
		t.Fatalf("Sync() = %v, want nil", err)
	}
	name := "logtar_" + stamp + ".log"
	if got := logFilesStepList(t, dir); len(got) != 1 || got[0] != name {
		t.Fatalf("with the clock at %s, the log directory holds %q, want [%q]", at.Format(time.RFC3339Nano), got, name)
	}
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if r := loggerStepRecords(t, string(data)); len(r) != 1 || r[0]["msg"] != msg {
		t.Errorf("the log file holds %q, want one record with msg %q", data, msg)
	}
}

func TestLoggerNewUnusableDirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "plain.txt")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(file, "logs")
	l, err := New(NewConfig().WithDir(dir))
	if err == nil || l != nil {
		got := "nil"
		if l != nil {
			l.Close()
			got = "a Logger"
		}
		t.Fatalf("New(WithDir(%q)), where plain.txt is a file, = %s, %v, want nil and an error", dir, got, err)
	}
	if !strings.HasPrefix(err.Error(), "logtar: ") || !strings.Contains(err.Error(), "plain.txt") {
		t.Errorf("New(WithDir(%q)) error = %q, want openFileOutput's \"logtar: \" error naming the path", dir, err)
	}
}

func TestLoggerNoDescriptorLeft(t *testing.T) {
	if _, err := os.ReadDir("/proc/self/fd"); err != nil {
		t.Skip("no /proc/self/fd to count open files:", err)
	}
	count := func() int {
		entries, _ := os.ReadDir("/proc/self/fd")
		return len(entries)
	}
	dir := t.TempDir()
	if l, err := New(NewConfig().WithDir(dir)); err == nil {
		l.Close() // let the runtime open what it opens on first use
	}
	before := count()
	for range 20 {
		l, err := New(NewConfig().WithDir(dir))
		if err != nil {
			t.Fatalf("New = %v, want nil", err)
		}
		l.Info("x")
		l.Close()
	}
	if after := count(); after > before {
		t.Errorf("20 Loggers made and closed left %d more open file descriptors, want 0: Close must close the log file", after-before)
	}
}

// loggerStepNames names the levels without calling String, so that these
// messages read well whatever state level.go is in.
var loggerStepNames = map[Level]string{
	LevelDebug: "DEBUG", LevelInfo: "INFO", LevelWarn: "WARN", LevelError: "ERROR", LevelCritical: "CRITICAL",
}

func TestLoggerLevelFilter(t *testing.T) {
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
		var buf loggerStepBuffer
		l := loggerStepNew(t, NewConfig().WithWriter(&buf).WithLevel(min))
		var want, wrong []string
		for _, m := range methods {
			name := loggerStepNames[m.level]
			m.log(l, name)
			if m.level >= min {
				want = append(want, name)
			}
			if got := l.Enabled(m.level); got != (m.level >= min) {
				wrong = append(wrong, fmt.Sprintf("Enabled(%s) = %v", name, got))
			}
		}
		if len(wrong) > 0 {
			t.Errorf("with the level at %s: %s; want true for levels at or above %s", loggerStepNames[min], strings.Join(wrong, ", "), loggerStepNames[min])
		}
		var got []string
		for _, r := range loggerStepRecords(t, buf.String()) {
			got = append(got, fmt.Sprint(r["level"]))
			if r["level"] != r["msg"] {
				t.Errorf("the record %v was written by the method for %v but says level %v", r, r["msg"], r["level"])
			}
		}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("with the level at %s, calling Debug, Info, Warn, Error, Critical wrote the levels %v, want %v", loggerStepNames[min], got, want)
		}
	}
}

func TestLoggerLogAndLogAttrs(t *testing.T) {
	var buf loggerStepBuffer
	l := loggerStepNew(t, NewConfig().WithWriter(&buf).WithLevel(LevelWarn))
	l.Log(LevelWarn-1, "below")
	l.Log(LevelWarn+1, "between")
	l.LogAttrs(LevelInfo, "attrs below")
	l.LogAttrs(LevelError, "attrs", slog.Int("n", 1))
	records := loggerStepRecords(t, buf.String())
	var got []string
	for _, r := range records {
		got = append(got, fmt.Sprintf("%v %v", r["level"], r["msg"]))
	}
	if want := "[WARN+1 between ERROR attrs]"; fmt.Sprint(got) != want {
		t.Errorf("at level WARN, Log(WARN-1), Log(WARN+1), LogAttrs(INFO), LogAttrs(ERROR) wrote %v, want %s", got, want)
	}
	if l.Level() != LevelWarn {
		t.Errorf("Level() = Level(%d), want LevelWarn (4)", int(l.Level()))
	}
}

func TestLoggerOneLineEach(t *testing.T) {
	var buf loggerStepBuffer
	l := loggerStepNew(t, NewConfig().WithWriter(&buf))
	nasty := []string{"a\nb", "c\r\nd", "\"}\n{\"level\":\"CRITICAL\"", "\x00\x1f", "\xff\xfe", "\u2028"}
	for _, s := range nasty {
		l.Info(s, s, s, "err", errors.New(s))
	}
	out := buf.String()
	if lines := strings.Count(out, "\n"); lines != len(nasty) {
		t.Fatalf("%d records with newlines and quotes in them made %d lines:\n%q\nwant one line per record", len(nasty), lines, out)
	}
	for i, r := range loggerStepRecords(t, out) {
		if want := string([]rune(nasty[i])); r["msg"] != want || r["err"] != want {
			t.Errorf("record %d = %v, want msg and err %q", i, r, want)
		}
	}
}

// loggerStepLines is a writer that fails the test if a Write call is not
// exactly one whole record.
type loggerStepLines struct {
	t     *testing.T
	mu    sync.Mutex
	lines int
}

func (w *loggerStepLines) Write(p []byte) (int, error) {
	if len(p) == 0 || p[len(p)-1] != '\n' || bytes.Count(p, []byte("\n")) != 1 {
		w.t.Errorf("Write(%q): want exactly one whole record per Write call", p)
	}
	w.mu.Lock()
	w.lines++
	w.mu.Unlock()
	return len(p), nil
}

func TestLoggerGoroutinesDoNotMix(t *testing.T) {
	w := &loggerStepLines{t: t}
	l := loggerStepNew(t, NewConfig().WithWriter(w))
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
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.lines != goroutines*each {
		t.Errorf("%d goroutines logging %d records each made %d Write calls, want %d", goroutines, each, w.lines, goroutines*each)
	}
}

func TestLoggerRejectsBadConfig(t *testing.T) {
	l, err := New(NewConfig().WithRollingSize(-5).WithWriter(io.Discard))
	var ce *ConfigError
	if l != nil || !errors.As(err, &ce) || ce.Field != "rolling_size" {
		got := "nil"
		if l != nil {
			got = "a Logger"
		}
		t.Errorf("New(a config with rolling size -5) = %s, %v, want nil and a *ConfigError for rolling_size: validate first", got, err)
	}
}

// loggerStepSyncer counts the calls to its Sync method.
type loggerStepSyncer struct {
	io.Writer
	calls int
}

func (s *loggerStepSyncer) Sync() error { s.calls++; return nil }

func TestLoggerSyncAndClose(t *testing.T) {
	s := &loggerStepSyncer{Writer: io.Discard}
	l, err := New(NewConfig().WithWriter(s))
	if err != nil || l == nil {
		t.Fatalf("New = %v, %v, want a Logger", l, err)
	}
	if err := l.Sync(); err != nil || s.calls != 1 {
		t.Errorf("Sync() = %v after %d calls to the writer's Sync, want nil after 1", err, s.calls)
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
}

func TestLoggerNothingAfterClose(t *testing.T) {
	var buf loggerStepBuffer
	l, err := New(NewConfig().WithWriter(&buf))
	if err != nil || l == nil {
		t.Fatalf("New = %v, %v, want a Logger", l, err)
	}
	l.Info("before")
	l.Close()
	l.Info("after") // must not panic, and must not be written
	records := loggerStepRecords(t, buf.String())
	if len(records) != 1 || records[0]["msg"] != "before" {
		t.Errorf("logging \"before\", Close, logging \"after\" wrote %v, want only the \"before\" record", records)
	}
}
