package logtar

import (
	"io"
	"time"
)

// Sizes for [Config.WithRollingSize], in bytes.
const (
	KiB int64 = 1 << 10
	MiB int64 = 1 << 20
	GiB int64 = 1 << 30
)

// Config holds every setting of a [Logger]. Build one with [NewConfig] and
// the With methods, or read one from JSON with [LoadConfig]:
//
//	cfg := logtar.NewConfig().
//		WithLevel(logtar.LevelDebug).
//		WithDir("/var/log/myapp").
//		WithRollingSize(10 * logtar.MiB)
//
// A Config is a value: each With method returns a changed copy and leaves its
// receiver alone, so a base config can be shared and varied safely. The With
// methods do not check their arguments; [Config.Validate] checks them all at
// once, and [New] calls it.
type Config struct {
	level           Level
	dir             string
	filePrefix      string
	rollingSize     int64
	rollingInterval time.Duration
	caller          bool
	callerSkip      int
	async           bool
	queueSize       int
	writer          io.Writer
	clock           func() time.Time
}

// NewConfig returns the default configuration: level Info, files named
// "logtar_<time>.log" in the directory "logs" (relative to the working
// directory), a new file every 5 MiB or every hour, no caller info, and
// synchronous writes.
func NewConfig() Config {
	// TODO(04.00-config-builder): return a Config with the defaults above
	// (5 * MiB, time.Hour, and a queue of 1024 records). The zero value of
	// a field is its default only for caller, callerSkip, async, writer
	// and clock.
	return Config{}
}

// WithLevel sets the minimum level: records below it are skipped. It must be
// one of the five named levels.
func (c Config) WithLevel(l Level) Config {
	// TODO(04.00-config-builder): set c.level and return c.
	return c
}

// WithDir sets the directory for log files. New creates it, and any missing
// parents, if needed.
func (c Config) WithDir(dir string) Config {
	// TODO(04.00-config-builder): set c.dir and return c.
	return c
}

// WithFilePrefix sets the text that starts every log file name. It may be
// empty but must not contain a path separator.
func (c Config) WithFilePrefix(prefix string) Config {
	// TODO(04.00-config-builder): set c.filePrefix and return c.
	return c
}

// WithRollingSize sets the size, in bytes, at which a log file is closed and
// a new one started. A line that would take the file past the size goes to a
// new file, so no file grows beyond it unless a single line is bigger than
// the whole limit. Zero turns rolling by size off.
func (c Config) WithRollingSize(bytes int64) Config {
	// TODO(04.00-config-builder): set c.rollingSize and return c.
	return c
}

// WithRollingInterval sets how often a new log file is started. Rolls happen
// on multiples of the interval counted from midnight UTC, so with time.Hour
// a file covers 10:00 to 11:00 whenever in that hour it was opened. Zero
// turns rolling by time off; otherwise the interval must be at least
// [MinRollingInterval].
func (c Config) WithRollingInterval(d time.Duration) Config {
	// TODO(04.00-config-builder): set c.rollingInterval and return c.
	return c
}

// WithCaller turns caller info on or off. When on, each record names the
// function, file and line that logged it.
func (c Config) WithCaller(on bool) Config {
	// TODO(04.00-config-builder): set c.caller and return c.
	return c
}

// WithCallerSkip sets how many extra stack frames to skip when finding the
// caller. Use it when you wrap the Logger's methods in your own helper: a
// helper that calls logger.Info directly needs a skip of 1, so that records
// name the helper's caller rather than the helper.
func (c Config) WithCallerSkip(frames int) Config {
	// TODO(04.00-config-builder): set c.callerSkip and return c.
	return c
}

// WithAsync turns asynchronous mode on or off. In async mode the logging
// methods format the record and put it on a queue; one goroutine writes the
// queue out. See the package documentation for what that promises.
func (c Config) WithAsync(on bool) Config {
	// TODO(04.00-config-builder): set c.async and return c.
	return c
}

// WithQueueSize sets how many records the async queue holds before the
// logging methods wait for the writer. It has no effect in synchronous mode.
func (c Config) WithQueueSize(records int) Config {
	// TODO(04.00-config-builder): set c.queueSize and return c.
	return c
}

// WithWriter sends records to w instead of to files. The directory, prefix
// and rolling settings are then ignored. The Logger never closes w; Sync
// calls w's Sync method if it has one. A nil w means files again.
func (c Config) WithWriter(w io.Writer) Config {
	// TODO(04.00-config-builder): set c.writer and return c.
	return c
}

// WithClock sets the function the Logger reads the time from. It exists for
// examples and tests that need the same output on every run; nil means
// [time.Now]. The clock also stamps records that come through [Handler],
// in place of the time slog put in them.
func (c Config) WithClock(now func() time.Time) Config {
	// TODO(04.00-config-builder): set c.clock and return c.
	return c
}
