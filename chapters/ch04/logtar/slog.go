package logtar

import (
	"context"
	"log/slog"
	"slices"
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
// slog records, so it names the code that called slog). The fields of a
// Logger made by [Logger.With], and those a context carries
// ([ContextWith]), come first, outside any group.
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
	// The three-index slice caps pre at its length, so the appends below
	// copy it instead of writing into memory h (or a sibling) still uses.
	pre := h.openPending(h.pre[:len(h.pre):len(h.pre)])
	start := len(pre)
	for _, a := range attrs {
		pre = appendAttr(pre, a)
	}
	if len(pre) == start {
		return h // nothing to add; pending groups stay pending
	}
	return &Handler{l: h.l, pre: pre, open: h.open + len(h.pending)}
}

// WithGroup returns a Handler that puts the attributes added after it, by
// WithAttrs or by a record, in a group called name. An empty name adds no
// group, as slog requires.
func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	h2 := *h
	h2.pending = append(slices.Clip(h.pending), name)
	return &h2
}

// Handle encodes r and hands it to the Logger's output. Like the Logger's
// own records, it is stamped with the Logger's clock when it takes its turn
// to be written (stamp.go), a moment after slog read the time; a record
// whose time is zero gets no time, as slog asks.
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
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
	*b = append(*b, l.pre...)
	if ctx != nil {
		*b = appendContext(*b, ctx)
	}
	*b = append(*b, h.pre...)
	closing := h.open
	if r.NumAttrs() > 0 {
		mark := len(*b)
		*b = h.openPending(*b)
		start := len(*b)
		r.Attrs(func(a slog.Attr) bool {
			*b = appendAttr(*b, a)
			return true
		})
		if len(*b) == start {
			*b = (*b)[:mark] // every attribute was empty: no groups either
		} else {
			closing += len(h.pending)
		}
	}
	for range closing {
		*b = append(*b, '}')
	}
	*b = append(*b, "}\n"...)
	l.emit(b)
	return nil
}

// openPending appends the opening of each pending group.
func (h *Handler) openPending(b []byte) []byte {
	for _, name := range h.pending {
		b = appendKey(b, name)
		b = append(b, '{')
	}
	return b
}
