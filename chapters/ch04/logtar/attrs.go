package logtar

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"math"
	"strconv"
	"time"
)

// badKey is the key given to an argument that should have been a key but
// is not a string, as in Info("msg", 42). slog uses the same text.
const badKey = "!BADKEY"

// appendKey appends a comma (unless b ends an opening brace), the quoted
// key and a colon.
func appendKey(b []byte, key string) []byte {
	if len(b) == 0 || b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	b = appendString(b, key)
	return append(b, ':')
}

// appendArgs appends key/value arguments the way slog reads them: a string
// followed by a value is a pair; a slog.Attr stands on its own; a string at
// the very end, or anything else where a key should be, is written under
// the key "!BADKEY".
func appendArgs(b []byte, args []any) []byte {
	for len(args) > 0 {
		switch x := args[0].(type) {
		case string:
			if len(args) == 1 {
				b = appendAttr(b, slog.String(badKey, x))
				args = args[1:]
			} else {
				b = appendAttr(b, slog.Any(x, args[1]))
				args = args[2:]
			}
		case slog.Attr:
			b = appendAttr(b, x)
			args = args[1:]
		default:
			b = appendAttr(b, slog.Any(badKey, x))
			args = args[1:]
		}
	}
	return b
}

// appendAttr appends one attribute. It follows the rules slog sets for
// handlers: a LogValuer is resolved first; an attribute whose key and value
// are both empty is skipped; a group with no attributes is skipped; and a
// group with an empty key is written inline, its members side by side with
// the record's other fields.
//
// Strings and integers, most of what a log holds, take a short path: one
// look at the kind, the key, the value.
func appendAttr(b []byte, a slog.Attr) []byte {
	v := a.Value
	kind := v.Kind()
	switch kind {
	case slog.KindString:
		b = appendKey(b, a.Key)
		return appendString(b, v.String())
	case slog.KindInt64:
		b = appendKey(b, a.Key)
		return strconv.AppendInt(b, v.Int64(), 10)
	case slog.KindLogValuer:
		// Only LogValuers need resolving, and Resolve is not free (it
		// defers a recover, in case LogValue panics), so call it only
		// for them: this check saves time on every other attribute.
		v = v.Resolve()
		kind = v.Kind()
	}
	if kind != slog.KindGroup {
		if a.Key == "" && kind == slog.KindAny && v.Any() == nil {
			return b // the empty Attr
		}
		b = appendKey(b, a.Key)
		return appendValue(b, v)
	}
	members := v.Group()
	if a.Key == "" {
		for _, m := range members {
			b = appendAttr(b, m)
		}
		return b
	}
	mark := len(b)
	b = appendKey(b, a.Key)
	b = append(b, '{')
	start := len(b)
	for _, m := range members {
		b = appendAttr(b, m)
	}
	if len(b) == start {
		return b[:mark] // nothing inside: leave the group out
	}
	return append(b, '}')
}

// appendValue appends a resolved, non-group value.
func appendValue(b []byte, v slog.Value) []byte {
	switch v.Kind() {
	case slog.KindString:
		return appendString(b, v.String())
	case slog.KindInt64:
		return strconv.AppendInt(b, v.Int64(), 10)
	case slog.KindUint64:
		return strconv.AppendUint(b, v.Uint64(), 10)
	case slog.KindFloat64:
		return appendFloat(b, v.Float64())
	case slog.KindBool:
		return strconv.AppendBool(b, v.Bool())
	case slog.KindDuration:
		// Nanoseconds, as slog's JSON handler writes them. A string such
		// as "1.5s" would read better, but Duration.String allocates.
		return strconv.AppendInt(b, int64(v.Duration()), 10)
	case slog.KindTime:
		b = append(b, '"')
		b = v.Time().AppendFormat(b, time.RFC3339Nano)
		return append(b, '"')
	default:
		return appendAny(b, v.Any())
	}
}

// appendFloat appends f as a JSON number, choosing the same notation as
// encoding/json. JSON has no NaN or infinity, so those become strings.
func appendFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return appendString(b, strconv.FormatFloat(f, 'g', -1, 64))
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	return strconv.AppendFloat(b, f, format, -1, 64)
}

// appendAny appends a value of a type slog does not model: an error as its
// message, anything else as encoding/json would write it. These call code
// we did not write (Error, MarshalJSON), which may panic, for example on a
// nil pointer; the panic is caught and written into the record instead.
func appendAny(b []byte, x any) []byte {
	switch x := x.(type) {
	case nil:
		return append(b, "null"...)
	case error:
		return appendString(b, errorText(x))
	}
	data, err := marshalJSON(x)
	if err != nil {
		return appendString(b, "!ERROR: "+err.Error())
	}
	// json.Marshal compacts its output (even what a MarshalJSON method
	// returns), so it never contains a newline.
	return append(b, data...)
}

// errorText returns err.Error(), or a description of the panic it raised.
func errorText(err error) (text string) {
	defer func() {
		if r := recover(); r != nil {
			text = fmt.Sprintf("!PANIC in Error: %v", r)
		}
	}()
	return err.Error()
}

// marshalJSON is json.Marshal with panics turned into errors.
func marshalJSON(x any) (data []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic in MarshalJSON: %v", r)
		}
	}()
	return json.Marshal(x)
}
