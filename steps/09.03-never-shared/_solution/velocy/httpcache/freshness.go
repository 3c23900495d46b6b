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
// (206) or 304 answer; a response with no-store, no-cache or private; a
// response that sets a cookie or varies on everything (Vary: *); the
// answer to a request with Authorization, unless the response allows it
// with public, s-maxage or must-revalidate; and a lifetime of 0.
//
// The lifetime is s-maxage if present (it speaks to shared caches), else
// max-age, else Expires minus Date (Date defaulting to now, an Expires
// that is not a date meaning already expired).
func lifetime(req *http.Request, status int, h http.Header, now time.Time, heuristic time.Duration) (time.Duration, bool) {
	if req.Method != http.MethodGet || parseCacheControl(req.Header).noStore {
		return 0, false
	}
	if status < 200 || status == http.StatusPartialContent || status == http.StatusNotModified {
		return 0, false
	}
	cc := parseCacheControl(h)
	if cc.noStore || cc.noCache || cc.private {
		return 0, false
	}
	if len(h.Values("Set-Cookie")) > 0 {
		return 0, false // another user's session must never be served
	}
	if _, star := varyNames(h); star {
		return 0, false
	}
	if req.Header.Get("Authorization") != "" && !cc.public && cc.sMaxAge < 0 && !cc.mustRevalidate {
		return 0, false
	}
	var life time.Duration
	switch {
	case cc.sMaxAge >= 0:
		life = cc.sMaxAge
	case cc.maxAge >= 0:
		life = cc.maxAge
	case len(h.Values("Expires")) > 0:
		exp, err := http.ParseTime(h.Get("Expires"))
		if err != nil {
			return 0, false
		}
		date, err := http.ParseTime(h.Get("Date"))
		if err != nil {
			date = now
		}
		life = exp.Sub(date)
	case cacheableByDefault[status]:
		life = heuristic
	}
	if life <= 0 {
		return 0, false
	}
	return life, true
}
