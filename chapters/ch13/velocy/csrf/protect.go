package csrf

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
)

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
// be right: a trusted origin that is not scheme://host, or a Key shorter
// than 32 bytes.
func Protect(opts Options) func(http.Handler) http.Handler {
	trusted := make(map[string]bool, len(opts.TrustedOrigins))
	for _, o := range opts.TrustedOrigins {
		u, err := url.Parse(o)
		if err != nil || u.Scheme == "" || u.Host == "" || u.Path != "" || u.RawQuery != "" || u.User != nil {
			panic("csrf: trusted origin " + o + " is not scheme://host[:port]")
		}
		trusted[o] = true
	}
	var tok *tokens
	if opts.Key != nil {
		tok = newTokens(opts)
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var sent, cookie string
			if tok != nil {
				sent, cookie = tok.exchange(w, r)
				r = r.WithContext(context.WithValue(r.Context(), tokenKey{}, cookie))
			}
			if safeMethod(r.Method) {
				next.ServeHTTP(w, r)
				return
			}
			v, why := checkOrigin(r, trusted)
			switch {
			case v == crossOrigin:
				forbid(w, "cross-origin request refused: "+why)
				return
			case v == noBrowser && tok == nil && !opts.AllowMissingOrigin:
				forbid(w, "request refused: it has neither an Origin nor a Sec-Fetch-Site header")
				return
			}
			if tok != nil && !tok.matches(sent, cookie) {
				forbid(w, "request refused: missing or wrong CSRF token (reload the page and try again)")
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// safeMethod reports whether m is a method that must not change state,
// so that a forged one does no harm.
func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
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
	body, _ := json.Marshal(problem{Type: "about:blank", Title: "Forbidden", Status: http.StatusForbidden, Detail: detail})
	h := w.Header()
	h.Set("Content-Type", "application/problem+json")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(http.StatusForbidden)
	w.Write(append(body, '\n'))
}
