package rawhttp

import (
	"bufio"
	"fmt"
	"slices"
	"strconv"
)

// writeHead writes the head of a response: the status line, the header fields
// sorted by name (each value on its own line, in order) and the empty line that
// ends the head:
//
//	HTTP/1.1 200 OK\r\n
//	Content-Length: 5\r\n
//	Content-Type: text/plain\r\n
//	\r\n
//
// It checks everything before writing anything: a code outside 100–999, a name
// that is not a token or a value with a control byte (CR and LF above all, which
// would let a value smuggle in fields of its own) wraps ErrInvalidHeader, and
// then nothing has been written.
func writeHead(bw *bufio.Writer, code int, h Header) error {
	if code < 100 || code > 999 {
		return fmt.Errorf("%w: status code %d is not three digits", ErrInvalidHeader, code)
	}
	names := make([]string, 0, len(h))
	for name, values := range h {
		if !isToken(name) {
			return fmt.Errorf("%w: name %q is not a token", ErrInvalidHeader, name)
		}
		for _, v := range values {
			if !isFieldValue(v) {
				return fmt.Errorf("%w: %s value %q holds a control byte", ErrInvalidHeader, name, v)
			}
		}
		names = append(names, name)
	}
	slices.Sort(names)

	bw.WriteString("HTTP/1.1 ")
	bw.WriteString(strconv.Itoa(code))
	bw.WriteByte(' ')
	bw.WriteString(StatusText(code))
	bw.WriteString("\r\n")
	for _, name := range names {
		for _, v := range h[name] {
			bw.WriteString(name)
			bw.WriteString(": ")
			bw.WriteString(v)
			bw.WriteString("\r\n")
		}
	}
	_, err := bw.WriteString("\r\n")
	return err
}
