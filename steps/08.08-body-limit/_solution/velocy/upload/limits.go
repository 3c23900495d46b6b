package upload

import (
	"errors"
	"fmt"
	"io"
	"net/http"
)

// A multipart body is written by the client, so every size in it is the
// client's choice: how many parts, how long a header, how large a file,
// how long a plain field. A limit that is checked after reading (as
// ParseMultipartForm checks its memory limit, by spilling to disk) has
// already paid for what it refuses. Each limit here is checked while the
// bytes arrive, and a limit hit stops the reading at once.

// Limits bound what one request may send. A zero field means its default
// (the Default... constants); a negative one, no limit (for a limit
// enforced elsewhere, such as by middleware.MaxBodyBytes).
type Limits struct {
	// MaxBodyBytes bounds the whole request body, headers of parts and
	// boundaries included. A Content-Length above it is refused before a
	// byte is read.
	MaxBodyBytes int64
	// MaxFileBytes bounds each file.
	MaxFileBytes int64
	// MaxFieldBytes bounds the value of each non-file field, which is held
	// in memory.
	MaxFieldBytes int64
	// MaxHeaderBytes bounds the header of each part (names, values and
	// their separators). mime/multipart reads a part's header whole before
	// returning it, within its own bound of 10 MiB and within MaxBodyBytes;
	// this check follows at once, before any of the part's body is read.
	MaxHeaderBytes int64
	// MaxParts bounds the number of parts, files and fields together.
	MaxParts int
}

// The defaults of [Limits].
const (
	DefaultMaxBodyBytes   = 32 << 20
	DefaultMaxFileBytes   = 10 << 20
	DefaultMaxFieldBytes  = 64 << 10
	DefaultMaxHeaderBytes = 8 << 10
	DefaultMaxParts       = 64
)

// withDefaults returns l with its zero fields set to the defaults.
func (l Limits) withDefaults() Limits {
	if l.MaxBodyBytes == 0 {
		l.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if l.MaxFileBytes == 0 {
		l.MaxFileBytes = DefaultMaxFileBytes
	}
	if l.MaxFieldBytes == 0 {
		l.MaxFieldBytes = DefaultMaxFieldBytes
	}
	if l.MaxHeaderBytes == 0 {
		l.MaxHeaderBytes = DefaultMaxHeaderBytes
	}
	if l.MaxParts == 0 {
		l.MaxParts = DefaultMaxParts
	}
	return l
}

// over reports whether n passes limit (a negative limit is none).
func over(n, limit int64) bool { return limit >= 0 && n > limit }

// limitBody bounds body at limit bytes with http.MaxBytesReader, given the
// server's own writer from under any wrappers around w: when the limit is
// passed, that writer learns to close the connection after the response
// instead of reading the rest of the body (velocy/middleware's
// MaxBodyBytes does the same, for the same reason).
func limitBody(w http.ResponseWriter, body io.ReadCloser, limit int64) io.ReadCloser {
	if limit < 0 {
		return body
	}
	for {
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok || u.Unwrap() == nil {
			break
		}
		w = u.Unwrap()
	}
	return http.MaxBytesReader(w, body, limit)
}

// counter counts the bytes read through it: the request's progress.
type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// A BodyError is the error Save returns for the client's mistakes. Status
// is the response status it calls for (400, 413, 415 or 499), Detail says
// what is wrong in words that are safe to show the client, and Err, when
// not nil, is the error underneath (an *http.MaxBytesError, a read error,
// the request context's error).
//
// It has the shape of velocy/middleware's BodyError and the same
// StatusCode method, so middleware.StatusOf and middleware.WriteError
// answer it with its status and its detail. The package imports nothing
// but the standard library, so it serves any router, as velocy/middleware
// does.
type BodyError struct {
	Status int
	Detail string
	Err    error
}

// Error returns e.Detail.
func (e *BodyError) Error() string { return e.Detail }

// StatusCode returns e.Status.
func (e *BodyError) StatusCode() int { return e.Status }

// Unwrap returns e.Err.
func (e *BodyError) Unwrap() error { return e.Err }

// StatusClientClosedRequest is the status of a request whose client went
// away before the answer (nginx's 499): no client reads it, but logs and
// metrics do. It equals middleware.StatusClientClosedRequest.
const StatusClientClosedRequest = 499

func clientError(status int, err error, format string, args ...any) error {
	return &BodyError{Status: status, Detail: fmt.Sprintf(format, args...), Err: err}
}

func tooLarge(format string, args ...any) error {
	return clientError(http.StatusRequestEntityTooLarge, nil, format, args...)
}

// readError turns an error reading the body into one that says what
// happened: the body limit (413), or a body that is not multipart or ends
// early (400).
func readError(err error, ctxErr error) error {
	var tooBig *http.MaxBytesError
	var be *BodyError
	switch {
	case errors.As(err, &be):
		return err
	case errors.As(err, &tooBig):
		return clientError(http.StatusRequestEntityTooLarge, err, "request body larger than %d bytes", tooBig.Limit)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return clientError(http.StatusBadRequest, err, "request body ended early")
	}
	return clientError(http.StatusBadRequest, err, "malformed multipart body: %v", err)
}
