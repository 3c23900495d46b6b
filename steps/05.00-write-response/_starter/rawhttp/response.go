package rawhttp

import (
	"bufio"
	"time"
)

// ResponseWriter is what a handler writes its response to.
//
// It holds the status, the header and the body until the handler returns, and
// then sends them in one go, the body framed by a Content-Length.
//
// The framing fields belong to the ResponseWriter: it sets Date, Content-Length
// and Connection itself and overwrites the handler's values.
type ResponseWriter struct {
	bw     *bufio.Writer
	req    *Request
	header Header
	status int    // 0 until WriteHeader or the first Write
	body   []byte // the body, held back until the handler returns
	now    func() time.Time
	close  bool // close the connection after this response
}

// newResponseWriter returns a ResponseWriter that writes the response to req on bw.
// It closes the connection after the response unless the server decides otherwise.
func newResponseWriter(bw *bufio.Writer, req *Request) *ResponseWriter {
	return &ResponseWriter{bw: bw, req: req, header: Header{}, now: time.Now, close: true}
}

// Header returns the header that will be sent.
func (w *ResponseWriter) Header() Header {
	return w.header
}

// WriteHeader sets the status code. Only the first call counts, and a Write
// without one means 200 OK.
func (w *ResponseWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
}

// Write adds p to the body.
func (w *ResponseWriter) Write(p []byte) (int, error) {
	w.WriteHeader(200)
	w.body = append(w.body, p...)
	return len(p), nil
}

// finish sends the response once the handler has returned.
func (w *ResponseWriter) finish() error {
	// TODO(05.00-write-response): default the status to 200, set Content-Length
	// to the length of the body, send the head with w.sendHead, then the body,
	// then flush.
	return nil
}

// sendHead writes the status line and the header, with Date and Connection set.
// If the handler's header cannot be sent, it writes a 500 response in its place
// and returns the reason: nothing of the handler's response has gone out yet.
func (w *ResponseWriter) sendHead() error {
	// TODO(05.00-write-response): set Date to httpDate(w.now()) and, when
	// w.close, "Connection: close"; write the head with writeHead. If that
	// fails with ErrInvalidHeader (it has written nothing), write a plain 500
	// response instead, and return the error.
	return nil
}

// httpDate formats t the way the Date field wants it (IMF-fixdate, always GMT):
// "Sun, 06 Nov 1994 08:49:37 GMT".
func httpDate(t time.Time) string {
	// TODO(05.00-write-response): t.UTC().Format with the reference time written
	// in this format.
	return ""
}
