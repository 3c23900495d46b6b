package rawhttp

import "bufio"

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
	// TODO(05.00-write-head): check the code and every name (isToken) and value
	// (isFieldValue) first; then write "HTTP/1.1 <code> <StatusText(code)>\r\n",
	// the fields sorted by name, and "\r\n".
	return nil
}
