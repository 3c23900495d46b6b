package middleware

import (
	"context"
	"errors"
	"log/slog"
)

// ContextHandler returns a [slog.Handler] that adds the request id of the
// context it is given (see [RequestID]) to every record, as the attribute
// request_id, and passes the record on to h. A handler that logs with the
// request's context then writes records that name their request without
// passing the id around:
//
//	logger := slog.New(middleware.ContextHandler(slog.NewJSONHandler(os.Stderr, nil)))
//	...
//	logger.InfoContext(r.Context(), "order placed", "order", id)
//	// {"time":...,"msg":"order placed","order":42,"request_id":"wKc2..."}
//
// Records logged without a context (logger.Info), or with one that carries
// no id, go through unchanged. So does a record that already has a
// request_id at the top level, as those of [AccessLog] and [Recover] do,
// and every record of a logger made by logger.With("request_id", ...).
//
// The id always sits at the top level of the record, where a log search
// finds it, even in a logger made by WithGroup: logger.WithGroup("db")
// writes {"request_id":"...","db":{...}}, not {"db":{"request_id":...}}.
// That case costs more: h cannot add an attribute outside its open groups,
// so for each record with an id, ContextHandler rebuilds the handler, from
// the one it had before the first group, with the id and then the same
// WithAttrs and WithGroup calls. Without groups, adding the id costs
// nothing more than the record's own attributes.
//
// ContextHandler panics if h is nil.
func ContextHandler(h slog.Handler) slog.Handler {
	if h == nil {
		panic(errors.New("middleware: ContextHandler: nil handler"))
	}
	return &contextHandler{h: h}
}

// contextHandler is the slog.Handler ContextHandler returns.
type contextHandler struct {
	h slog.Handler // h with every WithAttrs and WithGroup applied
	// base is the handler before the first WithGroup, nil while there has
	// been none, and steps the calls made since, to make again on a base
	// that has the request id.
	base  slog.Handler
	steps []handlerStep
	// hasID is set when WithAttrs added a request_id at the top level.
	hasID bool
}

// handlerStep is one WithGroup (group set) or WithAttrs (attrs set) call.
type handlerStep struct {
	group string
	attrs []slog.Attr
}

func (c *contextHandler) Enabled(ctx context.Context, level slog.Level) bool {
	return c.h.Enabled(ctx, level)
}

func (c *contextHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return c
	}
	n := &contextHandler{h: c.h.WithAttrs(attrs), base: c.base, hasID: c.hasID}
	if c.base == nil {
		n.hasID = n.hasID || hasRequestID(attrs)
	} else {
		n.steps = append(c.steps[:len(c.steps):len(c.steps)], handlerStep{attrs: attrs})
	}
	return n
}

func (c *contextHandler) WithGroup(name string) slog.Handler {
	if name == "" {
		return c
	}
	n := &contextHandler{h: c.h.WithGroup(name), base: c.base, hasID: c.hasID}
	if n.base == nil {
		n.base = c.h
	}
	n.steps = append(c.steps[:len(c.steps):len(c.steps)], handlerStep{group: name})
	return n
}

func (c *contextHandler) Handle(ctx context.Context, r slog.Record) error {
	if c.hasID || ctx == nil {
		return c.h.Handle(ctx, r)
	}
	id := RequestIDFrom(ctx)
	if id == "" {
		return c.h.Handle(ctx, r)
	}
	if c.base == nil {
		if recordHasRequestID(&r) {
			return c.h.Handle(ctx, r)
		}
		r.AddAttrs(slog.String(requestIDAttr, id))
		return c.h.Handle(ctx, r)
	}
	h := c.base.WithAttrs([]slog.Attr{slog.String(requestIDAttr, id)})
	for _, s := range c.steps {
		if s.group != "" {
			h = h.WithGroup(s.group)
		} else {
			h = h.WithAttrs(s.attrs)
		}
	}
	return h.Handle(ctx, r)
}

// hasRequestID reports whether attrs hold a request_id.
func hasRequestID(attrs []slog.Attr) bool {
	for _, a := range attrs {
		if a.Key == requestIDAttr {
			return true
		}
	}
	return false
}

// recordHasRequestID reports whether r has a request_id among its own
// attributes.
func recordHasRequestID(r *slog.Record) bool {
	found := false
	r.Attrs(func(a slog.Attr) bool {
		found = a.Key == requestIDAttr
		return !found
	})
	return found
}
