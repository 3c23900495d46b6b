package rawhttp

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// readLine reads one line that ends in CRLF and returns it without the CRLF.
//
// It holds at most limit bytes of the line (plus the CRLF): a longer line is
// errLineTooLong, and the rest of it stays unread, because the caller is about to
// refuse the request anyway. A line that ends in a bare LF is ErrMalformed. The
// error is io.EOF when the input ends before the first byte of the line, and
// io.ErrUnexpectedEOF when it ends inside the line.
func readLine(br *bufio.Reader, limit int) (string, error) {
	var line []byte
	for {
		frag, err := br.ReadSlice('\n')
		if line == nil && err == nil {
			line = frag // the whole line was in the buffer: no copy needed
		} else {
			line = append(line, frag...) // frag is only valid until the next read
		}
		switch {
		case err == nil:
			n := len(line) - 1 // drop the LF
			crlf := n > 0 && line[n-1] == '\r'
			if crlf {
				n--
			}
			if n > limit {
				return "", errLineTooLong
			}
			if !crlf {
				return "", fmt.Errorf("%w: line ends in a bare LF, want CRLF", ErrMalformed)
			}
			return string(line[:n]), nil
		case errors.Is(err, bufio.ErrBufferFull):
			// No LF yet. The last byte may be the CR of the CRLF, so the line
			// itself is at least len(line)-1 bytes long.
			if len(line)-1 > limit {
				return "", errLineTooLong
			}
		case errors.Is(err, io.EOF):
			if len(line) == 0 {
				return "", io.EOF
			}
			return "", io.ErrUnexpectedEOF
		default:
			return "", err
		}
	}
}

// unexpectedEOF turns io.EOF into io.ErrUnexpectedEOF: once a request has begun,
// the end of the input is always too early.
func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
