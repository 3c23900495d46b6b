package logtar

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestContextFieldsInEveryMethod(t *testing.T) {
	rng := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	var buf callerInfoBuffer
	l, err := New(NewConfig().WithWriter(&buf).WithCaller(true).WithLevel(LevelInfo).WithClock(logFilesStepClock))
	if err != nil {
		t.Fatal(err)
	}
	id, user := rng.IntN(100000), fmt.Sprintf("u%d", rng.IntN(1000))
	ctx := ContextWith(context.Background(), "request_id", id)
	ctx = ContextWith(ctx, "user", user)
	child := l.With("service", "shop")
	type call struct {
		name   string
		caller string
		level  Level
	}
	var calls []call
	add := func(name string, level Level, caller string) { calls = append(calls, call{name, caller, level}) }
	c, fn := callerInfoHere()
	child.DebugContext(ctx, "DebugContext", "n", 0)
	add("DebugContext", LevelDebug, c)
	c, _ = callerInfoHere()
	child.InfoContext(ctx, "InfoContext", "n", 1)
	add("InfoContext", LevelInfo, c)
	c, _ = callerInfoHere()
	child.WarnContext(ctx, "WarnContext", "n", 2)
	add("WarnContext", LevelWarn, c)
	c, _ = callerInfoHere()
	child.ErrorContext(ctx, "ErrorContext", "n", 3)
	add("ErrorContext", LevelError, c)
	c, _ = callerInfoHere()
	child.CriticalContext(ctx, "CriticalContext", "n", 4)
	add("CriticalContext", LevelCritical, c)
	c, _ = callerInfoHere()
	child.LogContext(ctx, LevelInfo+2, "LogContext", "n", 5)
	add("LogContext", LevelInfo+2, c)
	c, _ = callerInfoHere()
	child.LogAttrsContext(ctx, LevelWarn, "LogAttrsContext", slog.Int("n", 6))
	add("LogAttrsContext", LevelWarn, c)
	l.Close()
	records := buf.records(t)
	var want []call
	for _, c := range calls {
		if c.level >= LevelInfo {
			want = append(want, c)
		}
	}
	if len(records) != len(want) {
		t.Fatalf("7 Context methods, one at Debug on a Logger at Info: %d records, want %d: each method checks the level and calls l.log with ctx", len(records), len(want))
	}
	fields := fmt.Sprintf(`"service":"shop","request_id":%d,"user":%q,"n":`, id, user)
	lines := strings.Split(strings.TrimSpace(buf.buf.String()), "\n")
	for i, r := range records {
		if r["msg"] != want[i].name {
			t.Fatalf("record %d is %q, want %q", i, r["msg"], want[i].name)
		}
		if !strings.Contains(lines[i], fields) {
			t.Errorf("%s wrote %s, want the child's fields, then the context's, then the call's: %s...", want[i].name, lines[i], fields)
		}
		callerInfoCheck(t, want[i].name, r, want[i].caller, fn)
	}
}

func TestContextWithKeepsItsParent(t *testing.T) {
	var buf loggerStepBuffer
	l, err := New(NewConfig().WithWriter(&buf).WithClock(logFilesStepClock))
	if err != nil {
		t.Fatal(err)
	}
	for n := range 30 { // parents of every length, so that some have spare capacity
		parent := ContextWith(context.Background(), "p", strings.Repeat("x", n))
		a := ContextWith(parent, "a", 1)
		b := ContextWith(parent, "b", 2)
		l.InfoContext(a, "a")
		l.InfoContext(b, "b")
		l.InfoContext(parent, "parent")
		l.InfoContext(context.Background(), "none")
	}
	l.Close()
	records := loggerStepRecords(t, buf.String())
	if len(records) != 4*30 {
		t.Fatalf("120 calls to InfoContext on a Logger at Info wrote %d records, want 120", len(records))
	}
	for i := 0; i+3 < len(records); i += 4 {
		a, b, p, none := records[i], records[i+1], records[i+2], records[i+3]
		if a["a"] == nil || a["b"] != nil || b["b"] == nil || b["a"] != nil || p["a"] != nil || p["b"] != nil || p["p"] == nil || len(none) != 3 {
			t.Fatalf("two contexts made from one parent context, then the parent, then context.Background(): records %v, %v, %v, %v: each context carries its parent's fields and its own, and never a sibling's (cap before appending)", a, b, p, none)
		}
	}
}

func TestContextThroughSlog(t *testing.T) {
	var buf loggerStepBuffer
	l, err := New(NewConfig().WithWriter(&buf).WithClock(logFilesStepClock))
	if err != nil {
		t.Fatal(err)
	}
	id := rand.IntN(100000)
	sl := slog.New(l.With("service", "shop").Handler()).WithGroup("g")
	sl.InfoContext(ContextWith(context.Background(), "request_id", id), "m", "a", 1)
	l.Close()
	want := string(appendHeader(nil, logFilesStepClock(), LevelInfo, "m")) +
		fmt.Sprintf(`,"service":"shop","request_id":%d,"g":{"a":1}}`, id) + "\n"
	if got := buf.String(); got != want {
		t.Errorf("slog InfoContext through a handler with a group =\n%s\nwant\n%s\n(the context's fields come after the Logger's and before the handler's groups)", got, want)
	}
}

func TestContextAllocatesNothing(t *testing.T) {
	l, err := New(NewConfig().WithWriter(&loggerStepBuffer{}))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ctx := ContextWith(context.Background(), "request_id", 42, "user", "ann")
	var buf loggerStepBuffer
	l2, _ := New(NewConfig().WithWriter(&buf))
	l2.InfoContext(ctx, "m")
	l2.Close()
	if !strings.Contains(buf.String(), `"request_id":42`) {
		t.Fatalf("InfoContext wrote %q, want the context's fields", buf.String())
	}
	if n := testing.AllocsPerRun(50, func() { l.InfoContext(ctx, "m") }); n != 0 {
		t.Errorf("InfoContext with a context that carries two fields allocates %v times, want 0: the fields are encoded once, by ContextWith", n)
	}
}
