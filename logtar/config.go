package logtar

import (
	"io"
	"io/fs"
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
	activeFile      string
	maxBackups      int
	maxAge          time.Duration
	compress        bool
	localTime       bool
	fileMode        fs.FileMode
	dropWhenFull    bool
	onError         func(error)
}

// NewConfig returns the default configuration: level Info, files named
// "logtar_<time>.log" in the directory "logs" (relative to the working
// directory), created with mode 0644, a new file every 5 MiB or every hour
// on the hour in UTC, every old file kept as it is, no caller info, and
// synchronous writes.
func NewConfig() Config {
	return Config{
		level:           LevelInfo,
		dir:             "logs",
		filePrefix:      "logtar_",
		rollingSize:     5 * MiB,
		rollingInterval: time.Hour,
		queueSize:       1024,
		fileMode:        0o644,
	}
}

// WithLevel sets the minimum level: records below it are skipped. It must be
// one of the five named levels.
func (c Config) WithLevel(l Level) Config { c.level = l; return c }

// WithDir sets the directory for log files. New creates it, and any missing
// parents, if needed.
func (c Config) WithDir(dir string) Config { c.dir = dir; return c }

// WithFilePrefix sets the text that starts every log file name. It may be
// empty but must not contain a path separator.
func (c Config) WithFilePrefix(prefix string) Config { c.filePrefix = prefix; return c }

// WithRollingSize sets the size, in bytes, at which a log file is closed and
// a new one started. A line that would take the file past the size goes to a
// new file, so no file grows beyond it unless a single line is bigger than
// the whole limit. Zero turns rolling by size off.
func (c Config) WithRollingSize(bytes int64) Config { c.rollingSize = bytes; return c }

// WithRollingInterval sets how often a new log file is started. Rolls happen
// on multiples of the interval counted from midnight UTC (or local midnight,
// see [Config.WithLocalTime]), so with time.Hour a file covers 10:00 to
// 11:00 whenever in that hour it was opened. Zero turns rolling by time off;
// otherwise the interval must be at least [MinRollingInterval].
func (c Config) WithRollingInterval(d time.Duration) Config { c.rollingInterval = d; return c }

// WithCaller turns caller info on or off. When on, each record names the
// function, file and line that logged it.
func (c Config) WithCaller(on bool) Config { c.caller = on; return c }

// WithCallerSkip sets how many extra stack frames to skip when finding the
// caller. Use it when you wrap the Logger's methods in your own helper: a
// helper that calls logger.Info directly needs a skip of 1, so that records
// name the helper's caller rather than the helper.
func (c Config) WithCallerSkip(frames int) Config { c.callerSkip = frames; return c }

// WithAsync turns asynchronous mode on or off. In async mode the logging
// methods format the record and put it on a queue; one goroutine writes the
// queue out. See the package documentation for what that promises.
func (c Config) WithAsync(on bool) Config { c.async = on; return c }

// WithQueueSize sets how many records the async queue holds before the
// logging methods wait for the writer. It has no effect in synchronous mode.
func (c Config) WithQueueSize(records int) Config { c.queueSize = records; return c }

// WithWriter sends records to w instead of to files. The directory, prefix
// and rolling settings are then ignored. The Logger never closes w; Sync
// calls w's Sync method if it has one. A nil w means files again.
func (c Config) WithWriter(w io.Writer) Config { c.writer = w; return c }

// WithClock sets the function the Logger reads the time from. It exists for
// examples and tests that need the same output on every run; nil means
// [time.Now]. The clock also stamps records that come through [Handler],
// in place of the time slog put in them. It is called from every goroutine
// that logs, and from the goroutine that deletes old files, so it must be
// safe for concurrent use.
func (c Config) WithClock(now func() time.Time) Config { c.clock = now; return c }

// WithActiveFile gives the file being written a fixed name in the log
// directory, such as "app.log", so that tail -F and log shippers can follow
// it. When it rolls, the file is renamed to the time-stamped name it would
// otherwise have had from the start (prefix, the time it was opened, ".log"),
// and a new file takes the fixed name. A file left under that name by an
// earlier run is renamed the same way, after the time it was last written,
// when New starts. The name must not contain a path separator. "" (the
// default) turns this off: files are written under their time-stamped names.
func (c Config) WithActiveFile(name string) Config { c.activeFile = name; return c }

// WithMaxBackups sets how many rolled files to keep: after each roll, the
// oldest files beyond that number are deleted. Only files named the way this
// config names them (prefix, time, ".log" or ".log.gz") are ever touched.
// Zero (the default) keeps them all.
func (c Config) WithMaxBackups(n int) Config { c.maxBackups = n; return c }

// WithMaxAge deletes rolled files whose last record is older than d: after
// each roll, files last modified more than d ago are deleted. Zero (the
// default) keeps them however old they are; otherwise d must be at least
// [MinMaxAge].
func (c Config) WithMaxAge(d time.Duration) Config { c.maxAge = d; return c }

// WithCompress turns gzip compression of rolled files on or off. A rolled
// file is compressed in the background into the same name plus ".gz", which
// keeps its modification time and mode, and the original is then deleted.
func (c Config) WithCompress(on bool) Config { c.compress = on; return c }

// WithLocalTime makes rolling by time and file names follow the local time
// zone rather than UTC: a daily file starts at local midnight, and names
// carry the local time and its offset, as in
// "logtar_2024-05-06T00-00-00.000+0200.log". Records keep their UTC time.
func (c Config) WithLocalTime(on bool) Config { c.localTime = on; return c }

// WithFileMode sets the permission bits log files are created with (0644 by
// default), before the process's umask takes its bits away: 0640 keeps
// them from other users, which logs that hold personal data need.
func (c Config) WithFileMode(perm fs.FileMode) Config { c.fileMode = perm; return c }

// WithDropWhenFull chooses what a logging call does in async mode when the
// queue is full: wait for room (false, the default: nothing is lost, the
// program slows down to the disk's speed), or drop the record (true: the
// program never waits, and dropped records are counted, passed to the error
// handler as [ErrQueueFull], and reported by the next Sync or Close). It
// needs async mode.
func (c Config) WithDropWhenFull(on bool) Config { c.dropWhenFull = on; return c }

// WithErrorHandler sets a function that is told about every problem as it
// happens: a record that could not be written, a file that could not be
// rolled, compressed or deleted, a record dropped from a full queue. Sync
// and Close still report them; the handler is for a program that wants to
// know at once, to count them in a metric or print them to standard error.
//
// It is called from inside the Logger, sometimes while the Logger holds its
// lock, and from the writer and cleanup goroutines: it must return quickly,
// be safe for concurrent use, and never log through the same Logger (that
// would wait for itself forever). A panic in it is recovered. nil (the
// default) means no handler.
func (c Config) WithErrorHandler(h func(error)) Config { c.onError = h; return c }
