package logtar

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// Defect 9: child loggers with preset fields, a caller skip per child,
// context methods and a level that can change while the program runs.

func TestWithPresetFields(t *testing.T) {
	var buf syncBuffer
	l := newTestLogger(t, NewConfig().WithWriter(&buf).WithClock(fixedClock))
	req := l.With("request_id", 42, "user", "ann")
	req.Info("placed", "order", 7)
	l.Info("plain")
	req.With("step", "pay").Warn("slow")
	if l.With() != l {
		t.Error("With() with no arguments returned a new Logger, want l itself")
	}
	want := `{"time":"2024-05-06T07:08:09.123Z","level":"INFO","msg":"placed","request_id":42,"user":"ann","order":7}` + "\n" +
		`{"time":"2024-05-06T07:08:09.123Z","level":"INFO","msg":"plain"}` + "\n" +
		`{"time":"2024-05-06T07:08:09.123Z","level":"WARN","msg":"slow","request_id":42,"user":"ann","step":"pay"}` + "\n"
	if got := buf.String(); got != want {
		t.Errorf("output =\n%s\nwant\n%s", got, want)
	}
}

func TestWithSiblingsShareNoMemory(t *testing.T) {
	for n := range 30 { // parents of every length, so some have spare capacity
		var buf syncBuffer
		l := newTestLogger(t, NewConfig().WithWriter(&buf).WithClock(fixedClock))
		base := l.With("p", strings.Repeat("x", n))
		a := base.With("a", 1)
		b := base.With("b", 2)
		a.Info("a")
		b.Info("b")
		records := decodeRecords(t, buf.String())
		if records[0]["a"] != 1.0 || records[0]["b"] != nil || records[1]["b"] != 2.0 || records[1]["a"] != nil {
			t.Fatalf("parent of %d bytes: siblings wrote %v and %v, want a=1 only in the first, b=2 only in the second", n, records[0], records[1])
		}
	}
}

type countingValuer struct{ calls *int }

func (v countingValuer) LogValue() slog.Value { *v.calls++; return slog.IntValue(*v.calls) }

func TestWithEncodesOnce(t *testing.T) {
	var buf syncBuffer
	l := newTestLogger(t, NewConfig().WithWriter(&buf))
	calls := 0
	child := l.With("v", countingValuer{&calls})
	for range 5 {
		child.Info("m")
	}
	if calls != 1 {
		t.Errorf("a LogValuer given to With was resolved %d times for 5 records, want once", calls)
	}
}

func TestWithAllocatesNothingPerRecord(t *testing.T) {
	l := newTestLogger(t, NewConfig().WithWriter(discard{}))
	child := l.With("method", "GET", "path", "/orders", "status", 200, "bytes", 1234,
		"ratio", 0.5, "cached", true, "elapsed", time.Millisecond, "a", "b", "c", "d", "e", "f")
	allocs := testing.AllocsPerRun(100, func() { child.Info("request served") })
	if allocs != 0 {
		t.Errorf("a record through a child with 10 preset fields allocates %v times, want 0", allocs)
	}
}

// discard is io.Discard with a type of our own, so that nothing can
// special-case it.
type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }

func TestContextFieldsThroughSlog(t *testing.T) {
	var buf syncBuffer
	l := newTestLogger(t, NewConfig().WithWriter(&buf).WithClock(fixedClock))
	sl := slog.New(l.With("service", "shop").Handler()).WithGroup("g")
	ctx := ContextWith(context.Background(), "request_id", 42)
	sl.InfoContext(ctx, "m", "a", 1)
	want := `{"time":"2024-05-06T07:08:09.123Z","level":"INFO","msg":"m","service":"shop","request_id":42,"g":{"a":1}}` + "\n"
	if got := buf.String(); got != want {
		t.Errorf("slog record = %s, want %s", got, want)
	}
}

func TestSetLevelReachesEveryChild(t *testing.T) {
	var buf syncBuffer
	l := newTestLogger(t, NewConfig().WithWriter(&buf).WithLevel(LevelWarn))
	child := l.With("c", 1)
	child.Info("hidden")
	child.SetLevel(LevelDebug)
	l.Debug("parent")
	child.Debug("child")
	if l.Level() != LevelDebug || !slog.New(l.Handler()).Enabled(context.Background(), slog.LevelDebug) {
		t.Errorf("after SetLevel(Debug) on a child, the parent's level is %v, want DEBUG", l.Level())
	}
	l.SetLevel(LevelError)
	child.Warn("hidden again")
	records := decodeRecords(t, buf.String())
	if len(records) != 2 || records[0]["msg"] != "parent" || records[1]["msg"] != "child" {
		t.Errorf("records = %v, want parent and child only", records)
	}
}

func TestSetLevelWhileLogging(t *testing.T) {
	// Run with -race: the level is read by every call without a lock.
	l := newTestLogger(t, NewConfig().WithWriter(discard{}))
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 500 {
				l.Debug("d", "i", i)
				if g == 0 {
					l.SetLevel(Level(4 * (i%3 - 1)))
				}
			}
		})
	}
	wg.Wait()
}

func TestChildCloseClosesAll(t *testing.T) {
	var buf syncBuffer
	l, err := New(NewConfig().WithWriter(&buf))
	if err != nil {
		t.Fatal(err)
	}
	child := l.With("c", 1)
	if err := child.Close(); err != nil {
		t.Fatal(err)
	}
	l.Info("after")
	if err := l.Close(); err == nil || !strings.Contains(err.Error(), "dropped 1 record") {
		t.Errorf("Close() on the parent after its child was closed = %v, want the record logged after it counted", err)
	}
}
