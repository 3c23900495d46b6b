package logtar

import (
	"fmt"
	"io"
	"testing"
	"time"
)

func TestConfigBuilderDefaults(t *testing.T) {
	c := NewConfig()
	checks := []struct {
		field string
		ok    bool
		got   any
		want  string
	}{
		{"level", c.level == LevelInfo, fmt.Sprintf("Level(%d)", int(c.level)), "LevelInfo (0)"},
		{"dir", c.dir == "logs", fmt.Sprintf("%q", c.dir), `"logs"`},
		{"filePrefix", c.filePrefix == "logtar_", fmt.Sprintf("%q", c.filePrefix), `"logtar_"`},
		{"rollingSize", c.rollingSize == 5*MiB, c.rollingSize, "5 * MiB (5242880)"},
		{"rollingInterval", c.rollingInterval == time.Hour, c.rollingInterval, "time.Hour"},
		{"caller", !c.caller, c.caller, "false"},
		{"callerSkip", c.callerSkip == 0, c.callerSkip, "0"},
		{"async", !c.async, c.async, "false"},
		{"queueSize", c.queueSize == 1024, c.queueSize, "1024"},
		{"writer", c.writer == nil, c.writer, "nil (files)"},
		{"clock", c.clock == nil, "a func", "nil (time.Now)"},
	}
	for _, ch := range checks {
		if !ch.ok {
			t.Errorf("NewConfig().%s = %v, want %s", ch.field, ch.got, ch.want)
		}
	}
}

func TestConfigBuilderWithSetsItsField(t *testing.T) {
	clockCalled := false
	clock := func() time.Time { clockCalled = true; return time.Time{} }
	c := NewConfig().
		WithLevel(LevelError).
		WithDir("/tmp/x").
		WithFilePrefix("app-").
		WithRollingSize(3 * KiB).
		WithRollingInterval(time.Minute).
		WithCaller(true).
		WithCallerSkip(2).
		WithAsync(true).
		WithQueueSize(7).
		WithWriter(io.Discard).
		WithClock(clock)
	if c.clock != nil {
		c.clock()
	}
	checks := []struct {
		with string
		ok   bool
		got  any
	}{
		{"WithLevel(LevelError)", c.level == LevelError, fmt.Sprintf("Level(%d)", int(c.level))},
		{`WithDir("/tmp/x")`, c.dir == "/tmp/x", fmt.Sprintf("%q", c.dir)},
		{`WithFilePrefix("app-")`, c.filePrefix == "app-", fmt.Sprintf("%q", c.filePrefix)},
		{"WithRollingSize(3 * KiB)", c.rollingSize == 3072, c.rollingSize},
		{"WithRollingInterval(time.Minute)", c.rollingInterval == time.Minute, c.rollingInterval},
		{"WithCaller(true)", c.caller, c.caller},
		{"WithCallerSkip(2)", c.callerSkip == 2, c.callerSkip},
		{"WithAsync(true)", c.async, c.async},
		{"WithQueueSize(7)", c.queueSize == 7, c.queueSize},
		{"WithWriter(io.Discard)", c.writer == io.Discard, c.writer},
		{"WithClock(clock)", clockCalled, "a different clock, or none"},
	}
	for _, ch := range checks {
		if !ch.ok {
			t.Errorf("after %s in a chain, the field holds %v, want the value passed in", ch.with, ch.got)
		}
	}
}

func TestConfigBuilderReturnsCopies(t *testing.T) {
	base := NewConfig()
	debug := base.WithLevel(LevelDebug)
	_ = base.WithDir("elsewhere").WithCaller(true)
	if base.level != LevelInfo || base.dir != "logs" || base.caller {
		t.Errorf("base config changed to level %d, dir %q, caller %v by With calls on it, want it unchanged: With methods have value receivers and return a changed copy",
			int(base.level), base.dir, base.caller)
	}
	if debug.level != LevelDebug || debug.dir != "logs" {
		t.Errorf("base.WithLevel(LevelDebug) = level %d, dir %q, want level -4 and the base's dir \"logs\"", int(debug.level), debug.dir)
	}
}
