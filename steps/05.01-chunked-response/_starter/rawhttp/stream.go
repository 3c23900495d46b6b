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
	// TODO(05.01-chunked-response): the first time, decide the framing (chunked
	// for HTTP/1.1, close-delimited for HTTP/1.0), send the head and what the
	// body holds so far; every time, flush w.bw. Then make Write stream once
	// the head is sent, and finish end the chunks (response.go).
	return nil
}
