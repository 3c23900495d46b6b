package middleware

import (
	"net/http"
	"strings"
	"time"
)

// CORSOptions configures [CORS]. Only AllowedOrigins is required.
type CORSOptions struct {
	// AllowedOrigins lists the origins whose pages may read the responses.
	// An entry is one of:
	//   - an exact origin, scheme://host[:port] with no path:
	//     "https://app.example.com", "http://localhost:5173";
	//   - "*", any origin, answered with Access-Control-Allow-Origin: *,
	//     which browsers accept only for requests without credentials: CORS
	//     panics if it is combined with AllowCredentials.
	// Origins are compared as browsers send them, in lower case; entries are
	// lower-cased when CORS is built. "null" (the origin of sandboxed frames
	// and local files) matches only if listed, and listing it allows every
	// sandboxed page on the web: avoid it.
	AllowedOrigins []string

	// AllowCredentials lets pages send cookies and HTTP authentication with
	// their requests and read the answers (Access-Control-Allow-Credentials:
	// true). The header is only ever sent together with the request's own
	// origin echoed in Access-Control-Allow-Origin.
	AllowCredentials bool

	// AllowedMethods, when set, is the list of methods a preflight answer
	// allows. When nil, CORS asks the handler it wraps: it passes the
	// preflight on as a plain OPTIONS request, with a writer that keeps
	// nothing but the header, and copies that answer's Allow header. velocy's
	// router answers OPTIONS with Allow, and http.ServeMux answers it with a
	// 405 that carries Allow, so the methods are configured once, on the
	// routes. A handler registered for every method (a ServeMux pattern
	// without a method) runs for that OPTIONS request and should ignore it.
	AllowedMethods []string

	// AllowedHeaders lists the request headers a page may send beyond the
	// ones browsers always allow (Accept, Accept-Language, Content-Language,
	// and Content-Type with a form or text value). Names compare without
	// regard to case. A JSON API needs "Content-Type" here, because
	// application/json is not one of the always-allowed values. The single
	// entry "*" allows any header by echoing the preflight's list back.
	AllowedHeaders []string

	// ExposedHeaders lists the response headers, beyond the basic ones
	// (Cache-Control, Content-Language, Content-Length, Content-Type,
	// Expires, Last-Modified, Pragma), that a page may read.
	ExposedHeaders []string

	// MaxAge is how long a browser may reuse a preflight answer, sent in
	// whole seconds as Access-Control-Max-Age. Zero sends nothing (browsers
	// then cache it for 5 seconds); a negative value sends 0, no caching.
	// Browsers cap it: Chromium at 2 hours, Firefox at 24.
	MaxAge time.Duration
}

// CORS returns middleware that lets the pages of the allowed origins read
// the answers to their cross-origin requests. A request from any other
// origin is served all the same, without CORS headers.
//
// CORS panics if an entry of AllowedOrigins is not an origin (a trailing
// slash, a path), or if "*" is combined with AllowCredentials.
func CORS(opts CORSOptions) func(http.Handler) http.Handler {
	// TODO(07.10-cors-simple): check opts once, here (panic on "*" with
	// AllowCredentials, and on an entry that is not scheme://host[:port]);
	// then, for each request with an Origin header that is allowed, set
	// Access-Control-Allow-Origin (the origin itself, or "*"), and
	// Access-Control-Allow-Credentials and Access-Control-Expose-Headers
	// when configured. Add Vary: Origin with addVaryField unless the
	// answer is the same for every origin.
	return func(next http.Handler) http.Handler { return next }
}

// addVaryField adds field to the Vary header of h unless it is already
// listed there (in any case, in any of its lines) or Vary is "*". It adds a
// line, never replacing the fields other middleware or the handler listed.
func addVaryField(h http.Header, field string) {
	if !headerHasToken(h, "Vary", field) && !headerHasToken(h, "Vary", "*") {
		h.Add("Vary", field)
	}
}

// headerHasToken reports whether one of the comma-separated elements of the
// field name in h, in any of its lines, is token (compared without regard
// to case; parameters such as "max-age=60" are elements of their own).
func headerHasToken(h http.Header, name, token string) bool {
	for _, line := range h.Values(name) {
		for elem := range strings.SplitSeq(line, ",") {
			if strings.EqualFold(strings.TrimSpace(elem), token) {
				return true
			}
		}
	}
	return false
}
