package logtar

import (
	"slices"
	"time"
)

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
	b = append(b, '{')
	if !t.IsZero() {
		b = append(b, `"time":"`...)
		b = appendTime(b, t)
		b = append(b, `",`...)
	}
	b = append(b, `"level":"`...)
	b = appendLevel(b, level)
	b = append(b, `","msg":`...)
	return appendString(b, msg)
}

// appendLevel appends the level's name to b without allocating for the five
// named levels, which are the only ones the hot path usually sees.
func appendLevel(b []byte, l Level) []byte {
	for _, n := range levelNames {
		if l == n.level {
			return append(b, n.name...)
		}
	}
	return append(b, l.String()...)
}

// appendTime appends t in UTC as 2006-01-02T15:04:05.000Z. t.AppendFormat
// could do it, but it interprets the layout string on every call; writing
// the fixed-width digits directly takes well under half the time
// (BenchmarkAppendTime), and every record has a timestamp. Years that do
// not fit in four digits are rare enough to leave to AppendFormat.
func appendTime(b []byte, t time.Time) []byte {
	t = t.UTC()
	year, month, day := t.Date()
	if year < 0 || year > 9999 {
		return t.AppendFormat(b, "2006-01-02T15:04:05.000Z07:00")
	}
	hour, minute, sec := t.Clock()
	b = appendDigits(b, year, 4)
	b = append(b, '-')
	b = appendDigits(b, int(month), 2)
	b = append(b, '-')
	b = appendDigits(b, day, 2)
	b = append(b, 'T')
	b = appendDigits(b, hour, 2)
	b = append(b, ':')
	b = appendDigits(b, minute, 2)
	b = append(b, ':')
	b = appendDigits(b, sec, 2)
	b = append(b, '.')
	b = appendDigits(b, t.Nanosecond()/1e6, 3)
	return append(b, 'Z')
}

// appendDigits appends n, which must not be negative, as exactly width
// decimal digits, padding with zeros on the left.
//
// It grows b once and fills the digits in from the right, instead of
// appending byte by byte: a timestamp takes seven calls.
func appendDigits(b []byte, n, width int) []byte {
	start := len(b)
	b = slices.Grow(b, width)[:start+width]
	for i := len(b) - 1; i >= start; i-- {
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return b
}
