package logtar

import (
	"errors"
	"io"
	"log/slog"
	"os"
	"sync"
	"time"
)

// ErrClosed is returned by [Logger.Sync] once the Logger has been closed.
var ErrClosed = errors.New("logtar: logger closed")

// A Logger writes records as lines of text to a log file or an io.Writer.
// Create one with [New]; finish with [Logger.Close]. A Logger is safe for use
// by many goroutines at once, and each record is written whole: lines from
// different goroutines never mix.
//
// For now a record is a plain line, and fields are left out:
//
//	[2024-05-06T07:08:09.123Z] [INFO] user logged in
type Logger struct {
	// Set by New and never changed, so read without locking.
	level Level
	clock func() time.Time // nil means time.Now

	// mu guards everything below. Holding it while writing is what keeps
	// two records from running into each other.
	mu     sync.Mutex
	closed bool
	out    io.Writer // where lines go: cfg's writer, or file
	file   *os.File  // the log file New opened; nil when cfg has a writer
}

// New returns a Logger configured by cfg. It validates cfg, and creates the
// log directory and opens the log file, <dir>/<prefix>plain.log (unless cfg
// has a writer). Errors are a [*ConfigError] for a bad setting, or an error
// from the file system, such as a directory that cannot be created.
func New(cfg Config) (*Logger, error) {
	// TODO(04.02-plain-logger): validate cfg, copy its level and clock, and
	// set out to cfg.writer, or else create cfg.dir and open the file
	// (O_WRONLY|O_CREATE|O_APPEND, 0o644) into both out and file.
	return &Logger{out: io.Discard}, nil
}

// now returns the current time from the configured clock.
func (l *Logger) now() time.Time {
	if l.clock != nil {
		return l.clock()
	}
	return time.Now()
}

// Level returns the Logger's minimum level.
func (l *Logger) Level() Level { return l.level }

// Enabled reports whether a record at level would be written. Use it to skip
// work that only feeds a log call:
//
//	if logger.Enabled(logtar.LevelDebug) {
//		logger.Debug("state", "dump", expensiveDump())
//	}
func (l *Logger) Enabled(level Level) bool {
	// TODO(04.02-plain-logger): compare level with the Logger's minimum.
	return false
}

// The level methods check the level first and return at once if it is
// disabled; that check is small enough for the compiler to inline into the
// caller.

// Debug logs msg at LevelDebug. args are key/value pairs, as in [log/slog]:
// Debug("cache miss", "key", k, "size", n). A [slog.Attr] may stand in for a
// pair. An argument that should be a key but is not a string is written
// under the key "!BADKEY".
func (l *Logger) Debug(msg string, args ...any) {
	if LevelDebug < l.level {
		return
	}
	l.log(LevelDebug, msg, args, nil)
}

// Info logs msg at LevelInfo. See [Logger.Debug] for args.
func (l *Logger) Info(msg string, args ...any) {
	if LevelInfo < l.level {
		return
	}
	l.log(LevelInfo, msg, args, nil)
}

// Warn logs msg at LevelWarn. See [Logger.Debug] for args.
func (l *Logger) Warn(msg string, args ...any) {
	if LevelWarn < l.level {
		return
	}
	l.log(LevelWarn, msg, args, nil)
}

// Error logs msg at LevelError. See [Logger.Debug] for args.
func (l *Logger) Error(msg string, args ...any) {
	if LevelError < l.level {
		return
	}
	l.log(LevelError, msg, args, nil)
}

// Critical logs msg at LevelCritical. See [Logger.Debug] for args.
func (l *Logger) Critical(msg string, args ...any) {
	if LevelCritical < l.level {
		return
	}
	l.log(LevelCritical, msg, args, nil)
}

// Log logs msg at any level, including levels between the named ones. See
// [Logger.Debug] for args.
func (l *Logger) Log(level Level, msg string, args ...any) {
	if level < l.level {
		return
	}
	l.log(level, msg, args, nil)
}

// LogAttrs logs msg at level with typed attributes. It is the fastest way
// to log: a value passed in args ...any must be boxed in an interface, which
// costs an allocation for most strings and numbers held in variables, while
// slog.String, slog.Int and the other Attr constructors never allocate.
//
//	logger.LogAttrs(logtar.LevelInfo, "saved", slog.String("user", name), slog.Int("bytes", n))
func (l *Logger) LogAttrs(level Level, msg string, attrs ...slog.Attr) {
	if level < l.level {
		return
	}
	l.log(level, msg, nil, attrs)
}

// log writes one record as a line of text. For now it leaves args and
// attrs out: a plain line has no good place for them.
func (l *Logger) log(level Level, msg string, args []any, attrs []slog.Attr) {
	// TODO(04.02-plain-logger): build "[<time>] [<level>] <msg>\n" (l.now()
	// in UTC, as 2006-01-02T15:04:05.000Z), then write it to l.out in one
	// Write call, holding l.mu, unless the Logger is closed.
}

// Sync syncs the output to stable storage (fsync for files). After Close
// it returns [ErrClosed].
func (l *Logger) Sync() error {
	// TODO(04.02-plain-logger): under l.mu: ErrClosed after Close, nil
	// without a file, else l.file.Sync().
	return nil
}

// Close syncs and closes the output: the log file, if New opened one, but
// never a writer passed in, which belongs to whoever passed it in. Close
// may be called more than once; later calls do nothing and return nil.
func (l *Logger) Close() error {
	// TODO(04.02-plain-logger): under l.mu, mark the Logger closed (a
	// second Close returns nil), then sync and close the file, if any.
	return nil
}
