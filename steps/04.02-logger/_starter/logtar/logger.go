package logtar

import (
	"errors"
	"log/slog"
	"sync"
	"time"
)

// ErrClosed is returned by [Logger.Sync] once the Logger has been closed.
var ErrClosed = errors.New("logtar: logger closed")

// A Logger writes records as JSON lines to an io.Writer. Create one with
// [New]; finish with [Logger.Close]. A Logger is safe for use by many
// goroutines at once, and each record is written whole: lines from
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

// New returns a Logger configured by cfg. It validates cfg and returns a
// [*ConfigError] for a bad setting. Until log files exist (section 4.2),
// records go to cfg's writer, or to standard error if it has none.
func New(cfg Config) (*Logger, error) {
	// TODO(04.02-logger): validate cfg (on error, return nil and the error),
	// copy its level and clock into a new Logger, and make out a
	// writerOutput around cfg.writer, or around os.Stderr if there is none.
	return &Logger{}, nil
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
	// TODO(04.02-logger): compare level with the Logger's minimum.
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
	// TODO(04.02-logger): return at once if LevelDebug is below the minimum;
	// otherwise l.log(LevelDebug, msg, args, nil).
}

// Info logs msg at LevelInfo. See [Logger.Debug] for args.
func (l *Logger) Info(msg string, args ...any) {
	// TODO(04.02-logger): return at once if LevelInfo is below the minimum;
	// otherwise l.log(LevelInfo, msg, args, nil).
}

// Warn logs msg at LevelWarn. See [Logger.Debug] for args.
func (l *Logger) Warn(msg string, args ...any) {
	// TODO(04.02-logger): return at once if LevelWarn is below the minimum;
	// otherwise l.log(LevelWarn, msg, args, nil).
}

// Error logs msg at LevelError. See [Logger.Debug] for args.
func (l *Logger) Error(msg string, args ...any) {
	// TODO(04.02-logger): return at once if LevelError is below the minimum;
	// otherwise l.log(LevelError, msg, args, nil).
}

// Critical logs msg at LevelCritical. See [Logger.Debug] for args.
func (l *Logger) Critical(msg string, args ...any) {
	// TODO(04.02-logger): return at once if LevelCritical is below the minimum;
	// otherwise l.log(LevelCritical, msg, args, nil).
}

// Log logs msg at any level, including levels between the named ones. See
// [Logger.Debug] for args.
func (l *Logger) Log(level Level, msg string, args ...any) {
	// TODO(04.02-logger): like Info, with the level given.
}

// LogAttrs logs msg at level with typed attributes. It is the fastest way
// to log: a value passed in args ...any must be boxed in an interface, which
// costs an allocation for most strings and numbers held in variables, while
// slog.String, slog.Int and the other Attr constructors never allocate.
//
//	logger.LogAttrs(logtar.LevelInfo, "saved", slog.String("user", name), slog.Int("bytes", n))
func (l *Logger) LogAttrs(level Level, msg string, attrs ...slog.Attr) {
	// TODO(04.02-logger): like Log, passing attrs instead of args.
}

// log encodes a record and hands it to the output.
func (l *Logger) log(level Level, msg string, args []any, attrs []slog.Attr) {
	// TODO(04.02-logger): read the time once, take a buffer, append the header,
	// the args, each attr, and "}\n", then hand the buffer to emit.
}

// emit writes an encoded record and takes ownership of b.
func (l *Logger) emit(t time.Time, b *buffer) {
	// TODO(04.02-logger): under l.mu, write the whole record with one l.out.write
	// unless the Logger is closed; then free b.
}

// Sync syncs the output to stable storage (fsync for files). After Close
// it returns [ErrClosed].
func (l *Logger) Sync() error {
	// TODO(04.02-logger): under l.mu: ErrClosed after Close, else l.out.sync().
	return nil
}

// Close syncs and closes the output. Close may be called more than once;
// later calls do nothing and return nil.
func (l *Logger) Close() error {
	// TODO(04.02-logger): under l.mu: a second Close returns nil; the first
	// marks the Logger closed and returns errors.Join(l.out.sync(),
	// l.out.close()).
	return nil
}
