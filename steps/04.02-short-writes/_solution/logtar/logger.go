package logtar

import (
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"
)

// ErrClosed is reported when a Logger is used after [Logger.Close]. The
// logging methods have no error result, so a record logged after Close is
// dropped and counted instead; the next call to Sync or Close returns an
// error that wraps ErrClosed and says how many records were dropped.
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
	mu      sync.Mutex
	closed  bool
	dropped int // records logged after Close

	out      output
	errCount int   // records that met a write error since the last Sync
	firstErr error // the first of those errors
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
		l.out = &writerOutput{w: cfg.writer}
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
	switch {
	case l.closed:
		l.dropped++
		b.free()
	default:
		l.writeRecord(t, *b)
		b.free()
	}
}

// writeRecord writes one record and counts it if it fails. The Logger's
// methods have no error result, so failures are collected here and
// reported by the next Sync or Close.
func (l *Logger) writeRecord(t time.Time, line []byte) {
	if err := l.out.write(t, line); err != nil {
		l.errCount++
		if l.firstErr == nil {
			l.firstErr = err
		}
	}
}

// flush syncs the output and returns every write error since the last
// flush, then forgets them.
func (l *Logger) flush() error {
	var lost error
	if l.errCount > 0 {
		lost = fmt.Errorf("logtar: %s met write errors since the last Sync; the first: %w", records(l.errCount), l.firstErr)
		l.errCount, l.firstErr = 0, nil
	}
	return errors.Join(lost, l.out.sync())
}

// Sync syncs the output to stable storage (fsync for files) and returns
// the write errors met since the last Sync, if any. After Close it returns
// an error that wraps [ErrClosed].
func (l *Logger) Sync() error {
	l.mu.Lock()
	switch {
	case l.closed:
		defer l.mu.Unlock()
		if err := l.droppedError(); err != nil {
			return err
		}
		return ErrClosed
	default:
		defer l.mu.Unlock()
		return l.flush()
	}
}

// Close syncs and closes the log file. It returns the write errors not yet
// reported by Sync.
//
// Close may be called more than once; later calls return nil, or, if
// records were logged after the first Close, an error that wraps
// [ErrClosed] and counts them. Logging after Close never panics: the
// record is dropped and counted.
func (l *Logger) Close() error {
	l.mu.Lock()
	if l.closed {
		defer l.mu.Unlock()
		return l.droppedError()
	}
	l.closed = true
	defer l.mu.Unlock()
	return errors.Join(l.flush(), l.out.close())
}

// droppedError reports records logged after Close. The caller holds mu.
func (l *Logger) droppedError() error {
	if l.dropped == 0 {
		return nil
	}
	return fmt.Errorf("logtar: dropped %s logged after Close: %w", records(l.dropped), ErrClosed)
}

// records returns "1 record" or "n records", for error messages.
func records(n int) string {
	if n == 1 {
		return "1 record"
	}
	return strconv.Itoa(n) + " records"
}
