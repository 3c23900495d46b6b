package rawhttp

import "bufio"

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
	// TODO(05.00-header-fields): read lines with readLine until the empty one,
	// with a limit that is the smaller of lim.FieldLine and what is left of
	// lim.HeaderBytes; count the fields; check each line and h.Add it.
	return Header{}, nil
}
