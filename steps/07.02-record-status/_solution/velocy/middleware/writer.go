package middleware

import (
	"net/http"
)

// ResponseWriter wraps an [http.ResponseWriter] and remembers what went
// through it: the status code, and how many body bytes were written.
type ResponseWriter struct {
	w       http.ResponseWriter
	status  int   // the status sent, 0 until the header is
	written int64 // body bytes accepted by the writer underneath
}

// Wrap returns w as a *ResponseWriter: w itself if it already is one, or a
// new wrapper around it.
func Wrap(w http.ResponseWriter) *ResponseWriter {
	if rw, ok := w.(*ResponseWriter); ok {
		return rw
	}
	return &ResponseWriter{w: w}
}

// Header returns the header map of the writer underneath.
func (rw *ResponseWriter) Header() http.Header { return rw.w.Header() }

// WriteHeader sends the header with status code, once: later calls are
// ignored (net/http would log them as superfluous).
func (rw *ResponseWriter) WriteHeader(code int) {
	if rw.status != 0 {
		return
	}
	rw.status = code
	rw.w.WriteHeader(code)
}

// Write writes body bytes, sending the header with 200 OK first if no
// header was sent yet, as net/http does.
func (rw *ResponseWriter) Write(p []byte) (int, error) {
	if rw.status == 0 {
		rw.WriteHeader(http.StatusOK)
	}
	n, err := rw.w.Write(p)
	rw.written += int64(n)
	return n, err
}

// Unwrap returns the writer underneath, for [http.ResponseController].
func (rw *ResponseWriter) Unwrap() http.ResponseWriter { return rw.w }

// Status returns the status code sent: 0 while no header has been sent.
func (rw *ResponseWriter) Status() int { return rw.status }

// Written returns the number of body bytes written so far.
func (rw *ResponseWriter) Written() int64 { return rw.written }
