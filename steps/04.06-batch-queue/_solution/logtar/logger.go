package logtar

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// ErrClosed is reported when a Logger is used after [Logger.Close]. The
// logging methods have no error result, so a record logged after Close is
// dropped and counted instead; the next call to Sync or Close returns an
// error that wraps ErrClosed and says how many records were dropped.
var ErrClosed = errors.New("logtar: logger closed")

// ErrQueueFull is reported for records dropped because the async queue was
// full, in the drop mode that [Config.WithDropWhenFull] turns on: the error
// handler gets it for each such record, and the next Sync or Close returns
// an error that wraps it and counts them.
var ErrQueueFull = errors.New("logtar: async queue full")

// A Logger writes records as JSON lines to log files or to an io.Writer.
// Create one with [New]; finish with [Logger.Close]. A Logger is safe for use
// by many goroutines at once, and each record is written whole: lines from
// different goroutines never mix.
//
// [Logger.With] and [Logger.WithCallerSkip] derive child Loggers that add
// fields or skip frames. A child shares everything else with the Logger it
// came from: the output, the level, the async queue, the error counts, and
// its closing. Close any one of them and all are closed.
type Logger struct {
	*core // shared with every child

	// The Logger's own settings, copied into a child and changed there.
	caller     bool
	callerSkip int
	pre        []byte // the fields added by With, encoded once, each after a comma
}

// core is the part of a Logger its children share.
type core struct {
	level   atomic.Int64     // the minimum level: SetLevel changes it while others log
	clock   func() time.Time // nil means time.Now
	onError func(error)      // nil means no error handler

	// mu guards closed and dropped, and, in synchronous mode, the output
	// and the error count. Holding it while writing is what keeps two
	// records, or a record and a roll, from running into each other.
	mu      sync.Mutex
	closed  bool
	dropped int // records logged after Close

	// out, errCount and firstErr belong to whoever writes: the holder of
	// mu in synchronous mode, the writer goroutine in async mode.
	out      output
	errCount int   // records that met a write error since the last Sync
	firstErr error // the first of those errors

	// Async mode only (async.go); nil and false otherwise.
	queue     chan entry
	wake      chan struct{} // Sync wakes a writer waiting for a batch to gather
	done      chan struct{}
	writing   atomic.Int64 // records taken off the queue and not yet written
	dropFull  bool         // drop a record when the queue is full, rather than wait
	fullDrops atomic.Int64 // records dropped that way since the last Sync
}

// New returns a Logger configured by cfg. It validates cfg, creates the log
// directory and opens the first log file (unless cfg has a writer), and in
// async mode starts the writer goroutine. Errors are a [*ConfigError] for a
// bad setting, or an error from the file system, such as a directory that
// cannot be created.
func New(cfg Config) (*Logger, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	l := &Logger{
		core:       &core{clock: cfg.clock, onError: cfg.onError},
		caller:     cfg.caller,
		callerSkip: cfg.callerSkip,
	}
	l.level.Store(int64(cfg.level))
	if cfg.writer != nil {
		l.out = &writerOutput{w: cfg.writer}
	} else {
		f, err := openFileOutput(cfg, l.now())
		if err != nil {
			return nil, err
		}
		l.out = f
	}
	if cfg.async {
		l.dropFull = cfg.dropWhenFull
		l.startWriter(cfg.queueSize)
	}
	return l, nil
}

// now returns the current time from the configured clock.
func (c *core) now() time.Time {
	if c.clock != nil {
		return c.clock()
	}
	return time.Now()
}

// Level returns the Logger's minimum level.
func (l *Logger) Level() Level { return Level(l.level.Load()) }

// Enabled reports whether a record at level would be written. Use it to skip
// work that only feeds a log call:
//
//	if logger.Enabled(logtar.LevelDebug) {
//		logger.Debug("state", "dump", expensiveDump())
//	}
func (l *Logger) Enabled(level Level) bool { return level >= l.Level() }

// The level methods check the level first and return at once if it is
// disabled; that check is small enough for the compiler to inline into the
// caller. Each calls l.log (LogAttrs: l.logAttrs) directly, so that every
// one of them is the same number of frames away from its caller (see
// callerDepth).

// Debug logs msg at LevelDebug. args are key/value pairs, as in [log/slog]:
// Debug("cache miss", "key", k, "size", n). A [slog.Attr] may stand in for a
// pair. An argument that should be a key but is not a string is written
// under the key "!BADKEY".
func (l *Logger) Debug(msg string, args ...any) {
	if LevelDebug < l.Level() {
		return
	}
	l.log(nil, LevelDebug, msg, args)
}

// Info logs msg at LevelInfo. See [Logger.Debug] for args.
func (l *Logger) Info(msg string, args ...any) {
	if LevelInfo < l.Level() {
		return
	}
	l.log(nil, LevelInfo, msg, args)
}

// Warn logs msg at LevelWarn. See [Logger.Debug] for args.
func (l *Logger) Warn(msg string, args ...any) {
	if LevelWarn < l.Level() {
		return
	}
	l.log(nil, LevelWarn, msg, args)
}

// Error logs msg at LevelError. See [Logger.Debug] for args.
func (l *Logger) Error(msg string, args ...any) {
	if LevelError < l.Level() {
		return
	}
	l.log(nil, LevelError, msg, args)
}

// Critical logs msg at LevelCritical. See [Logger.Debug] for args.
func (l *Logger) Critical(msg string, args ...any) {
	if LevelCritical < l.Level() {
		return
	}
	l.log(nil, LevelCritical, msg, args)
}

// Log logs msg at any level, including levels between the named ones. See
// [Logger.Debug] for args.
func (l *Logger) Log(level Level, msg string, args ...any) {
	if level < l.Level() {
		return
	}
	l.log(nil, level, msg, args)
}

// LogAttrs logs msg at level with typed attributes. It is the fastest way
// to log: a value passed in args ...any must be boxed in an interface, which
// costs an allocation for most strings and numbers held in variables, while
// slog.String, slog.Int and the other Attr constructors never allocate.
//
//	logger.LogAttrs(logtar.LevelInfo, "saved", slog.String("user", name), slog.Int("bytes", n))
func (l *Logger) LogAttrs(level Level, msg string, attrs ...slog.Attr) {
	if level < l.Level() {
		return
	}
	l.logAttrs(nil, level, msg, attrs)
}

// log encodes a record with key/value args and hands it to emit; logAttrs
// does the same with typed attributes. One of the two must be called
// directly by every exported logging method (see callerDepth). ctx is nil
// for the methods that take none.
//
// Two functions rather than one with both args and attrs: each takes nine
// words of arguments, which Go passes in registers, while one function
// with twelve would spill three to the stack on every call, and make every
// disabled Debug call measurably slower at the call site.
func (l *Logger) log(ctx context.Context, level Level, msg string, args []any) {
	var pc uintptr
	if l.caller {
		pc = callerPC(l.callerSkip)
	}
	b := l.begin(ctx, level, msg, pc)
	*b = appendArgs(*b, args)
	*b = append(*b, "}\n"...)
	l.emit(b)
}

// logAttrs is log for typed attributes (see log).
func (l *Logger) logAttrs(ctx context.Context, level Level, msg string, attrs []slog.Attr) {
	var pc uintptr
	if l.caller {
		pc = callerPC(l.callerSkip)
	}
	b := l.begin(ctx, level, msg, pc)
	for _, a := range attrs {
		*b = appendAttr(*b, a)
	}
	*b = append(*b, "}\n"...)
	l.emit(b)
}

// begin starts a record in a pooled buffer: the header with a time slot,
// the caller (pc, when caller info is on), the Logger's fields and the
// context's.
func (l *Logger) begin(ctx context.Context, level Level, msg string, pc uintptr) *buffer {
	b := newBuffer()
	*b = appendSlotHeader(*b, level, msg)
	if l.caller {
		*b = appendCaller(*b, pc)
	}
	*b = append(*b, l.pre...)
	if ctx != nil {
		*b = appendContext(*b, ctx)
	}
	return b
}

// emit stamps an encoded record with the time and writes it, or queues it
// in async mode, and takes ownership of b. The time is read here, under the
// lock, so that records are written in the order of their times (stamp.go).
func (l *Logger) emit(b *buffer) {
	l.mu.Lock()
	defer l.mu.Unlock()
	t := l.now()
	*b = stamp(*b, t)
	switch {
	case l.closed:
		l.dropped++
		b.free()
	case l.queue != nil && l.dropFull:
		l.nudge()
		select {
		case l.queue <- entry{t: t, buf: b}: // the writer frees b
		default:
			// The drop mode: the queue is full, and the program would
			// rather lose this record than wait. Count it, and say so.
			b.free()
			l.fullDrops.Add(1)
			l.report(ErrQueueFull)
		}
	case l.queue != nil:
		// If the queue is full, this waits for the writer goroutine to
		// make room: slowing the program down beats losing records. The
		// writer frees b.
		l.nudge()
		l.queue <- entry{t: t, buf: b}
	default:
		l.writeRecord(t, *b)
		b.free()
	}
}

// writeRecord writes one record and counts it if it fails. The Logger's
// methods have no error result, so failures are collected here and
// reported by the next Sync or Close, and passed to the error handler.
func (l *Logger) writeRecord(t time.Time, line []byte) {
	if err := l.out.write(t, line); err != nil {
		l.errCount++
		if l.firstErr == nil {
			l.firstErr = err
		}
		l.report(err)
	}
}

// flush syncs the output and returns every write error since the last
// flush, then forgets them.
func (l *Logger) flush() error {
	var lost, full error
	if l.errCount > 0 {
		lost = fmt.Errorf("logtar: %s met write errors since the last Sync; the first: %w", records(l.errCount), l.firstErr)
		l.errCount, l.firstErr = 0, nil
	}
	if n := l.fullDrops.Swap(0); n > 0 {
		full = fmt.Errorf("logtar: dropped %s since the last Sync: %w", records(int(n)), ErrQueueFull)
	}
	return errors.Join(lost, full, l.out.sync())
}

// Sync waits until every record logged so far has been written, then syncs
// the output to stable storage (fsync for files). It returns the write
// errors met since the last Sync, if any. After Close it returns an error
// that wraps [ErrClosed].
func (l *Logger) Sync() error {
	l.mu.Lock()
	switch {
	case l.closed:
		defer l.mu.Unlock()
		if err := l.droppedError(); err != nil {
			return err
		}
		return ErrClosed
	case l.queue != nil:
		ack := l.requestFlush()
		l.mu.Unlock() // let others log while the writer catches up
		return <-ack
	default:
		defer l.mu.Unlock()
		return l.flush()
	}
}

// Close writes every record logged before it, syncs and closes the log
// file, and in async mode stops the writer goroutine. It returns the write
// errors not yet reported by Sync. It waits as long as that takes; use
// [Logger.CloseContext] to give up waiting at a deadline.
//
// Close may be called more than once; later calls return nil, or, if
// records were logged after the first Close, an error that wraps
// [ErrClosed] and counts them. Logging after Close never panics: the
// record is dropped and counted.
func (l *Logger) Close() error {
	return l.CloseContext(context.Background())
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
