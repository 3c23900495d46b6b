package metrics

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// A small parser of the text format, for the tests: enough to read back
// what WriteText writes and to check it line by line.

// sampleLine is one parsed sample line.
type sampleLine struct {
	name   string
	labels [][2]string // in order of appearance
	value  float64
}

// label returns the value of label name, and whether it is there.
func (s sampleLine) label(name string) (string, bool) {
	for _, l := range s.labels {
		if l[0] == name {
			return l[1], true
		}
	}
	return "", false
}

// parsePage parses a page of the text format into its sample lines, and
// checks the comment lines' shape.
func parsePage(page string) ([]sampleLine, error) {
	if page == "" {
		return nil, nil
	}
	if !strings.HasSuffix(page, "\n") {
		return nil, errors.New("page does not end in a newline")
	}
	var out []sampleLine
	for i, line := range strings.Split(strings.TrimSuffix(page, "\n"), "\n") {
		if strings.HasPrefix(line, "#") {
			f := strings.SplitN(line, " ", 4)
			if len(f) < 3 || (f[1] != "HELP" && f[1] != "TYPE") {
				return nil, fmt.Errorf("line %d: bad comment %q", i+1, line)
			}
			continue
		}
		s, err := parseSample(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", i+1, err)
		}
		out = append(out, s)
	}
	return out, nil
}

// parseSample parses name{l="v",...} value.
func parseSample(line string) (sampleLine, error) {
	var s sampleLine
	i := strings.IndexAny(line, "{ ")
	if i <= 0 {
		return s, fmt.Errorf("no name in %q", line)
	}
	s.name = line[:i]
	rest := line[i:]
	if rest[0] == '{' {
		rest = rest[1:]
		for rest != "" && rest[0] != '}' {
			eq := strings.Index(rest, `="`)
			if eq <= 0 {
				return s, fmt.Errorf("bad label in %q", line)
			}
			name := rest[:eq]
			value, n, err := unescapeLabel(rest[eq+2:])
			if err != nil {
				return s, err
			}
			s.labels = append(s.labels, [2]string{name, value})
			rest = rest[eq+2+n:]
			if strings.HasPrefix(rest, ",") {
				rest = rest[1:]
			}
		}
		if rest == "" {
			return s, fmt.Errorf("unclosed labels in %q", line)
		}
		rest = rest[1:]
	}
	if !strings.HasPrefix(rest, " ") {
		return s, fmt.Errorf("no value in %q", line)
	}
	v, err := strconv.ParseFloat(rest[1:], 64) // accepts +Inf, -Inf, NaN
	if err != nil {
		return s, err
	}
	s.value = v
	return s, nil
}

// unescapeLabel reads an escaped label value up to its closing quote and
// returns it with the bytes consumed, quote included.
func unescapeLabel(s string) (string, int, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '"':
			return b.String(), i + 1, nil
		case '\n':
			return "", 0, errors.New("raw newline in a label value")
		case '\\':
			i++
			if i == len(s) {
				return "", 0, errors.New("backslash at the end")
			}
			switch s[i] {
			case '\\':
				b.WriteByte('\\')
			case '"':
				b.WriteByte('"')
			case 'n':
				b.WriteByte('\n')
			default:
				return "", 0, fmt.Errorf("unknown escape \\%c", s[i])
			}
		default:
			b.WriteByte(c)
		}
	}
	return "", 0, errors.New("unterminated label value")
}
