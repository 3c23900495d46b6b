package rawhttp

import (
	"bufio"
	"errors"
	"fmt"
	"strings"
)

// readHeader reads header field lines up to and including the empty line that
// ends the header section, and returns the fields by canonical name.
//
// Every line is checked before it is stored: "name: value", the name a token with
// no space before the colon, the value free of control bytes once the spaces and
// tabs around it are trimmed. A line that starts with a space or tab (the obsolete
// line folding) is refused. Lines over lim.FieldLine, more than lim.Fields lines,
// or a section over lim.HeaderBytes wrap ErrHeaderTooLarge; the rest wraps ErrMalformed.
// lim must already hold its defaults.
func readHeader(br *bufio.Reader, lim Limits) (Header, error) {
	h := Header{}
	used, count := 0, 0
	for {
		limit := min(lim.FieldLine, lim.HeaderBytes-used-2)
		line, err := readLine(br, limit)
		if errors.Is(err, errLineTooLong) {
			return nil, fmt.Errorf("%w: header field line longer than %d bytes", ErrHeaderTooLarge, limit)
		}
		if err != nil {
			return nil, unexpectedEOF(err) // the request has begun: its end is missing
		}
		used += len(line) + 2
		if line == "" {
			return h, nil
		}
		count++
		if count > lim.Fields {
			return nil, fmt.Errorf("%w: more than %d header fields", ErrHeaderTooLarge, lim.Fields)
		}
		if line[0] == ' ' || line[0] == '\t' {
			return nil, fmt.Errorf("%w: header line %q starts with whitespace (obsolete line folding)", ErrMalformed, line)
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, fmt.Errorf("%w: header line %q has no colon", ErrMalformed, line)
		}
		if !isToken(name) {
			return nil, fmt.Errorf("%w: header field name %q is not a token", ErrMalformed, name)
		}
		value = trimOWS(value)
		if !isFieldValue(value) {
			return nil, fmt.Errorf("%w: header field %s has a control byte in its value %q", ErrMalformed, name, value)
		}
		h.Add(name, value)
	}
}
