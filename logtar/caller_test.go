package logtar

import (
	"context"
	"fmt"
	"log/slog"
	"runtime"
	"strings"
	"testing"
)

// thisLine returns the line it is called from.
func thisLine() int {
	_, _, line, _ := runtime.Caller(1)
	return line
}

// callerLogger returns a Logger with caller info on that writes to the
// returned buffer.
func callerLogger(t *testing.T, cfg Config) (*Logger, *syncBuffer) {
	t.Helper()
	var buf syncBuffer
	return newTestLogger(t, cfg.WithWriter(&buf).WithCaller(true).WithLevel(LevelDebug)), &buf
}

// checkCaller checks that record names the given line of caller_test.go
// and the function fn.
func checkCaller(t *testing.T, record map[string]any, line int, fn string) {
	t.Helper()
	wantCaller := fmt.Sprintf("logtar/caller_test.go:%d", line)
	if record["caller"] != wantCaller || record["func"] != fn {
		t.Errorf("record %q: caller, func = %v, %v, want %s, %s", record["msg"], record["caller"], record["func"], wantCaller, fn)
	}
}

func TestCallerEveryMethod(t *testing.T) {
	l, buf := callerLogger(t, NewConfig())
	var lines []int
	lines = append(lines, thisLine()+1)
	l.Debug("debug")
	lines = append(lines, thisLine()+1)
	l.Info("info")
	lines = append(lines, thisLine()+1)
	l.Warn("warn")
	lines = append(lines, thisLine()+1)
	l.Error("error")
	lines = append(lines, thisLine()+1)
	l.Critical("critical")
	lines = append(lines, thisLine()+1)
	l.Log(LevelInfo+1, "log")
	lines = append(lines, thisLine()+1)
	l.LogAttrs(LevelInfo, "attrs", slog.Int("n", 1))

	records := decodeRecords(t, buf.String())
	if len(records) != len(lines) {
		t.Fatalf("got %d records, want %d:\n%s", len(records), len(lines), buf.String())
	}
	for i, r := range records {
		checkCaller(t, r, lines[i], "logtar.TestCallerEveryMethod")
	}
}

// here returns the short function name and the line of its caller.
func here() (fn string, line int) {
	pc, _, line, _ := runtime.Caller(1)
	return shortFunc(runtime.FuncForPC(pc).Name()), line
}

// logVia is a helper that wraps the Logger, as applications often do. It
// returns where it called Info.
func logVia(l *Logger, msg string) (fn string, line int) {
	fn, line = here()
	l.Info(msg)
	return fn, line + 1
}

// logViaTwo wraps logVia, for a skip of two frames.
func logViaTwo(l *Logger, msg string) (fn string, line int) {
	logVia(l, msg)
	return "", 0
}

func TestCallerThroughWrappers(t *testing.T) {
	tests := []struct {
		name       string
		skip       int
		log        func(*Logger, string) (string, int)
		wantHelper bool // true: the record names the helper; false: the test
	}{
		{"no skip names the helper", 0, logVia, true},
		{"skip 1 names the helper's caller", 1, logVia, false},
		{"skip 2 through two helpers", 2, logViaTwo, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, buf := callerLogger(t, NewConfig().WithCallerSkip(tt.skip))
			fn, line := here()
			helperFn, helperLine := tt.log(l, "wrapped")
			line++
			records := decodeRecords(t, buf.String())
			if len(records) != 1 {
				t.Fatalf("got %d records, want 1", len(records))
			}
			if tt.wantHelper {
				fn, line = helperFn, helperLine
			}
			checkCaller(t, records[0], line, fn)
		})
	}
}

func TestCallerClosureAndMethod(t *testing.T) {
	l, buf := callerLogger(t, NewConfig())
	var line int
	func() {
		line = thisLine() + 1
		l.Info("in closure")
	}()
	records := decodeRecords(t, buf.String())
	checkCaller(t, records[0], line, "logtar.TestCallerClosureAndMethod.func1")
}

func TestCallerTooDeep(t *testing.T) {
	l, buf := callerLogger(t, NewConfig().WithCallerSkip(1000))
	l.Info("deep")
	records := decodeRecords(t, buf.String())
	if got := records[0]["caller"]; got != "unknown" {
		t.Errorf("caller with skip 1000 = %v, want \"unknown\"", got)
	}
	if _, ok := records[0]["func"]; ok {
		t.Errorf("record with unknown caller has a func field: %v", records[0])
	}
}

func TestCallerThroughSlog(t *testing.T) {
	l, buf := callerLogger(t, NewConfig())
	sl := slog.New(l.Handler())
	line := thisLine() + 1
	sl.Info("via slog", "k", 1)
	records := decodeRecords(t, buf.String())
	checkCaller(t, records[0], line, "logtar.TestCallerThroughSlog")
}

func TestCallerInAsyncMode(t *testing.T) {
	l, buf := callerLogger(t, NewConfig().WithAsync(true))
	line := thisLine() + 1
	l.Warn("async")
	if err := l.Sync(); err != nil {
		t.Fatal(err)
	}
	// The record is written by the writer goroutine, but it must name the
	// goroutine that logged.
	records := decodeRecords(t, buf.String())
	checkCaller(t, records[0], line, "logtar.TestCallerInAsyncMode")
}

func TestCallerOff(t *testing.T) {
	var buf syncBuffer
	l := newTestLogger(t, NewConfig().WithWriter(&buf))
	l.Info("no caller")
	r := decodeRecords(t, buf.String())[0]
	if _, ok := r["caller"]; ok {
		t.Errorf("record with caller off = %v, want no caller field", r)
	}
}

func TestShortFileAndFunc(t *testing.T) {
	files := []struct{ give, want string }{
		{"/home/ann/src/app/server/main.go", "server/main.go"},
		{"/main.go", "/main.go"},
		{"main.go", "main.go"},
		{"dir/main.go", "dir/main.go"},
	}
	for _, tt := range files {
		if got := shortFile(tt.give); got != tt.want {
			t.Errorf("shortFile(%q) = %q, want %q", tt.give, got, tt.want)
		}
	}
	funcs := []struct{ give, want string }{
		{"github.com/ann/app/server.(*Server).handle", "server.(*Server).handle"},
		{"main.main", "main.main"},
		{"example.com/x.Run.func1", "x.Run.func1"},
	}
	for _, tt := range funcs {
		if got := shortFunc(tt.give); got != tt.want {
			t.Errorf("shortFunc(%q) = %q, want %q", tt.give, got, tt.want)
		}
	}
}

func TestWithCallerSkipOnChild(t *testing.T) {
	l, buf := callerLogger(t, NewConfig())
	helper := l.WithCallerSkip(1)
	line := thisLine() + 1
	logVia(helper, "through the helper")
	direct := thisLine() + 1
	l.Info("direct")
	if l.WithCallerSkip(-5).callerSkip != 0 {
		t.Error("WithCallerSkip(-5) on a Logger with no skip gave a negative skip, want 0")
	}
	records := decodeRecords(t, buf.String())
	checkCaller(t, records[0], line, "logtar.TestWithCallerSkipOnChild")
	checkCaller(t, records[1], direct, "logtar.TestWithCallerSkipOnChild")
}

func TestContextMethods(t *testing.T) {
	l, buf := callerLogger(t, NewConfig().WithClock(fixedClock))
	ctx := ContextWith(context.Background(), "request_id", 42)
	ctx = ContextWith(ctx, "user", "ann")
	child := l.With("service", "shop")
	var lines []int
	lines = append(lines, thisLine()+1)
	child.DebugContext(ctx, "d")
	lines = append(lines, thisLine()+1)
	child.InfoContext(ctx, "i", "n", 1)
	lines = append(lines, thisLine()+1)
	child.WarnContext(ctx, "w")
	lines = append(lines, thisLine()+1)
	child.ErrorContext(ctx, "e")
	lines = append(lines, thisLine()+1)
	child.CriticalContext(ctx, "c")
	lines = append(lines, thisLine()+1)
	child.LogContext(ctx, LevelInfo+1, "l")
	lines = append(lines, thisLine()+1)
	child.LogAttrsContext(ctx, LevelInfo, "a", slog.Int("n", 2))
	lines = append(lines, thisLine()+1)
	child.InfoContext(context.Background(), "no fields in this context")
	records := decodeRecords(t, buf.String())
	if len(records) != len(lines) {
		t.Fatalf("%d records, want %d", len(records), len(lines))
	}
	for i, r := range records {
		checkCaller(t, r, lines[i], "logtar.TestContextMethods")
		wantID := 42.0
		if i == len(lines)-1 {
			wantID = 0
		}
		if id, _ := r["request_id"].(float64); id != wantID || r["service"] != "shop" {
			t.Errorf("record %q = %v, want service=shop and request_id=%v", r["msg"], r, wantID)
		}
	}
	// Fields come in a fixed order: the Logger's, the context's, the call's.
	if !strings.Contains(buf.String(), `"service":"shop","request_id":42,"user":"ann","n":1}`) {
		t.Errorf("InfoContext record = %s, want the child's fields, then the context's, then the call's", strings.Split(buf.String(), "\n")[1])
	}
}
