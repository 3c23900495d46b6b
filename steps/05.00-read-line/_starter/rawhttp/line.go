package rawhttp

import (
	"bufio"
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
	// TODO(05.00-read-line): read up to the next '\n' with br.ReadSlice, which
	// hands you bufio.ErrBufferFull instead of reading past its buffer. Keep
	// the pieces, refuse the line as soon as it is longer than limit, and check
	// that it ends in "\r\n".
	return "", nil
}

// unexpectedEOF turns io.EOF into io.ErrUnexpectedEOF: once a request has begun,
// the end of the input is always too early.
func unexpectedEOF(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}
