package logtar

import (
	"errors"
	"io"
	"strings"
	"testing"
	"time"
)

func TestNewConfigDefaults(t *testing.T) {
	c := NewConfig()
	if c.level != LevelInfo || c.dir != "logs" || c.filePrefix != "logtar_" ||
		c.rollingSize != 5*MiB || c.rollingInterval != time.Hour ||
		c.caller || c.callerSkip != 0 || c.async || c.queueSize != 1024 ||
		c.writer != nil || c.clock != nil {
		t.Errorf("NewConfig() = %+v, want Info, logs, logtar_, 5 MiB, 1h, no caller, sync, queue 1024", c)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("NewConfig().Validate() = %v, want nil", err)
	}
}

func TestConfigBuilder(t *testing.T) {
	clock := func() time.Time { return testTime }
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
	if c.level != LevelError || c.dir != "/tmp/x" || c.filePrefix != "app-" ||
		c.rollingSize != 3072 || c.rollingInterval != time.Minute ||
		!c.caller || c.callerSkip != 2 || !c.async || c.queueSize != 7 ||
		c.writer != io.Discard || c.clock == nil {
		t.Errorf("built config = %+v, want every With value set", c)
	}
}

func TestConfigWithCopies(t *testing.T) {
	base := NewConfig()
	_ = base.WithLevel(LevelError).WithDir("other").WithCaller(true)
	if base.level != LevelInfo || base.dir != "logs" || base.caller {
		t.Errorf("base config changed to %+v by With calls on it, want With to return a copy", base)
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name      string
		give      Config
		wantField string
	}{
		{"unknown level", NewConfig().WithLevel(Level(3)), "level"},
		{"level above critical", NewConfig().WithLevel(LevelCritical + 4), "level"},
		{"empty dir", NewConfig().WithDir(""), "dir"},
		{"prefix with slash", NewConfig().WithFilePrefix("a/b"), "file_prefix"},
		{"prefix with backslash", NewConfig().WithFilePrefix(`a\b`), "file_prefix"},
		{"prefix with NUL", NewConfig().WithFilePrefix("a\x00"), "file_prefix"},
		{"negative size", NewConfig().WithRollingSize(-1), "rolling_size"},
		{"negative interval", NewConfig().WithRollingInterval(-time.Hour), "rolling_interval"},
		{"interval too short", NewConfig().WithRollingInterval(time.Millisecond), "rolling_interval"},
		{"negative caller skip", NewConfig().WithCallerSkip(-1), "caller_skip"},
		{"zero queue", NewConfig().WithQueueSize(0), "queue_size"},
		{"huge queue", NewConfig().WithQueueSize(MaxQueueSize + 1), "queue_size"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.give.Validate()
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("Validate() = %v, want a *ConfigError for %s", err, tt.wantField)
			}
			if ce.Field != tt.wantField {
				t.Errorf("Validate() error field = %q, want %q (error: %v)", ce.Field, tt.wantField, err)
			}
			if msg := err.Error(); !strings.HasPrefix(msg, "logtar: config: "+tt.wantField+": ") {
				t.Errorf("Validate() error = %q, want it to start with %q", msg, "logtar: config: "+tt.wantField+": ")
			}
		})
	}
}

func TestConfigValidateAccepts(t *testing.T) {
	tests := []struct {
		name string
		give Config
	}{
		{"empty prefix", NewConfig().WithFilePrefix("")},
		{"rolling off", NewConfig().WithRollingSize(0).WithRollingInterval(0)},
		{"one byte files", NewConfig().WithRollingSize(1)},
		{"one second files", NewConfig().WithRollingInterval(time.Second)},
		{"writer without dir", NewConfig().WithDir("").WithWriter(io.Discard)},
		{"largest queue", NewConfig().WithQueueSize(MaxQueueSize)},
		{"every level", NewConfig().WithLevel(LevelCritical)},
	}
	for _, tt := range tests {
		if err := tt.give.Validate(); err != nil {
			t.Errorf("%s: Validate() = %v, want nil", tt.name, err)
		}
	}
}

func TestNewRejectsInvalidConfig(t *testing.T) {
	l, err := New(NewConfig().WithRollingSize(-5))
	var ce *ConfigError
	if l != nil || !errors.As(err, &ce) || ce.Field != "rolling_size" {
		t.Errorf("New(rolling size -5) = %v, %v, want nil and a ConfigError for rolling_size", l, err)
	}
}

func TestConfigErrorMessage(t *testing.T) {
	tests := []struct {
		give *ConfigError
		want string
	}{
		{&ConfigError{Field: "level", Err: errors.New("bad")}, "logtar: config: level: bad"},
		{&ConfigError{File: "app.json", Field: "dir", Err: errors.New("bad")}, "logtar: config app.json: dir: bad"},
		{&ConfigError{File: "app.json", Err: errors.New("bad")}, "logtar: config app.json: bad"},
		{&ConfigError{Err: errors.New("bad")}, "logtar: config: bad"},
	}
	for _, tt := range tests {
		if got := tt.give.Error(); got != tt.want {
			t.Errorf("%#v.Error() = %q, want %q", tt.give, got, tt.want)
		}
	}
	inner := errors.New("inner")
	if err := (&ConfigError{Field: "x", Err: inner}); !errors.Is(err, inner) {
		t.Errorf("errors.Is(ConfigError, inner) = false, want true")
	}
}
