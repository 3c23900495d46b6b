package logtar

import (
	"errors"
	"log/slog"
	"sync"
	"time"
)

// ErrClosed is returned by [Logger.Sync] once the Logger has been closed.
var ErrClosed = errors.New("logtar: logger closed")

// A Logger writes records as JSON lines to log files or to an io.Writer.
// Create one with [New]; finish with [Logger.Close]. A Logger is safe for use
// by many goroutines at once, and each record is written whole: lines from
// different goroutines never mix.
type Logger struct {
	// Set by New and never changed, so read without locking.
	level Level
	clock func() time.Time // nil means time.Now

	// mu guards everything below. Holding it while writing is what keeps
	// two records from running into each other.
	mu     sync.Mutex
	closed bool
	out    output
}

// New returns a Logger configured by cfg. It validates cfg, and creates the
// log directory and opens the first log file (unless cfg has a writer).
// Errors are a [*ConfigError] for a bad setting, or an error from the file
// system, such as a directory that cannot be created.
func New(cfg Config) (*Logger, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	l := &Logger{
		level: cfg.level,
		clock: cfg.clock,
	}
	if cfg.writer != nil {
		l.out = writerOutput{cfg.writer}
	} else {
		f, err := openFileOutput(cfg, l.now())
		if err != nil {
			return nil, err
		}
		l.out = f
	}
	return l, nil
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
func (l *Logger) Enabled(level Level) bool { return level >= l.level }

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

// log encodes a record and hands it to the output.
func (l *Logger) log(level Level, msg string, args []any, attrs []slog.Attr) {
	t := l.now()
	b := newBuffer()
	*b = appendHeader(*b, t, level, msg)
	*b = appendArgs(*b, args)
	for _, a := range attrs {
		*b = appendAttr(*b, a)
	}
	*b = append(*b, "}\n"...)
	l.emit(t, b)
}

// emit writes an encoded record and takes ownership of b.
func (l *Logger) emit(t time.Time, b *buffer) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.closed {
		// For now a failed write is forgotten, and so is a record logged
		// after Close. The next step counts both and reports them.
		_ = l.out.write(t, *b)
	}
	b.free()
}

// Sync syncs the output to stable storage (fsync for files). After Close
// it returns [ErrClosed].
func (l *Logger) Sync() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return ErrClosed
	}
	return l.out.sync()
}

// Close syncs and closes the output. Close may be called more than once;
// later calls do nothing and return nil.
func (l *Logger) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	return errors.Join(l.out.sync(), l.out.close())
}
