package rawhttp

import (
	"io"
	"strconv"
)

// chunkedWriter writes a body in the chunked transfer coding: every Write becomes
// one chunk, and Close writes the last, zero-length chunk that ends the body.
type chunkedWriter struct {
	w io.Writer
}

// Write sends p as one chunk: its length in hex, CRLF, p, CRLF. An empty p sends
// nothing, because a chunk of size zero would end the body.
func (cw chunkedWriter) Write(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if _, err := io.WriteString(cw.w, strconv.FormatInt(int64(len(p)), 16)+"\r\n"); err != nil {
		return 0, err
	}
	if _, err := cw.w.Write(p); err != nil {
		return 0, err
	}
	if _, err := io.WriteString(cw.w, "\r\n"); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Close writes the last chunk and the empty trailer section: "0\r\n\r\n".
func (cw chunkedWriter) Close() error {
	_, err := io.WriteString(cw.w, "0\r\n\r\n")
	return err
}
