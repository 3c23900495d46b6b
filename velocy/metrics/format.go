package metrics

import (
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// appendFloat appends v as the text format writes a sample value or an
// "le" bound: "+Inf", "-Inf" and "NaN" for the special values, otherwise
// the shortest decimal that reads back as v (strconv's 'g' format, so
// 0.005, 1, 2.5 and 1e+06), which is what client_golang writes.
func appendFloat(b []byte, v float64) []byte {
	switch {
	case math.IsInf(v, 1):
		return append(b, "+Inf"...)
	case math.IsInf(v, -1):
		return append(b, "-Inf"...)
	case math.IsNaN(v):
		return append(b, "NaN"...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

// appendHelp appends a HELP text, escaping backslash as \\ and newline as
// \n, the two escapes the format defines for it.
func appendHelp(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b = append(b, `\\`...)
		case '\n':
			b = append(b, `\n`...)
		default:
			b = append(b, c)
		}
	}
	return b
}

// appendLabelValue appends a label value between its double quotes,
// escaping backslash, double quote and newline.
func appendLabelValue(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b = append(b, `\\`...)
		case '"':
			b = append(b, `\"`...)
		case '\n':
			b = append(b, `\n`...)
		default:
			b = append(b, c)
		}
	}
	return b
}

// validUTF8 returns s with every invalid UTF-8 sequence replaced by U+FFFD:
// the format is UTF-8, and a scraper may refuse a page that is not.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// validMetricName reports whether name matches [a-zA-Z_:][a-zA-Z0-9_:]*.
func validMetricName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// validLabelName reports whether name matches [a-zA-Z_][a-zA-Z0-9_]*.
func validLabelName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// textWriter gathers the page in a buffer and hands it to w in chunks of
// about 32 KiB, keeping the first error; later writes are dropped.
type textWriter struct {
	w   io.Writer
	buf []byte
	err error
}

const flushAt = 32 << 10

// maybeFlush writes the buffer out once it is large.
func (t *textWriter) maybeFlush() {
	if len(t.buf) >= flushAt {
		t.flush()
	}
}

// flush writes what is buffered and empties the buffer.
func (t *textWriter) flush() {
	if t.err == nil && len(t.buf) > 0 {
		_, t.err = t.w.Write(t.buf)
	}
	t.buf = t.buf[:0]
}

// header appends the HELP and TYPE lines of a family.
func (t *textWriter) header(name, help, typ string) {
	t.buf = append(t.buf, "# HELP "...)
	t.buf = append(t.buf, name...)
	t.buf = append(t.buf, ' ')
	t.buf = appendHelp(t.buf, help)
	t.buf = append(t.buf, "\n# TYPE "...)
	t.buf = append(t.buf, name...)
	t.buf = append(t.buf, ' ')
	t.buf = append(t.buf, typ...)
	t.buf = append(t.buf, '\n')
}

// sample appends one line: name, suffix, the labels names=values (and le,
// when it is not empty), and the value.
func (t *textWriter) sample(name, suffix string, names, values []string, le string, v float64) {
	b := append(t.buf, name...)
	b = append(b, suffix...)
	if len(names) > 0 || le != "" {
		b = append(b, '{')
		for i, n := range names {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, n...)
			b = append(b, `="`...)
			b = appendLabelValue(b, values[i])
			b = append(b, '"')
		}
		if le != "" {
			if len(names) > 0 {
				b = append(b, ',')
			}
			b = append(b, `le="`...)
			b = append(b, le...)
			b = append(b, '"')
		}
		b = append(b, '}')
	}
	b = append(b, ' ')
	b = appendFloat(b, v)
	t.buf = append(b, '\n')
	t.maybeFlush()
}
