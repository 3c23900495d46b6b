package trace

import (
	"context"
	"errors"
	"log/slog"
)

// The attribute keys LogHandler and Logger write.
const (
	traceIDAttr = "trace_id"
	spanIDAttr  = "span_id"
)

// LogHandler returns a [slog.Handler] that adds the trace id and span id
// of the context it is given (see [Middleware]) to every record, as the
// attributes trace_id and span_id, and passes the record on to h. It is
// middleware.ContextHandler for traces, and the two stack:
//
//	h := trace.LogHandler(middleware.ContextHandler(slog.NewJSONHandler(os.Stderr, nil)))
//	logger := slog.New(h)
//	logger.InfoContext(r.Context(), "order placed")
//	// {"time":...,"msg":"order placed","request_id":"...","trace_id":"4bf9...","span_id":"00f0..."}
//
// Records logged without a context, or with one that has no span, go
// through unchanged. So does a record that already has a trace_id at the
// top level, and every record of a logger made by With("trace_id", ...),
// as [Logger] makes them.
//
// The ids always sit at the top level of the record, even in a logger made
// by WithGroup: as ContextHandler does, LogHandler then rebuilds the
// handler, from the one it had before the first group, with the ids and
// the same WithAttrs and WithGroup calls, for each record with a span.
//
// LogHandler panics if h is nil.
func LogHandler(h slog.Handler) slog.Handler {
	if h == nil {
		panic(errors.New("trace: LogHandler: nil handler"))
	}
	return &logHandler{h: h}
}

// logHandler is the slog.Handler LogHandler returns.
type logHandler struct {
	h slog.Handler // h with every WithAttrs and WithGroup applied
	// base is the handler before the first WithGroup, nil while there has
	// been none, and steps the calls made since, to make again on a base
	// that has the ids.
	base  slog.Handler
	steps []handlerStep
	// hasID is set when WithAttrs added a trace_id at the top level.
	hasID bool
}

// handlerStep is one WithGroup (group set) or WithAttrs (attrs set) call.
type handlerStep struct {
	group string
	attrs []slog.Attr
}

func (l *logHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return l.h.Enabled(ctx, level)
}

func (l *logHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return l
	}
	n := &logHandler{h: l.h.WithAttrs(attrs), base: l.base, hasID: l.hasID}
	if l.base == nil {
		n.hasID = n.hasID || hasTraceID(attrs)
	} else {
		n.steps = append(l.steps[:len(l.steps):len(l.steps)], handlerStep{attrs: attrs})
	}
	return n
}

func (l *logHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return l
	}
	n := &logHandler{h: l.h.WithGroup(name), base: l.base, hasID: l.hasID}
	if n.base == nil {
		n.base = l.h
	}
	n.steps = append(l.steps[:len(l.steps):len(l.steps)], handlerStep{group: name})
	return n
}

func (l *logHandler) Handle(ctx context.Context, r slog.Record) error {
	if l.hasID || ctx == nil {
		return l.h.Handle(ctx, r)
	}
	p, ok := FromContext(ctx)
	if !ok || !p.IsValid() {
		return l.h.Handle(ctx, r)
	}
	traceID, spanID := p.ids()
	if l.base == nil {
		if recordHasTraceID(&r) {
			return l.h.Handle(ctx, r)
		}
		r.AddAttrs(slog.String(traceIDAttr, traceID), slog.String(spanIDAttr, spanID))
		return l.h.Handle(ctx, r)
	}
	h := l.base.WithAttrs([]slog.Attr{slog.String(traceIDAttr, traceID), slog.String(spanIDAttr, spanID)})
	for _, s := range l.steps {
		if s.group != "" {
			h = h.WithGroup(s.group)
		} else {
			h = h.WithAttrs(s.attrs)
		}
	}
	return h.Handle(ctx, r)
}

// hasTraceID reports whether attrs hold a trace_id.
func hasTraceID(attrs []slog.Attr) bool {
	for _, a := range attrs {
		if a.Key == traceIDAttr {
			return true
		}
	}
	return false
}

// recordHasTraceID reports whether r has a trace_id among its own
// attributes.
func recordHasTraceID(r *slog.Record) bool {
	found := false
	r.Attrs(func(a slog.Attr) bool {
		found = a.Key == traceIDAttr
		return !found
	})
	return found
}
