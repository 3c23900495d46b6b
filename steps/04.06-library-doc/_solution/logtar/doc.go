// Package logtar is a small structured logging library: it writes each
// record as one line of JSON to log files that roll by size and by time,
// or to any io.Writer. It uses the standard library only, and it is the
// library the learn-go-hard-way workbook has the reader build, one step at
// a time, in chapter 4.
//
// A program creates a [Logger] from a [Config], logs, and closes it:
//
//	cfg := logtar.NewConfig().WithDir("logs").WithLevel(logtar.LevelDebug)
//	logger, err := logtar.New(cfg)
//	if err != nil {
//		return err
//	}
//	defer logger.Close()
//	logger.Info("server started", "addr", addr, "pid", os.Getpid())
//
// # Levels
//
// There are five levels: [LevelDebug], [LevelInfo], [LevelWarn],
// [LevelError] and [LevelCritical]. A Logger writes the records at or above
// its configured level and skips the rest; a skipped call costs a
// comparison. Levels use the same numbers as [log/slog]'s, so the zero
// value is Info and a [slog.Level] converts with a plain Level(l).
//
// # Records
//
// A record is a JSON object on one line:
//
//	{"time":"2024-05-06T07:08:09.123Z","level":"INFO","msg":"server started","addr":":8080","pid":4242}
//
// The time is UTC with milliseconds. With caller info on, "caller" (the last
// directory, the file and the line) and "func" (the function) follow "msg".
// Then come the fields of a child Logger and of the context, and then the
// arguments, as key/value pairs the way [slog.Logger.Info] reads them,
// including [slog.Attr] values and groups. Strings are escaped
// so that newlines, quotes, control characters and invalid UTF-8 can never
// break a record over two lines or make it invalid JSON. Durations are
// written in nanoseconds, errors as their message, and other types the way
// encoding/json writes them.
//
// # Configuration
//
// A [Config] is built with [NewConfig] and chained With methods, or read
// from a JSON file with [LoadConfig]. [Config.Validate] (which [New] calls)
// reports a bad setting as a [*ConfigError] whose Field is the setting's
// JSON name. In a JSON file, unknown keys are errors, so a misspelt setting
// cannot be silently ignored.
//
// # Child loggers and contexts
//
// [Logger.With] returns a child Logger whose records carry preset fields,
// encoded once when the child is made, so they cost a copy per record and
// no allocation; a server makes one per request. [Logger.WithCallerSkip]
// returns a child for a helper that wraps logging calls (see Caller info).
// [ContextWith] puts fields in a [context.Context] instead, for code that
// has the request's context but not its Logger; [Logger.InfoContext] and
// the other Context methods, and [Handler], add them to each record. A
// child shares its parent's output, queue and level: [Logger.SetLevel] on
// any of them changes the level of all, at once, while they log.
//
// # Files and rolling
//
// By default records go to files in the directory "logs", created if
// missing. Each file is named after the time it was opened, so names sort
// in time order, and two files opened in the same millisecond get a
// sequence number rather than sharing a name:
//
//	logtar_2024-05-06T07-08-09.123Z.log
//	logtar_2024-05-06T07-08-09.123Z_000001.log
//
// A new file is started before a record that would take the current one past
// [Config.WithRollingSize], and at the first record at or after each
// multiple of [Config.WithRollingInterval] (counted from midnight UTC, so
// hourly files start at :00, or from local midnight with
// [Config.WithLocalTime]). A record's time is read when it takes its turn to
// be written, so the records of a file are in time order and a file named
// for 10:00 holds only records stamped from 10:00 to 11:00.
//
// With [Config.WithActiveFile], the file being written keeps one name, such
// as "app.log", for tail -F and log shippers to follow, and is renamed to its
// time-stamped name when it rolls. [Config.WithMaxBackups] and
// [Config.WithMaxAge] delete old files, and [Config.WithCompress] gzips them,
// in a goroutine of their own; only files named the way the Logger names
// them are ever touched. Files are created with [Config.WithFileMode].
//
// # Caller info
//
// With [Config.WithCaller], each record names the function, file and line
// that logged it. The Logger finds them by counting stack frames up from
// its own code, so a helper that wraps the Logger's methods must say how
// many frames it adds, with [Config.WithCallerSkip] or, for the Logger the
// helper uses, [Logger.WithCallerSkip]: 1 for a function that calls
// logger.Info directly. Records that come through [Handler] use the
// location slog recorded, so slog's own wrappers need no skip.
//
// # Synchronous and asynchronous writing
//
// By default a logging call returns after its record has been written to
// the file (with one write system call; it is then in the operating
// system's hands, and survives a crash of the program but not of the
// machine). [Logger.Sync] also asks the operating system to put it on disk.
//
// With [Config.WithAsync], a logging call encodes the record and puts it on
// a queue of [Config.WithQueueSize] records; one goroutine writes the queue
// out, in batches: it lets records gather for a millisecond, then writes
// them with one system call, so that a busy program pays for neither a
// system call nor a wake-up of the writer per record. The promises are:
//
//   - Nothing is dropped. When the queue is full, logging calls wait for
//     the writer; unless [Config.WithDropWhenFull] says to drop the record
//     instead, which is then counted and reported as [ErrQueueFull].
//   - Records are written in the order the calls took their turn at the
//     queue, so the records of one goroutine stay in order.
//   - Sync returns once every record logged before it has been written and
//     synced. Close writes everything still queued, then stops the writer
//     goroutine; no goroutine is left behind. [Logger.CloseContext] stops
//     waiting at a deadline, and the Logger finishes closing in the
//     background.
//   - If the program exits without Close, or crashes, the records still in
//     the queue are lost: at most the queue size.
//
// # Errors
//
// [New] returns an error for a bad setting or a log directory or file that
// cannot be created. The logging methods have no error result, as in
// log/slog: a record that cannot be written is counted, together with the
// first error, and [Logger.Sync] or [Logger.Close] reports them. Nothing
// fails silently and nothing panics. A write that a full disk cuts short is
// taken back, so the file still ends with a whole record. A file that
// cannot be rolled is reported as such (its records are not lost: they go
// on into the current file), and the roll is retried after a growing wait.
// A record logged after Close is dropped and counted, and a later Sync or
// Close returns an error that wraps [ErrClosed]. A program that wants to
// hear of each problem as it happens sets [Config.WithErrorHandler].
//
// # Performance
//
// The hot path allocates nothing: records are encoded into pooled buffers
// by hand-written append functions, caller lookups are cached, the fields
// of a child Logger are encoded once, and a disabled level costs one
// comparison, inlined into the caller. One cost
// remains with the caller: passing a string or number held in a variable
// through args ...any boxes it, which allocates (this is true of log/slog
// too). [Logger.LogAttrs] with [slog.String], [slog.Int] and friends avoids
// that and is the fastest way to log. The benchmarks in the bench
// directory compare logtar with zerolog, zap and slog.
package logtar
