package logtar

import (
	"context"
	"log/slog"
)

// Fields that belong to a request, such as its ID, are known to the code
// that starts the request and wanted by every record logged while it is
// served, often deep in code that has the request's context but not its
// Logger. ContextWith puts them in the context, encoded once; the Context
// methods (InfoContext, ...) and the slog Handler append them to each record
// logged with that context, after the Logger's own fields.

// contextKey is the key of the fields in a context. A type of our own
// cannot collide with anyone else's key, and its zero-size value makes the
// lookup allocate nothing.
type contextKey struct{}

// contextFields holds fields as appendArgs encodes them.
type contextFields []byte

// ContextWith returns a copy of ctx that carries args as fields, after any
// fields ctx already carries. args are key/value pairs, read as
// [Logger.Debug] reads them, and encoded once, now. Records logged with the
// returned context, through [Logger.InfoContext] and the other Context
// methods or through [Handler], carry the fields.
func ContextWith(ctx context.Context, args ...any) context.Context {
	// TODO(04.06-context): take the fields ctx already carries (a
	// contextFields under contextKey{}, or none), append args to a capped
	// copy of them with appendArgs, and return context.WithValue of the
	// result.
	return ctx
}

// appendContext appends the fields ctx carries, if any.
func appendContext(b []byte, ctx context.Context) []byte {
	// TODO(04.06-context): append the contextFields that ctx carries under
	// contextKey{}, if any.
	return b
}

// The Context methods are the level methods with a context, as in
// log/slog. Each calls l.log or l.logAttrs directly (see callerDepth), once
// they take a context.

// DebugContext logs msg at LevelDebug with the fields ctx carries
// ([ContextWith]). See [Logger.Debug] for args.
func (l *Logger) DebugContext(ctx context.Context, msg string, args ...any) {
	// TODO(04.06-context): check the level, then call l.log directly with ctx.
}

// InfoContext logs msg at LevelInfo with the fields ctx carries. See
// [Logger.Debug] for args.
func (l *Logger) InfoContext(ctx context.Context, msg string, args ...any) {
	// TODO(04.06-context): check the level, then call l.log directly with ctx.
}

// WarnContext logs msg at LevelWarn with the fields ctx carries. See
// [Logger.Debug] for args.
func (l *Logger) WarnContext(ctx context.Context, msg string, args ...any) {
	// TODO(04.06-context): check the level, then call l.log directly with ctx.
}

// ErrorContext logs msg at LevelError with the fields ctx carries. See
// [Logger.Debug] for args.
func (l *Logger) ErrorContext(ctx context.Context, msg string, args ...any) {
	// TODO(04.06-context): check the level, then call l.log directly with ctx.
}

// CriticalContext logs msg at LevelCritical with the fields ctx carries.
// See [Logger.Debug] for args.
func (l *Logger) CriticalContext(ctx context.Context, msg string, args ...any) {
	// TODO(04.06-context): check the level, then call l.log directly with ctx.
}

// LogContext logs msg at any level with the fields ctx carries. See
// [Logger.Debug] for args.
func (l *Logger) LogContext(ctx context.Context, level Level, msg string, args ...any) {
	// TODO(04.06-context): check the level, then call l.log directly with ctx.
}

// LogAttrsContext is [Logger.LogAttrs] with the fields ctx carries.
func (l *Logger) LogAttrsContext(ctx context.Context, level Level, msg string, attrs ...slog.Attr) {
	// TODO(04.06-context): check the level, then call l.logAttrs directly
	// with ctx.
}
