package logtar

import (
	"context"
	"log/slog"
	"time"
)

// Handler lets a Logger sit behind a [*slog.Logger], so code written against
// log/slog (libraries, HTTP middleware) writes into logtar's files:
//
//	logger, err := logtar.New(cfg)
//	...
//	slog.SetDefault(slog.New(logger.Handler()))
//
// Records are encoded exactly as the Logger's own methods encode them, and
// go through the same output, in the same order, with the same rolling and
// the same async queue. The Logger's level decides what is enabled, and its
// caller setting whether records carry caller info (taken from the PC that
// slog records, so it names the code that called slog).
//
// Handle always returns nil. Like the Logger's own methods, it reports write
// errors, and records logged after Close, through [Logger.Sync] and
// [Logger.Close].
type Handler struct {
	l *Logger
	// pre holds the attributes added by WithAttrs, already encoded, with
	// the groups they sit in opened but not closed.
	pre []byte
	// open counts the groups opened in pre.
	open int
	// pending holds the groups added by WithGroup since the last
	// attributes. They are opened only once something goes in them,
	// because slog wants a group with no attributes left out.
	pending []string
}

var _ slog.Handler = (*Handler)(nil)

// Handler returns a [slog.Handler] that writes through l.
func (l *Logger) Handler() *Handler {
	return &Handler{l: l}
}

// Enabled reports whether the Logger writes records at level.
func (h *Handler) Enabled(_ context.Context, level slog.Level) bool {
	return h.l.Enabled(Level(level))
}

// WithAttrs returns a Handler that adds attrs to every record, inside the
// groups opened so far. The attributes are encoded once, here, rather than
// on every record.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	// TODO(04.05-slog-attrs): return a new Handler whose pre is a copy of
	// h.pre (h.pre[:len(h.pre):len(h.pre)] makes append copy) with attrs
	// appended. If no attr wrote anything, return h unchanged.
	return h
}

// WithGroup returns a Handler that puts the attributes added after it, by
// WithAttrs or by a record, in a group called name. An empty name adds no
// group, as slog requires.
func (h *Handler) WithGroup(name string) slog.Handler {
	// TODO(04.05-slog-groups): an empty name changes nothing; otherwise
	// return a copy of h with name added to a copy of pending (slices.Clip).
	return h
}

// Handle encodes r and hands it to the Logger's output. Like the Logger's
// own records, it is stamped with the Logger's clock when it takes its turn
// to be written (stamp.go), a moment after slog read the time; a record
// whose time is zero gets no time, as slog asks.
func (h *Handler) Handle(_ context.Context, r slog.Record) error {
	l := h.l
	b := newBuffer()
	if r.Time.IsZero() {
		*b = appendHeader(*b, time.Time{}, Level(r.Level), r.Message)
	} else {
		*b = appendSlotHeader(*b, Level(r.Level), r.Message)
	}
	if l.caller {
		*b = appendCaller(*b, r.PC)
	}
	r.Attrs(func(a slog.Attr) bool {
		*b = appendAttr(*b, a)
		return true
	})
	*b = append(*b, "}\n"...)
	l.emit(b)
	return nil
}

// openPending appends the opening of each pending group.
func (h *Handler) openPending(b []byte) []byte {
	// TODO(04.05-slog-groups): for each pending group, appendKey and '{'.
	return b
}
