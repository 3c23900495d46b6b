package middleware

import (
	"errors"
	"io"
	"net/http"
)

// MaxBodyBytes returns middleware that limits the body of every request to
// n bytes. A request whose Content-Length says it is larger is answered
// 413 Content Too Large at once, with [WriteError] (so as a [Problem]):
// the handler is not called and nothing of the body is read (a client that sent "Expect: 100-continue" never sends
// it). Any other body is wrapped in [http.MaxBytesReader], so a chunked
// body, which announces no length, stops at n bytes too: the read that
// would pass n fails with an [*http.MaxBytesError], and the server closes
// the connection after the response, since the rest of the body is still
// on the wire.
//
// The handler must still look at the errors of its reads: [DecodeJSON],
// [DecodeForm] and [StatusOf] turn a *http.MaxBytesError into a 413, a
// handler reading by itself must do the same. MaxBodyBytes limits the
// body only; the size of the headers is the server's MaxHeaderBytes, and
// the time a slow client may take is the server's ReadTimeout.
//
// n may be 0, for routes that take no body. MaxBodyBytes panics if n is
// negative.
func MaxBodyBytes(n int64) func(http.Handler) http.Handler {
	if n < 0 {
		panic(errors.New("middleware: MaxBodyBytes: negative limit"))
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.ContentLength > n {
				// The body is still on the wire: close the connection
				// rather than read it to reach the next request.
				w.Header().Set("Connection", "close")
				WriteError(w, r, tooLarge(n, nil))
				return
			}
			if r.Body != nil && r.Body != http.NoBody {
				r.Body = maxBytesReader(w, r.Body, n)
			}
			next.ServeHTTP(w, r)
		})
	}
}

// maxBytesReader is http.MaxBytesReader(w, body, n), given the server's own
// writer from under any wrappers around w. When the limit is passed, the
// reader tells that writer to close the connection after the response
// through a method net/http does not export, which a wrapper such as
// [ResponseWriter] hides: handed the wrapper, the server would try to read
// the rest of the body to reach the next request instead.
func maxBytesReader(w http.ResponseWriter, body io.ReadCloser, n int64) io.ReadCloser {
	for {
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			break
		}
		inner := u.Unwrap()
		if inner == nil {
			break
		}
		w = inner
	}
	return http.MaxBytesReader(w, body, n)
}
