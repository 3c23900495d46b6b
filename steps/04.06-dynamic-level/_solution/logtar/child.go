package logtar

// A child Logger is a view of its parent: it shares the core (the output,
// the level, the queue, the counts) and has settings of its own. A web
// server makes one per request:
//
//	reqLog := logger.With("request_id", id, "user", user)
//	reqLog.Info("order placed", "order", orderID)
//
// The fields given to With are encoded once, when the child is made, into
// pre; every record the child logs appends those bytes after the header, so
// the fields cost a copy, not an encoding, per record, and no allocation.

// With returns a child Logger whose records carry args, as key/value pairs
// read the way [Logger.Debug] reads them, after those of l. The arguments
// are encoded once, now: a [slog.LogValuer] among them is resolved now, not
// for each record. With with no arguments returns l itself.
func (l *Logger) With(args ...any) *Logger {
	if len(args) == 0 {
		return l
	}
	child := *l
	// Cap pre at its length, so that append copies it rather than writing
	// into spare room that l, or a sibling, may be using (as in slog.go).
	child.pre = appendArgs(l.pre[:len(l.pre):len(l.pre)], args)
	return &child
}

// WithCallerSkip returns a child Logger that skips frames more stack frames
// than l when it finds the caller: give it to a helper that wraps logging
// calls, so that records name the helper's caller. A negative frames skips
// fewer; the skip never goes below zero. It has no effect unless caller
// info is on.
func (l *Logger) WithCallerSkip(frames int) *Logger {
	child := *l
	child.callerSkip = max(0, l.callerSkip+frames)
	return &child
}

// SetLevel changes the minimum level of l, of the Logger it was derived
// from and of every other child of that Logger: they share one level. It is
// safe to call while other goroutines log, for example from an admin
// endpoint that turns debug records on for a while. Unlike [Config.WithLevel],
// it accepts any level, including the ones between the named levels.
func (l *Logger) SetLevel(level Level) { l.level.Store(int64(level)) }
