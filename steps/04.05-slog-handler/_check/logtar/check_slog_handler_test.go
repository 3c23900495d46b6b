package logtar

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"
)

// slogStepAttrs returns the text of each record after its fixed fields (up
// to the message "m"), one record per line.
func slogStepAttrs(output string) string {
	var out []string
	for _, line := range strings.Split(strings.TrimSuffix(output, "\n"), "\n") {
		_, rest, _ := strings.Cut(line, `"msg":"m"`)
		rest = strings.TrimPrefix(strings.TrimSuffix(rest, "}"), ",")
		out = append(out, rest)
	}
	return strings.Join(out, "\n")
}

// slogStepOr returns s, or alt if s is empty.
func slogStepOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// slogStepCase is one way of logging through a slog.Logger, and the fields
// it must write after the message "m", one record per line.
type slogStepCase struct {
	name string
	log  func(*slog.Logger)
	want string
}

// slogStepRun runs each case through a fresh Logger's Handler and compares
// the fields written.
func slogStepRun(t *testing.T, tests []slogStepCase) {
	t.Helper()
	for _, tt := range tests {
		var buf loggerStepBuffer
		l, err := New(NewConfig().WithWriter(&buf).WithClock(loggerStepClock))
		if err != nil {
			t.Fatal(err)
		}
		tt.log(slog.New(l.Handler()))
		l.Close()
		loggerStepRecords(t, buf.String()) // every line must be valid JSON
		if got := slogStepAttrs(buf.String()); got != tt.want {
			if buf.String() == "" {
				got = "(no record at all)"
			}
			t.Errorf("%s: the fields after the message are\n%q\nwant\n%q", tt.name, got, slogStepOr(tt.want, "(none)"))
		}
	}
}

func TestSlogHandlerOutput(t *testing.T) {
	slogStepRun(t, []slogStepCase{
		{"Info(m, a, 1)", func(l *slog.Logger) { l.Info("m", "a", 1) }, `"a":1`},
		{"Info(m) with no fields", func(l *slog.Logger) { l.Info("m") }, ``},
		{"Info(m, slog.Attr{}) leaves the empty Attr out", func(l *slog.Logger) { l.Info("m", slog.Attr{}, "a", 1) }, `"a":1`},
	})
}

func TestSlogHandlerMatchesLogger(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	for range 10 {
		var direct, viaSlog loggerStepBuffer
		l1, err1 := New(NewConfig().WithWriter(&direct).WithClock(loggerStepClock).WithLevel(LevelDebug))
		l2, err2 := New(NewConfig().WithWriter(&viaSlog).WithClock(loggerStepClock).WithLevel(LevelDebug))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		var args []any
		for i := range rng.IntN(5) {
			key := fmt.Sprintf("k%d", i)
			switch rng.IntN(5) {
			case 0:
				args = append(args, key, fmt.Sprintf("line %d\nnext \"%d\"", rng.IntN(100), rng.IntN(100)))
			case 1:
				args = append(args, key, rng.IntN(1e6)-5e5)
			case 2:
				args = append(args, key, time.Duration(rng.Int64N(int64(time.Hour))))
			case 3:
				args = append(args, slog.Group(key, "f", rng.Float64(), "b", rng.IntN(2) == 0))
			default:
				args = append(args, key, rng.Uint64())
			}
		}
		level := Level(4*rng.IntN(5) - 4)
		msg := fmt.Sprintf("same %d", rng.IntN(1000))
		l1.Log(level, msg, args...)
		r := slog.NewRecord(time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC), slog.Level(level), msg, 0)
		r.Add(args...)
		if err := l2.Handler().Handle(context.Background(), r); err != nil {
			t.Fatalf("Handle = %v, want nil", err)
		}
		l1.Close()
		l2.Close()
		if direct.String() != viaSlog.String() {
			t.Fatalf("the same record through the Logger and through Handle differ (the configured clock wins over the record's time):\nLogger:  %q\nHandler: %q",
				direct.String(), slogStepOr(viaSlog.String(), "(nothing)"))
		}
	}
}

func TestSlogHandlerZeroTime(t *testing.T) {
	var buf loggerStepBuffer
	l, err := New(NewConfig().WithWriter(&buf).WithClock(loggerStepClock))
	if err != nil {
		t.Fatal(err)
	}
	r := slog.NewRecord(time.Time{}, slog.LevelInfo, "timeless", 0)
	if err := l.Handler().Handle(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	l.Close()
	records := loggerStepRecords(t, buf.String())
	if len(records) != 1 || records[0]["time"] != nil {
		t.Errorf("a record with the zero time gave %v, want one record without a time field: slog's rule for handlers", records)
	}
}

// slogStepClock is a clock a test sets by hand.
type slogStepClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *slogStepClock) set(t time.Time) { c.mu.Lock(); c.now = t; c.mu.Unlock() }
func (c *slogStepClock) get() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }

func TestSlogHandlerZeroTimeStillRolls(t *testing.T) {
	dir := t.TempDir()
	clock := &slogStepClock{now: time.Date(2024, 5, 6, 10, 30, 0, 0, time.UTC)}
	l, err := New(NewConfig().WithDir(dir).WithRollingInterval(time.Hour).WithClock(clock.get))
	if err != nil {
		t.Fatal(err)
	}
	h := l.Handler()
	h.Handle(context.Background(), slog.NewRecord(clock.get(), slog.LevelInfo, "at 10:30", 0))
	clock.set(time.Date(2024, 5, 6, 11, 0, 0, 0, time.UTC))
	h.Handle(context.Background(), slog.NewRecord(time.Time{}, slog.LevelInfo, "timeless, at 11:00", 0))
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if files := logFilesStepList(t, dir); len(files) != 2 {
		t.Errorf("rolling hourly, a record at 10:30 and a zero-time record with the clock at 11:00 left the files %q, want 2: emit reads the Logger's clock for every record, with a time slot or without, so hand every record to emit", files)
	}
}

func TestSlogHandlerLevel(t *testing.T) {
	l, err := New(NewConfig().WithWriter(&loggerStepBuffer{}).WithLevel(LevelWarn))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	h := l.Handler()
	ctx := context.Background()
	for _, tt := range []struct {
		level slog.Level
		want  bool
	}{{slog.LevelInfo, false}, {slog.LevelWarn - 1, false}, {slog.LevelWarn, true}, {slog.LevelError + 4, true}} {
		if got := h.Enabled(ctx, tt.level); got != tt.want {
			t.Errorf("with the Logger at WARN, Handler.Enabled(%v) = %v, want %v", tt.level, got, tt.want)
		}
	}
}

func TestSlogHandlerCaller(t *testing.T) {
	l, buf := callerInfoLogger(t, NewConfig())
	sl := slog.New(l.Handler())
	c, f := callerInfoHere()
	sl.Info("via slog", "k", 1)
	records := buf.records(t)
	if len(records) != 1 {
		t.Fatalf("got %d records, want 1", len(records))
	}
	callerInfoCheck(t, "slog's Info through the Handler (the caller comes from Record.PC)", records[0], c, f)
}

func TestSlogHandlerAfterClose(t *testing.T) {
	l, err := New(NewConfig().WithWriter(&loggerStepBuffer{}))
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	n := 1 + rand.IntN(5)
	for range n {
		slog.New(l.Handler()).Warn("too late")
	}
	want := "dropped " + syncCloseRecords(n)
	if err := l.Close(); !errors.Is(err, ErrClosed) || !strings.Contains(err.Error(), want) {
		t.Errorf("Close() after %d records came through slog on a closed Logger = %v, want ErrClosed and %q: Handle goes through emit like every record", n, err, want)
	}
}
