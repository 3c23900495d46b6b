package rawhttp

import "io"

// chunkedWriter writes a body in the chunked transfer coding: every Write becomes
// one chunk, and Close writes the last, zero-length chunk that ends the body.
type chunkedWriter struct {
	w io.Writer
}

// Write sends p as one chunk: its length in hex, CRLF, p, CRLF. An empty p sends
// nothing, because a chunk of size zero would end the body.
func (cw chunkedWriter) Write(p []byte) (int, error) {
	// TODO(05.01-chunked-writer): nothing for an empty p; otherwise the size
	// in hex (strconv.FormatInt(n, 16)), CRLF, p, CRLF.
	return 0, nil
}

// Close writes the last chunk and the empty trailer section: "0\r\n\r\n".
func (cw chunkedWriter) Close() error {
	// TODO(05.01-chunked-writer): the last chunk and the end of the trailers.
	return nil
}
