package middleware

import (
	"errors"
	"net/http"
)

// LimitHeaders returns middleware that answers 431 Request Header Fields
// Too Large to a request with more than maxCount header fields, or whose
// fields add up to more than maxBytes. A field is one line: a name repeated
// on three lines is three fields. Its size is the size it takes on an
// HTTP/1.1 connection, name + ": " + value + "\r\n", which is what
// [http.Header.Write] would write. The request line and Host (which
// net/http keeps in Request.Host, not Request.Header) are not counted.
// Zero means no limit on that measure.
//
// LimitHeaders is the second line of defence. The first is the server's
// [http.Server.MaxHeaderBytes]: it bounds what the server reads at all,
// before any handler runs, and answers 431 itself; the memory a big header
// would take is never spent. By the time LimitHeaders runs, the header has
// been read and parsed, so it cannot save that memory. What it adds is a
// tighter limit where one is wanted (a route that receives webhooks, an API
// whose clients send a known, short header) and a limit on the number of
// fields, which the server does not have.
//
// LimitHeaders panics if a limit is negative or both are zero.
func LimitHeaders(maxCount, maxBytes int) func(http.Handler) http.Handler {
	if maxCount < 0 || maxBytes < 0 {
		panic(errors.New("middleware: LimitHeaders: a limit is negative"))
	}
	if maxCount == 0 && maxBytes == 0 {
		panic(errors.New("middleware: LimitHeaders: no limit (both are 0)"))
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if headerTooLarge(r.Header, maxCount, maxBytes) {
				http.Error(w, "431 request header fields too large",
					http.StatusRequestHeaderFieldsTooLarge)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// headerTooLarge reports whether h holds more than maxCount fields or more
// than maxBytes bytes of them; a zero limit is no limit. It stops as soon
// as it knows.
func headerTooLarge(h http.Header, maxCount, maxBytes int) bool {
	count, size := 0, 0
	for name, values := range h {
		count += len(values)
		if maxCount > 0 && count > maxCount {
			return true
		}
		for _, v := range values {
			size += len(name) + len(v) + len(": \r\n")
		}
		if maxBytes > 0 && size > maxBytes {
			return true
		}
	}
	return false
}
