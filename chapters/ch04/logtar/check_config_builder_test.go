package logtar

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
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
	levels := []Level{LevelDebug, LevelWarn, LevelError, LevelCritical}
	level := levels[rand.IntN(len(levels))]
	dir := fmt.Sprintf("/tmp/logs-%d", rand.IntN(1000))
	prefix := fmt.Sprintf("app%d-", rand.IntN(1000))
	size := int64(1+rand.IntN(1000)) * KiB
	interval := time.Duration(1+rand.IntN(120)) * time.Minute
	skip, queue := 1+rand.IntN(9), 2+rand.IntN(5000)
	var w bytes.Buffer
	clockCalled := false
	clock := func() time.Time { clockCalled = true; return time.Time{} }
	c := NewConfig().
		WithLevel(level).
		WithDir(dir).
		WithFilePrefix(prefix).
		WithRollingSize(size).
		WithRollingInterval(interval).
		WithCaller(true).
		WithCallerSkip(skip).
		WithAsync(true).
		WithQueueSize(queue).
		WithWriter(&w).
		WithClock(clock)
	if c.clock != nil {
		c.clock()
	}
	checks := []struct {
		with string
		ok   bool
		got  any
	}{
		{fmt.Sprintf("WithLevel(Level(%d))", int(level)), c.level == level, fmt.Sprintf("Level(%d)", int(c.level))},
		{fmt.Sprintf("WithDir(%q)", dir), c.dir == dir, fmt.Sprintf("%q", c.dir)},
		{fmt.Sprintf("WithFilePrefix(%q)", prefix), c.filePrefix == prefix, fmt.Sprintf("%q", c.filePrefix)},
		{fmt.Sprintf("WithRollingSize(%d)", size), c.rollingSize == size, c.rollingSize},
		{fmt.Sprintf("WithRollingInterval(%s)", interval), c.rollingInterval == interval, c.rollingInterval},
		{"WithCaller(true)", c.caller, c.caller},
		{fmt.Sprintf("WithCallerSkip(%d)", skip), c.callerSkip == skip, c.callerSkip},
		{"WithAsync(true)", c.async, c.async},
		{fmt.Sprintf("WithQueueSize(%d)", queue), c.queueSize == queue, c.queueSize},
		{"WithWriter(&buf)", c.writer == io.Writer(&w), c.writer},
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

func TestConfigBuilderOffAgain(t *testing.T) {
	c := NewConfig().WithCaller(true).WithAsync(true).WithWriter(io.Discard).WithCaller(false).WithAsync(false).WithWriter(nil)
	if c.caller || c.async || c.writer != nil {
		t.Errorf("WithCaller(true), WithAsync(true), WithWriter(io.Discard), then WithCaller(false), WithAsync(false), WithWriter(nil) left caller %v, async %v, writer %v; want false, false, nil: set the field to the argument", c.caller, c.async, c.writer)
	}
}
