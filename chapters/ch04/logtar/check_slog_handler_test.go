package logtar

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"testing/slogtest"
	"time"
)

func TestSlogHandlerConformance(t *testing.T) {
	for _, async := range []bool{false, true} {
		var buf loggerStepBuffer
		l, err := New(NewConfig().WithWriter(&buf).WithLevel(LevelDebug).WithAsync(async))
		if err != nil {
			t.Fatal(err)
		}
		results := func() []map[string]any {
			if err := l.Sync(); err != nil {
				t.Fatalf("Sync() = %v", err)
			}
			return loggerStepRecords(t, buf.String())
		}
		// slogtest logs records through the handler and checks every rule
		// slog sets for handlers; each error names a rule that is broken.
		if err := slogtest.TestHandler(l.Handler(), results); err != nil {
			mode := map[bool]string{false: "sync", true: "async"}[async]
			t.Errorf("slogtest.TestHandler (%s mode) found:\n%v", mode, err)
		}
		if err := l.Close(); err != nil {
			t.Errorf("Close() = %v", err)
		}
	}
}

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

func TestSlogHandlerOutput(t *testing.T) {
	tests := []struct {
		name string
		log  func(*slog.Logger)
		want string
	}{
		{"plain: Info(m, a, 1)", func(l *slog.Logger) { l.Info("m", "a", 1) }, `"a":1`},
		{"With(a, 1).Info(m, b, 2)", func(l *slog.Logger) { l.With("a", 1).Info("m", "b", 2) }, `"a":1,"b":2`},
		{"WithGroup(g).Info(m, a, 1)", func(l *slog.Logger) { l.WithGroup("g").Info("m", "a", 1) }, `"g":{"a":1}`},
		{"a group without attributes is left out", func(l *slog.Logger) { l.WithGroup("g").Info("m") }, ``},
		{"a group of empty Attrs is left out", func(l *slog.Logger) { l.WithGroup("g").Info("m", slog.Attr{}) }, ``},
		{"nested groups", func(l *slog.Logger) { l.WithGroup("g").With("a", 1).WithGroup("h").Info("m", "b", 2) }, `"g":{"a":1,"h":{"b":2}}`},
		{"nested groups, the last one empty", func(l *slog.Logger) { l.WithGroup("g").With("a", 1).WithGroup("h").Info("m") }, `"g":{"a":1}`},
		{"an empty group name adds no group", func(l *slog.Logger) { l.WithGroup("").Info("m", "a", 1) }, `"a":1`},
		{"an empty With changes nothing", func(l *slog.Logger) { l.WithGroup("g").With().Info("m", "a", 1) }, `"g":{"a":1}`},
		{"siblings do not share memory", func(l *slog.Logger) {
			base := l.With("a", 1)
			base.With("b", 2).Info("m")
			base.With("c", 3).Info("m")
		}, `"a":1,"b":2` + "\n" + `"a":1,"c":3`},
	}
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
			want := tt.want
			if want == "" {
				want = "(none)"
			}
			t.Errorf("%s: the fields after the message are\n%s\nwant\n%s", tt.name, got, want)
		}
	}
}

func TestSlogHandlerMatchesLogger(t *testing.T) {
	var direct, viaSlog loggerStepBuffer
	l1, err1 := New(NewConfig().WithWriter(&direct).WithClock(loggerStepClock))
	l2, err2 := New(NewConfig().WithWriter(&viaSlog).WithClock(loggerStepClock))
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	args := []any{"s", "x\ny", "n", 3, "d", time.Second, slog.Group("g", "f", 1.5)}
	l1.Warn("same", args...)
	r := slog.NewRecord(time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC), slog.LevelWarn, "same", 0)
	r.Add(args...)
	if err := l2.Handler().Handle(context.Background(), r); err != nil {
		t.Fatalf("Handle = %v, want nil", err)
	}
	l1.Close()
	l2.Close()
	if direct.String() != viaSlog.String() {
		t.Errorf("the same record through the Logger and through Handle differ (the configured clock wins over the record's time):\nLogger:  %sHandler: %s", direct.String(), slogStepOr(viaSlog.String(), "(nothing)\n"))
	}
}

// slogStepOr returns s, or alt if s is empty.
func slogStepOr(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
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
	}{{slog.LevelInfo, false}, {slog.LevelWarn, true}, {slog.LevelError + 4, true}} {
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
	slog.New(l.Handler()).Warn("too late")
	if err := l.Close(); !errors.Is(err, ErrClosed) || !strings.Contains(err.Error(), "1 record") {
		t.Errorf("Close() after a record came through slog on a closed Logger = %v, want ErrClosed counting \"1 record\": Handle goes through emit like every record", err)
	}
}
