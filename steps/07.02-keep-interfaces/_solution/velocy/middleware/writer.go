package middleware

import (
	"bufio"
	"io"
	"net"
	"net/http"
)

// ResponseWriter wraps an [http.ResponseWriter] and remembers what went
// through it: the status code, whether the header has been sent, and how
// many body bytes were written, by Write, WriteString or ReadFrom alike.
// Middleware that needs to know what the handler answered (an access log,
// recovery from a panic, a session that must set its cookie in time) wraps
// the writer it passes on with [Wrap].
//
// A wrapper must not hide what the writer underneath can do. ResponseWriter
// implements [http.Flusher], [http.Hijacker] and [io.ReaderFrom], and
// Unwrap, so [http.ResponseController] reaches the original writer:
// server-sent events still flush, a websocket upgrade still hijacks the
// connection, and io.Copy from a file still uses sendfile. When the writer
// underneath cannot flush or hijack, FlushError and Hijack return an error
// wrapping [http.ErrNotSupported], as http.ResponseController does.
type ResponseWriter struct {
	w        http.ResponseWriter
	status   int   // the status sent, 0 until the header is
	written  int64 // body bytes accepted by the writer underneath
	hijacked bool
}

// Wrap returns w as a *ResponseWriter: w itself if it already is one (so
// several middlewares share one wrapper and its counts), or a new wrapper
// around it.
func Wrap(w http.ResponseWriter) *ResponseWriter {
	if rw, ok := w.(*ResponseWriter); ok {
		return rw
	}
	return &ResponseWriter{w: w}
}

// Header returns the header map of the writer underneath.
func (rw *ResponseWriter) Header() http.Header { return rw.w.Header() }

// WriteHeader sends the header with status code, once: later calls are
// ignored (net/http would log them as superfluous). An informational status
// (1xx, such as 103 Early Hints) is passed on and does not count as the
// header, because the final one is still to come.
func (rw *ResponseWriter) WriteHeader(code int) {
	if rw.status != 0 || rw.hijacked {
		return
	}
	if code >= 100 && code <= 199 && code != http.StatusSwitchingProtocols {
		rw.w.WriteHeader(code)
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

// WriteString is Write for a string, without copying it when the writer
// underneath implements [io.StringWriter] (net/http's does).
func (rw *ResponseWriter) WriteString(s string) (int, error) {
	if rw.status == 0 {
		rw.WriteHeader(http.StatusOK)
	}
	n, err := io.WriteString(rw.w, s)
	rw.written += int64(n)
	return n, err
}

// ReadFrom copies src into the response. When the writer underneath is an
// [io.ReaderFrom], as net/http's is, the copy is its own (which uses
// sendfile for a file on a plain TCP connection); the wrapper only counts.
func (rw *ResponseWriter) ReadFrom(src io.Reader) (int64, error) {
	if rw.status == 0 {
		rw.WriteHeader(http.StatusOK)
	}
	var n int64
	var err error
	if rf, ok := rw.w.(io.ReaderFrom); ok {
		n, err = rf.ReadFrom(src)
	} else {
		// writerOnly hides rw's own ReadFrom from io.Copy, which would call
		// it again and never return.
		n, err = io.Copy(writerOnly{rw.w}, src)
	}
	rw.written += n
	return n, err
}

// writerOnly is an io.Writer and nothing more.
type writerOnly struct{ io.Writer }

// Flush sends what is buffered to the client, sending the header first if
// needed. It does nothing if the writer underneath cannot flush; use
// FlushError, or http.ResponseController, to learn that.
func (rw *ResponseWriter) Flush() { _ = rw.FlushError() }

// FlushError is Flush that reports an error, wrapping
// [http.ErrNotSupported] when the writer underneath cannot flush.
// [http.ResponseController] calls it.
func (rw *ResponseWriter) FlushError() error {
	if rw.status == 0 {
		rw.WriteHeader(http.StatusOK)
	}
	return http.NewResponseController(rw.w).Flush()
}

// Hijack hands the connection to the caller, as [http.Hijacker] does, for a
// websocket upgrade for example. After it succeeds, Status reports 101
// Switching Protocols unless a status was already sent, and the wrapper
// writes nothing more. It returns an error wrapping [http.ErrNotSupported]
// when the writer underneath cannot be hijacked (an HTTP/2 stream).
func (rw *ResponseWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, brw, err := http.NewResponseController(rw.w).Hijack()
	if err == nil {
		rw.hijacked = true
	}
	return conn, brw, err
}

// Unwrap returns the writer underneath, for [http.ResponseController].
func (rw *ResponseWriter) Unwrap() http.ResponseWriter { return rw.w }

// Status returns the status code sent: 0 while no header has been sent, 101
// after a successful Hijack. When a handler returns without writing
// anything, net/http sends 200 OK; Status then still says 0, so that a
// caller can tell the two apart.
func (rw *ResponseWriter) Status() int {
	if rw.status == 0 && rw.hijacked {
		return http.StatusSwitchingProtocols
	}
	return rw.status
}

// Written returns the number of body bytes written so far, through every
// path: Write, WriteString and ReadFrom.
func (rw *ResponseWriter) Written() int64 { return rw.written }
