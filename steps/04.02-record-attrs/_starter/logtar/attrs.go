package logtar

import (
	"log/slog"
)

// badKey is the key given to an argument that should have been a key but
// is not a string, as in Info("msg", 42). slog uses the same text.
const badKey = "!BADKEY"

// appendKey appends a comma (unless b ends an opening brace), the quoted
// key and a colon.
func appendKey(b []byte, key string) []byte {
	// TODO(04.02-record-attrs): a comma first, unless b ends in '{'; then
	// the key as a JSON string, then ':'.
	return b
}

// appendArgs appends key/value arguments the way slog reads them: a string
// followed by a value is a pair; a slog.Attr stands on its own; a string at
// the very end, or anything else where a key should be, is written under
// the key "!BADKEY".
func appendArgs(b []byte, args []any) []byte {
	// TODO(04.02-record-attrs): loop while args is not empty. A string
	// followed by another argument is a pair: appendAttr(b, slog.Any(key,
	// value)). A slog.Attr stands alone. A string with nothing after it, and
	// anything else where a key should be, goes under badKey.
	return b
}

// appendAttr appends one attribute. It follows the rules slog sets for
// handlers: a LogValuer is resolved first; an attribute whose key and value
// are both empty is skipped; a group with no attributes is skipped; and a
// group with an empty key is written inline, its members side by side with
// the record's other fields.
func appendAttr(b []byte, a slog.Attr) []byte {
	// TODO(04.02-record-attrs): for now, appendKey and then appendValue.
	//
	// TODO(04.02-attr-groups): resolve a LogValuer first (only those). Skip
	// the empty Attr. A group with an empty key: its members inline. A
	// group: "key":{members}, or nothing at all if no member wrote anything.
	return b
}

// appendValue appends a resolved, non-group value.
func appendValue(b []byte, v slog.Value) []byte {
	// TODO(04.02-record-attrs): switch on v.Kind(): strings through
	// appendString, integers and bools with strconv, floats with appendFloat,
	// durations as nanoseconds, times as quoted RFC 3339 with nanoseconds,
	// and anything else with appendAny(b, v.Any()).
	return b
}

// appendFloat appends f as a JSON number, choosing the same notation as
// encoding/json. JSON has no NaN or infinity, so those become strings.
func appendFloat(b []byte, f float64) []byte {
	// TODO(04.02-other-values): NaN and the infinities as strings ("NaN",
	// "+Inf", "-Inf"); otherwise strconv.AppendFloat with format 'e' for
	// magnitudes below 1e-6 or from 1e21 up (but not 0), and 'f' for the
	// rest.
	return b
}

// appendAny appends a value of a type slog does not model: an error as its
// message, anything else as encoding/json would write it. These call code
// we did not write (Error, MarshalJSON), which may panic, for example on a
// nil pointer; the panic is caught and written into the record instead.
func appendAny(b []byte, x any) []byte {
	// TODO(04.02-other-values): nil is null; an error is its errorText as a
	// string; anything else is marshalJSON's output, or "!ERROR: <the
	// error>" as a string if it failed.
	return b
}

// errorText returns err.Error(), or a description of the panic it raised.
func errorText(err error) (text string) {
	// TODO(04.02-other-values): defer a func that recovers a panic and sets
	// text to "!PANIC in Error: <the value>"; then return err.Error().
	return ""
}

// marshalJSON is json.Marshal with panics turned into errors.
func marshalJSON(x any) (data []byte, err error) {
	// TODO(04.02-other-values): like errorText: recover a panic into
	// err = fmt.Errorf("panic in MarshalJSON: %v", r); then json.Marshal(x).
	return nil, nil
}
