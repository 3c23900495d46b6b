package rawhttp

import (
	"bufio"
	"errors"
	"strconv"
	"time"
)

// ResponseWriter is what a handler writes its response to.
//
// It holds the status, the header and the body until the handler returns, and
// then sends them in one go, the body framed by a Content-Length.
//
// The framing fields belong to the ResponseWriter: it sets Date, Content-Length
// and Connection itself and overwrites the handler's values. A handler may still
// set "Connection: close" to close the connection after the response.
//
// A handler that calls Flush makes it send the head at once instead, and stream
// the rest of the body in chunks (Transfer-Encoding is the ResponseWriter's too).
type ResponseWriter struct {
	bw     *bufio.Writer
	req    *Request
	header Header
	status int    // 0 until WriteHeader or the first Write
	body   []byte // the body, held back until the head is sent
	now    func() time.Time
	close  bool // close the connection after this response

	headSent bool // the head is on its way: the body streams
	chunked  bool // the streamed body is in the chunked coding
}

// newResponseWriter returns a ResponseWriter that writes the response to req on bw.
// It closes the connection after the response unless the server decides otherwise.
func newResponseWriter(bw *bufio.Writer, req *Request) *ResponseWriter {
	return &ResponseWriter{bw: bw, req: req, header: Header{}, now: time.Now, close: true}
}

// Header returns the header that will be sent. Changes after the head has gone
// out (after Flush) have no effect.
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

// Write adds p to the body, or sends it at once if the head is out.
func (w *ResponseWriter) Write(p []byte) (int, error) {
	w.WriteHeader(200)
	if !w.headSent {
		w.body = append(w.body, p...)
		return len(p), nil
	}
	return w.writeBody(p)
}

// finish completes the response once the handler has returned: the whole response
// if nothing was sent yet, or the end of a streamed body.
func (w *ResponseWriter) finish() error {
	if !w.headSent {
		w.WriteHeader(200)
		w.header.Del("Transfer-Encoding")
		w.header.Set("Content-Length", strconv.Itoa(len(w.body)))
		if err := w.sendHead(); err != nil {
			return err
		}
		if _, err := w.writeBody(w.body); err != nil {
			return err
		}
		w.body = nil
	} else if w.chunked {
		if err := (chunkedWriter{w.bw}).Close(); err != nil {
			return err
		}
	}
	return w.bw.Flush()
}

// sendHead writes the status line and the header, with Date and Connection set.
// If the handler's header cannot be sent, it writes a 500 response in its place
// and returns the reason: nothing of the handler's response has gone out yet.
func (w *ResponseWriter) sendHead() error {
	w.headSent = true
	h := w.header
	h.Set("Date", httpDate(w.now()))
	if hasToken(h.Values("Connection"), "close") {
		w.close = true
	}
	switch {
	case w.close:
		h.Set("Connection", "close")
	case w.req.Major == 1 && w.req.Minor == 0:
		h.Set("Connection", "keep-alive") // an HTTP/1.0 client must be told
	default:
		h.Del("Connection")
	}
	err := writeHead(w.bw, w.status, h)
	if errors.Is(err, ErrInvalidHeader) {
		// Nothing of the handler's response has gone out: answer 500 instead.
		w.close = true
		msg := "500 Internal Server Error: the handler's response header cannot be sent\n"
		h500 := Header{}
		h500.Set("Date", h.Get("Date"))
		h500.Set("Content-Type", "text/plain; charset=utf-8")
		h500.Set("Content-Length", strconv.Itoa(len(msg)))
		h500.Set("Connection", "close")
		writeHead(w.bw, 500, h500)
		w.bw.WriteString(msg)
		w.bw.Flush()
	}
	return err
}

// httpDate formats t the way the Date field wants it (IMF-fixdate, always GMT):
// "Sun, 06 Nov 1994 08:49:37 GMT".
func httpDate(t time.Time) string {
	return t.UTC().Format("Mon, 02 Jan 2006 15:04:05 GMT")
}
