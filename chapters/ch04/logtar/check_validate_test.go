package logtar

import (
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestValidateNamesTheField(t *testing.T) {
	tests := []struct {
		desc      string
		give      Config
		wantField string
	}{
		{"WithLevel(Level(3))", NewConfig().WithLevel(Level(3)), "level"},
		{"WithLevel(LevelCritical + 4)", NewConfig().WithLevel(LevelCritical + 4), "level"},
		{`WithDir("")`, NewConfig().WithDir(""), "dir"},
		{`WithFilePrefix("a/b")`, NewConfig().WithFilePrefix("a/b"), "file_prefix"},
		{`WithFilePrefix("a\\b")`, NewConfig().WithFilePrefix(`a\b`), "file_prefix"},
		{`WithFilePrefix("a\x00")`, NewConfig().WithFilePrefix("a\x00"), "file_prefix"},
		{"WithRollingSize(-1)", NewConfig().WithRollingSize(-1), "rolling_size"},
		{"WithRollingInterval(-time.Hour)", NewConfig().WithRollingInterval(-time.Hour), "rolling_interval"},
		{"WithRollingInterval(time.Millisecond)", NewConfig().WithRollingInterval(time.Millisecond), "rolling_interval"},
		{"WithCallerSkip(-1)", NewConfig().WithCallerSkip(-1), "caller_skip"},
		{"WithQueueSize(0)", NewConfig().WithQueueSize(0), "queue_size"},
		{"WithQueueSize(MaxQueueSize + 1)", NewConfig().WithQueueSize(MaxQueueSize + 1), "queue_size"},
	}
	for _, tt := range tests {
		err := tt.give.Validate()
		var ce *ConfigError
		if !errors.As(err, &ce) {
			t.Errorf("NewConfig().%s.Validate() = %v, want a *ConfigError for %q", tt.desc, err, tt.wantField)
			continue
		}
		if ce.Field != tt.wantField {
			t.Errorf("NewConfig().%s.Validate() blames the field %q, want %q (error: %v)", tt.desc, ce.Field, tt.wantField, err)
		}
		if prefix := "logtar: config: " + tt.wantField + ": "; !strings.HasPrefix(err.Error(), prefix) {
			t.Errorf("NewConfig().%s.Validate() error = %q, want it to start with %q", tt.desc, err.Error(), prefix)
		}
	}
}

func TestValidateAcceptsEdgeValues(t *testing.T) {
	tests := []struct {
		desc string
		give Config
	}{
		{"NewConfig()", NewConfig()},
		{`WithFilePrefix("")`, NewConfig().WithFilePrefix("")},
		{"WithRollingSize(0).WithRollingInterval(0) (rolling off)", NewConfig().WithRollingSize(0).WithRollingInterval(0)},
		{"WithRollingSize(1)", NewConfig().WithRollingSize(1)},
		{"WithRollingInterval(MinRollingInterval)", NewConfig().WithRollingInterval(MinRollingInterval)},
		{`WithDir("").WithWriter(io.Discard) (a writer needs no dir)`, NewConfig().WithDir("").WithWriter(io.Discard)},
		{"WithQueueSize(MaxQueueSize)", NewConfig().WithQueueSize(MaxQueueSize)},
		{"WithQueueSize(1)", NewConfig().WithQueueSize(1)},
		{"WithLevel(LevelDebug)", NewConfig().WithLevel(LevelDebug)},
		{"WithLevel(LevelCritical)", NewConfig().WithLevel(LevelCritical)},
	}
	for _, tt := range tests {
		if err := tt.give.Validate(); err != nil {
			t.Errorf("NewConfig().%s.Validate() = %v, want nil", tt.desc, err)
		}
	}
}

func TestValidateErrorMessage(t *testing.T) {
	bad := errors.New("bad")
	tests := []struct {
		give *ConfigError
		want string
	}{
		{&ConfigError{Field: "level", Err: bad}, "logtar: config: level: bad"},
		{&ConfigError{File: "app.json", Field: "dir", Err: bad}, "logtar: config app.json: dir: bad"},
		{&ConfigError{File: "app.json", Err: bad}, "logtar: config app.json: bad"},
		{&ConfigError{Err: bad}, "logtar: config: bad"},
	}
	for _, tt := range tests {
		if got := tt.give.Error(); got != tt.want {
			t.Errorf("(&ConfigError{File: %q, Field: %q, Err: bad}).Error() = %q, want %q", tt.give.File, tt.give.Field, got, tt.want)
		}
	}
	if err := error(&ConfigError{Field: "x", Err: bad}); !errors.Is(err, bad) {
		t.Errorf("errors.Is(&ConfigError{Err: bad}, bad) = false, want true: Unwrap should return Err")
	}
}

func TestValidateRandomBadValues(t *testing.T) {
	tests := []struct {
		desc  string
		give  Config
		field string
	}{
		{"WithRollingSize", NewConfig().WithRollingSize(-1 - rand.Int64N(1<<40)), "rolling_size"},
		{"WithRollingInterval (negative)", NewConfig().WithRollingInterval(-time.Duration(1 + rand.Int64N(int64(time.Hour)))), "rolling_interval"},
		{"WithRollingInterval (under a second)", NewConfig().WithRollingInterval(time.Duration(1 + rand.Int64N(int64(time.Second-1)))), "rolling_interval"},
		{"WithCallerSkip", NewConfig().WithCallerSkip(-1 - rand.IntN(100)), "caller_skip"},
		{"WithQueueSize (too big)", NewConfig().WithQueueSize(MaxQueueSize + 1 + rand.IntN(1000)), "queue_size"},
		{"WithQueueSize (negative)", NewConfig().WithQueueSize(-1 - rand.IntN(1000)), "queue_size"},
		{"WithLevel", NewConfig().WithLevel(LevelInfo + Level(1+rand.IntN(3))), "level"},
	}
	for _, tt := range tests {
		var ce *ConfigError
		if err := tt.give.Validate(); !errors.As(err, &ce) || ce.Field != tt.field {
			t.Errorf("NewConfig().%s(a random bad value: rolling size %d, interval %s, skip %d, queue %d, level %d).Validate() = %v, want a *ConfigError for %q",
				tt.desc, tt.give.rollingSize, tt.give.rollingInterval, tt.give.callerSkip, tt.give.queueSize, int(tt.give.level), err, tt.field)
		}
	}
	good := NewConfig().WithRollingSize(rand.Int64N(1 << 40)).WithRollingInterval(time.Second + time.Duration(rand.Int64N(int64(24*time.Hour)))).
		WithCallerSkip(rand.IntN(100)).WithQueueSize(1 + rand.IntN(MaxQueueSize))
	if err := good.Validate(); err != nil {
		t.Errorf("Validate() of random good values (rolling size %d, interval %s, skip %d, queue %d) = %v, want nil",
			good.rollingSize, good.rollingInterval, good.callerSkip, good.queueSize, err)
	}
}
