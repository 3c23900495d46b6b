package csrf

import "net/http"

// Options configures [Protect]. The zero value checks origins only and
// refuses unsafe requests that carry no Origin or Sec-Fetch-Site header.
type Options struct {
	// TrustedOrigins are origins besides the request's own that may send
	// unsafe requests, each written as a browser writes Origin:
	// "https://app.example.com" or "http://localhost:5173", with no path.
	// A reverse proxy that rewrites Host needs the public origin here.
	TrustedOrigins []string
	// AllowMissingOrigin lets through unsafe requests with neither
	// Sec-Fetch-Site nor Origin: a client that is not a browser (curl, a
	// script, another service), or a browser too old to send either. Set
	// it for an API whose clients are programs, when every browser you
	// support sends Origin on a POST (all current ones do). With Key set,
	// a valid token lets such a request through anyway.
	AllowMissingOrigin bool
	// Key, when set, turns tokens on: every unsafe request must also
	// carry a token signed with Key. At least 32 random bytes.
	Key []byte
	// SessionID, when set with Key, binds each token to the caller's
	// session (put the session middleware outside Protect), so that a
	// token taken from one session is refused in another.
	SessionID func(*http.Request) string
	// CookieName is the token's cookie. Default "__Host-csrf": the
	// browser accepts a __Host- cookie only from this host over HTTPS,
	// so a sibling subdomain cannot plant one.
	CookieName string
	// Insecure drops the cookie's Secure attribute, and the default name
	// becomes "csrf": for a development server on plain HTTP under a name
	// other than localhost.
	Insecure bool
}

// Protect returns middleware that refuses cross-site request forgery as
// the package documentation describes. It panics on options that cannot
// be right: a trusted origin that is not scheme://host.
func Protect(opts Options) func(http.Handler) http.Handler {
	// TODO(13.05): check opts.TrustedOrigins once, here (each must parse
	// with a scheme and a host and nothing else; panic otherwise) into a
	// set. The middleware: safe methods go straight to next; otherwise
	// checkOrigin, and forbid a crossOrigin request, and a noBrowser one
	// unless opts.AllowMissingOrigin.
	return func(next http.Handler) http.Handler { return next }
}

// safeMethod reports whether m is a method that must not change state,
// so that a forged one does no harm.
func safeMethod(m string) bool {
	// TODO(13.05): GET, HEAD and OPTIONS.
	return false
}

// problem is the 403's body, in the member order of RFC 9457.
type problem struct {
	Type   string `json:"type"`
	Title  string `json:"title"`
	Status int    `json:"status"`
	Detail string `json:"detail"`
}

// forbid answers 403 Forbidden with a problem-details body saying why.
func forbid(w http.ResponseWriter, detail string) {
	// TODO(13.05): the problem as JSON (Type "about:blank", Title
	// "Forbidden", Status 403, Detail detail) and a newline, with
	// Content-Type application/problem+json and X-Content-Type-Options
	// nosniff, status 403.
}
