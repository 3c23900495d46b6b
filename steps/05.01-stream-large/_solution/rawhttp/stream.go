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
	if w.err != nil {
		return w.err
	}
	if !w.headSent {
		w.WriteHeader(200)
		w.header.Del("Content-Length")
		w.header.Del("Transfer-Encoding")
		if w.req.Major == 1 && w.req.Minor == 0 {
			w.close = true
		} else {
			w.chunked = true
			w.header.Set("Transfer-Encoding", "chunked")
		}
		if err := w.sendHead(); err != nil {
			return err
		}
		body := w.body
		w.body = nil
		if _, err := w.writeBody(body); err != nil {
			return err
		}
	}
	if err := w.bw.Flush(); err != nil {
		w.err = err
	}
	return w.err
}

// writeBody sends p after the head: as a chunk when chunked, as it is otherwise.
func (w *ResponseWriter) writeBody(p []byte) (int, error) {
	if len(p) == 0 {
		return len(p), nil
	}
	var err error
	if w.chunked {
		_, err = chunkedWriter{w.bw}.Write(p)
	} else {
		_, err = w.bw.Write(p)
	}
	if err != nil {
		w.err = err
		return 0, err
	}
	return len(p), nil
}
