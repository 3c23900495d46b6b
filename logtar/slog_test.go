package logtar

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"testing/slogtest"
	"time"
)

func TestHandlerPassesSlogtest(t *testing.T) {
	for _, async := range []bool{false, true} {
		t.Run(fmt.Sprintf("async=%v", async), func(t *testing.T) {
			var buf syncBuffer
			l := newTestLogger(t, NewConfig().WithWriter(&buf).WithLevel(LevelDebug).WithAsync(async))
			results := func() []map[string]any {
				if err := l.Sync(); err != nil {
					t.Fatal(err)
				}
				return decodeRecords(t, buf.String())
			}
			if err := slogtest.TestHandler(l.Handler(), results); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestHandlerOutput(t *testing.T) {
	tests := []struct {
		name string
		log  func(*slog.Logger)
		want string
	}{
		{"plain", func(l *slog.Logger) { l.Info("m", "a", 1) }, `"a":1`},
		{"with attrs", func(l *slog.Logger) { l.With("a", 1).Info("m", "b", 2) }, `"a":1,"b":2`},
		{"group then record attrs", func(l *slog.Logger) { l.WithGroup("g").Info("m", "a", 1) }, `"g":{"a":1}`},
		{"group without attrs is left out", func(l *slog.Logger) { l.WithGroup("g").Info("m") }, ``},
		{"group with only empty attrs is left out", func(l *slog.Logger) { l.WithGroup("g").Info("m", slog.Attr{}) }, ``},
		{"nested groups", func(l *slog.Logger) { l.WithGroup("g").With("a", 1).WithGroup("h").Info("m", "b", 2) }, `"g":{"a":1,"h":{"b":2}}`},
		{"nested groups, last empty", func(l *slog.Logger) { l.WithGroup("g").With("a", 1).WithGroup("h").Info("m") }, `"g":{"a":1}`},
		{"empty group name", func(l *slog.Logger) { l.WithGroup("").Info("m", "a", 1) }, `"a":1`},
		{"empty With", func(l *slog.Logger) { l.WithGroup("g").With().Info("m", "a", 1) }, `"g":{"a":1}`},
		{"siblings do not share", func(l *slog.Logger) {
			base := l.With("a", 1)
			base.With("b", 2).Info("m")
			base.With("c", 3).Info("m")
		}, `"a":1,"b":2` + "\n" + `"a":1,"c":3`},
		{"level between names", func(l *slog.Logger) { l.Log(context.Background(), slog.LevelInfo+2, "m") }, ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf syncBuffer
			l := newTestLogger(t, NewConfig().WithWriter(&buf).WithClock(fixedClock))
			tt.log(slog.New(l.Handler()))
			decodeRecords(t, buf.String()) // every line must be valid JSON
			if got := attrsOf(buf.String()); got != tt.want {
				t.Errorf("attributes =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// attrsOf returns the text of each record after its fixed fields (up to the
// message "m"), one record per line.
func attrsOf(output string) string {
	var out []string
	for _, line := range strings.Split(strings.TrimSuffix(output, "\n"), "\n") {
		_, rest, _ := strings.Cut(line, `"msg":"m"`)
		rest = strings.TrimPrefix(strings.TrimSuffix(rest, "}"), ",")
		out = append(out, rest)
	}
	return strings.Join(out, "\n")
}

func TestHandlerLevel(t *testing.T) {
	l := newTestLogger(t, NewConfig().WithWriter(&syncBuffer{}).WithLevel(LevelWarn))
	h := l.Handler()
	ctx := context.Background()
	if h.Enabled(ctx, slog.LevelInfo) || !h.Enabled(ctx, slog.LevelWarn) || !h.Enabled(ctx, slog.LevelError+4) {
		t.Error("Enabled does not follow the Logger's level WARN")
	}
}

func TestHandlerMatchesLogger(t *testing.T) {
	// The same record through the Logger and through slog must give the
	// same line.
	var direct, viaSlog syncBuffer
	l1 := newTestLogger(t, NewConfig().WithWriter(&direct).WithClock(fixedClock))
	l2 := newTestLogger(t, NewConfig().WithWriter(&viaSlog).WithClock(fixedClock))
	args := []any{"s", "x\ny", "n", 3, "d", time.Second, slog.Group("g", "f", 1.5)}
	l1.Warn("same", args...)
	r := slog.NewRecord(testTime, slog.LevelWarn, "same", 0)
	r.Add(args...)
	if err := l2.Handler().Handle(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if direct.String() != viaSlog.String() {
		t.Errorf("Logger wrote\n%s\nHandler wrote\n%s", direct.String(), viaSlog.String())
	}
}

func TestHandlerZeroTime(t *testing.T) {
	var buf syncBuffer
	l := newTestLogger(t, NewConfig().WithWriter(&buf))
	r := slog.NewRecord(time.Time{}, slog.LevelInfo, "timeless", 0)
	if err := l.Handler().Handle(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if got := decodeRecords(t, buf.String())[0]; got["time"] != nil {
		t.Errorf("record with zero time = %v, want no time field", got)
	}
}
