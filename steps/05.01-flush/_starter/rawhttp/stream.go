package rawhttp

// Flush sends the head and everything written so far, and makes the rest of the
// body stream: each later Write goes out as it comes. Use it for a body that is
// produced slowly or is too large to hold.
//
// A streamed body has no Content-Length, so it needs another way to end. In an
// HTTP/1.1 response it is sent in the chunked coding, which ends with a
// zero-length chunk; an HTTP/1.0 client does not know chunked, so its body ends
// when the server closes the connection.
func (w *ResponseWriter) Flush() error {
	// TODO(05.01-flush): the first time (!w.headSent), drop the handler's
	// Content-Length, choose the framing (w.chunked and "Transfer-Encoding:
	// chunked" for HTTP/1.1, w.close for HTTP/1.0), send the head with
	// w.sendHead() and what w.body holds with w.writeBody. Every time, flush
	// w.bw. First add the fields headSent and chunked to ResponseWriter
	// (response.go); then make Write, finish and sendHead use them.
	return nil
}

// writeBody sends p after the head: as a chunk when chunked, as it is otherwise.
func (w *ResponseWriter) writeBody(p []byte) (int, error) {
	// TODO(05.01-flush): nothing for an empty p; chunkedWriter{w.bw} when
	// w.chunked; w.bw itself otherwise.
	return 0, nil
}
