package httpcache

import (
	"net/http"
	"time"
)

// cacheableByDefault holds the statuses RFC 9110 (15.1) lets a cache store
// without an explicit lifetime, given heuristic freshness.
var cacheableByDefault = map[int]bool{
	200: true, 203: true, 204: true, 300: true, 301: true, 404: true,
	405: true, 410: true, 414: true, 501: true,
}

// lifetime reports whether a shared cache may store the response to req,
// with status and header h, received at now, and for how long it is fresh
// from then on. heuristic is the lifetime given to a response with none of
// its own whose status is cacheable by default; 0 stores no such response.
//
// Refused: anything but GET; a request with no-store; an interim, partial
// (206) or 304 answer; a response with no-store, no-cache or private; and
// a lifetime of 0.
//
// The lifetime is s-maxage if present (it speaks to shared caches), else
// max-age, else Expires minus Date (Date defaulting to now, an Expires
// that is not a date meaning already expired).
func lifetime(req *http.Request, status int, h http.Header, now time.Time, heuristic time.Duration) (time.Duration, bool) {
	// TODO(09.03): refuse what a shared cache must not store, then take
	// the lifetime from s-maxage, max-age, Expires - Date, or heuristic.
	return 0, false
}
