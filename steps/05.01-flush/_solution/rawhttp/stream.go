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
	return w.bw.Flush()
}

// writeBody sends p after the head: as a chunk when chunked, as it is otherwise.
func (w *ResponseWriter) writeBody(p []byte) (int, error) {
	if len(p) == 0 {
		return len(p), nil
	}
	if w.chunked {
		return chunkedWriter{w.bw}.Write(p)
	}
	return w.bw.Write(p)
}
