package logtar

import "time"

// A record is one JSON object on one line:
//
//	{"time":"2024-05-06T07:08:09.123Z","level":"INFO","msg":"saved","user":"ann","bytes":512}
//
// This file writes the part every record has: the opening brace, the time,
// the level and the message. attrs.go writes the rest.

// appendHeader appends the opening brace and the fields every record has:
// the time (left out when t is zero, as slog.Handler requires), the level
// and the message.
func appendHeader(b []byte, t time.Time, level Level, msg string) []byte {
	// TODO(04.02-record-header): append `{"time":"<time>",` (only when t is
	// not the zero time), then `"level":"<level>","msg":` and the message
	// as a JSON string (appendString). No closing brace: fields follow.
	return b
}

// appendLevel appends the level's name to b without allocating for the five
// named levels, which are the only ones the hot path usually sees.
func appendLevel(b []byte, l Level) []byte {
	// TODO(04.02-record-header): append the name from levelNames for a named
	// level (no allocation), and l.String() for any other.
	return b
}

// appendTime appends t in UTC as 2006-01-02T15:04:05.000Z. t.AppendFormat
// could do it, but it interprets the layout string on every call; writing
// the fixed-width digits directly takes well under half the time
// (BenchmarkAppendTime), and every record has a timestamp. Years that do
// not fit in four digits are rare enough to leave to AppendFormat.
func appendTime(b []byte, t time.Time) []byte {
	// TODO(04.02-record-header): convert t to UTC, then append year (4
	// digits), month, day, hour, minute, second (2 each) and milliseconds (3)
	// with appendDigits and the separators - - T : : . Z. Years outside
	// 0..9999 do not fit: use t.AppendFormat for those.
	return b
}

// appendDigits appends n, which must not be negative, as exactly width
// decimal digits, padding with zeros on the left.
func appendDigits(b []byte, n, width int) []byte {
	// TODO(04.02-record-header): append exactly width digits of n, padded
	// with zeros on the left: appendDigits(b, 7, 3) appends "007".
	return b
}
