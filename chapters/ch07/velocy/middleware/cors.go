package middleware

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// CORSOptions configures [CORS]. Only AllowedOrigins is required.
type CORSOptions struct {
	// AllowedOrigins lists the origins whose pages may read the responses.
	// An entry is one of:
	//   - an exact origin, scheme://host[:port] with no path:
	//     "https://app.example.com", "http://localhost:5173";
	//   - a pattern for subdomains, "https://*.example.com": the star stands
	//     for one or more whole labels, so it matches https://a.example.com
	//     and https://a.b.example.com, but not https://example.com itself,
	//     nor https://example.com.evil.net or https://evilexample.com, nor
	//     another scheme or port;
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

// CORS returns middleware that answers cross-origin requests the way
// browsers expect (the Fetch standard's CORS protocol).
//
// A request from an allowed origin gets Access-Control-Allow-Origin, and
// Access-Control-Allow-Credentials and Access-Control-Expose-Headers when
// configured. A request from any other origin is served all the same, but
// without those headers, so the browser keeps the answer from the page: CORS
// only ever relaxes the browser's same-origin policy, it protects nothing on
// the server. Every answer that depends on the origin gets Vary: Origin,
// added to the Vary the response already has, so a cache keeps one copy per
// origin.
//
// A preflight (OPTIONS with Origin and Access-Control-Request-Method) is
// answered by CORS itself with 204 No Content. From an allowed origin, the
// answer lists the allowed methods (see [CORSOptions].AllowedMethods), the
// allowed request headers, and Access-Control-Max-Age. From any other
// origin, it has no CORS header at all and the handler is not called; the
// browser then refuses to send the real request. A plain OPTIONS request
// (no Access-Control-Request-Method) is not a preflight and goes to the
// handler.
//
// Put CORS around the whole router (velocy's Router.Use) so that it sees
// preflights for every path, and so that it can ask the router for the
// methods of a path.
//
// CORS panics if an entry of AllowedOrigins is not an origin or a pattern
// (a trailing slash, a path, a star elsewhere than the first label), or if
// "*" is combined with AllowCredentials: mistakes found when the middleware
// is built, not at the first request.
func CORS(opts CORSOptions) func(http.Handler) http.Handler {
	c, err := newCORS(opts)
	if err != nil {
		panic(err)
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c.serve(w, r, next)
		})
	}
}

// cors is a CORSOptions checked and prepared for fast lookups.
type cors struct {
	anyOrigin   bool
	origins     map[string]bool // exact origins, lower case
	wildcards   []corsWildcard
	credentials bool
	methods     string          // Access-Control-Allow-Methods; "" asks next
	headers     map[string]bool // allowed request headers, lower case
	anyHeader   bool
	expose      string // Access-Control-Expose-Headers
	maxAge      string // Access-Control-Max-Age
}

// corsWildcard is "https://*.example.com" split around its star: prefix
// "https://", suffix ".example.com".
type corsWildcard struct{ prefix, suffix string }

// newCORS checks opts and prepares its lists.
func newCORS(opts CORSOptions) (*cors, error) {
	c := &cors{
		origins:     make(map[string]bool),
		credentials: opts.AllowCredentials,
		methods:     strings.Join(opts.AllowedMethods, ", "),
		headers:     make(map[string]bool),
		expose:      strings.Join(opts.ExposedHeaders, ", "),
	}
	for _, o := range opts.AllowedOrigins {
		o = strings.ToLower(strings.TrimSpace(o))
		switch {
		case o == "*":
			c.anyOrigin = true
		case o == "null":
			c.origins[o] = true
		default:
			w, err := corsParsePattern(o)
			if err != nil {
				return nil, err
			}
			if w.prefix == "" {
				c.origins[o] = true
			} else {
				c.wildcards = append(c.wildcards, w)
			}
		}
	}
	if c.anyOrigin && c.credentials {
		return nil, errors.New(`middleware: CORS: AllowedOrigins "*" with AllowCredentials: ` +
			`browsers refuse credentials with "Access-Control-Allow-Origin: *"; list the origins`)
	}
	for _, h := range opts.AllowedHeaders {
		h = strings.TrimSpace(h)
		if h == "*" {
			c.anyHeader = true
			continue
		}
		c.headers[strings.ToLower(h)] = true
	}
	switch {
	case opts.MaxAge > 0:
		c.maxAge = strconv.FormatInt(int64(opts.MaxAge/time.Second), 10)
	case opts.MaxAge < 0:
		c.maxAge = "0"
	}
	return c, nil
}

// corsParsePattern checks an entry of AllowedOrigins (lower case, not "*"
// nor "null"). It returns the zero corsWildcard for an exact origin, and the
// two halves of a wildcard pattern.
func corsParsePattern(o string) (corsWildcard, error) {
	bad := func(why string) (corsWildcard, error) {
		return corsWildcard{}, errors.New("middleware: CORS: AllowedOrigins entry " +
			strconv.Quote(o) + ": " + why)
	}
	scheme, host, ok := strings.Cut(o, "://")
	if !ok || scheme == "" || host == "" {
		return bad("want scheme://host[:port], such as https://example.com")
	}
	if strings.ContainsAny(host, "/?#") {
		return bad("an origin has no path, not even a trailing slash")
	}
	if strings.Contains(host, "@") {
		return bad("an origin has no user name")
	}
	if !strings.Contains(host, "*") {
		return corsWildcard{}, nil
	}
	rest, ok := strings.CutPrefix(host, "*.")
	if !ok || strings.Contains(rest, "*") || rest == "" || rest[0] == '.' || rest[0] == ':' {
		return bad(`a star may only stand for the first labels: "https://*.example.com"`)
	}
	return corsWildcard{prefix: scheme + "://", suffix: "." + rest}, nil
}

// allowed reports whether origin is allowed. It does not look at anyOrigin.
func (c *cors) allowed(origin string) bool {
	if c.origins[origin] {
		return true
	}
	for _, w := range c.wildcards {
		if w.match(origin) {
			return true
		}
	}
	return false
}

// match reports whether origin is the wildcard's prefix, one or more DNS
// labels (lower-case letters, digits and hyphens, each non-empty, joined by
// dots), then its suffix.
func (w corsWildcard) match(origin string) bool {
	if len(origin) <= len(w.prefix)+len(w.suffix) ||
		!strings.HasPrefix(origin, w.prefix) || !strings.HasSuffix(origin, w.suffix) {
		return false
	}
	labels := origin[len(w.prefix) : len(origin)-len(w.suffix)]
	prev := byte('.') // an empty label is a dot at the start or after a dot
	for i := 0; i < len(labels); i++ {
		b := labels[i]
		switch {
		case b == '.':
			if prev == '.' {
				return false
			}
		case 'a' <= b && b <= 'z', '0' <= b && b <= '9', b == '-':
		default:
			return false
		}
		prev = b
	}
	return prev != '.'
}

// serve answers one request, calling next unless it is a preflight.
func (c *cors) serve(w http.ResponseWriter, r *http.Request, next http.Handler) {
	h := w.Header()
	if !c.anyOrigin {
		// The answer depends on Origin even when the request has none: a
		// cache must not hand this one to a page of an allowed origin.
		addVaryField(h, "Origin")
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		next.ServeHTTP(w, r)
		return
	}
	allowed := c.anyOrigin || c.allowed(origin)
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		c.preflight(w, r, next, allowed)
		return
	}
	if allowed {
		c.allowOrigin(h, origin)
		if c.expose != "" {
			h.Set("Access-Control-Expose-Headers", c.expose)
		}
	}
	next.ServeHTTP(w, r)
}

// allowOrigin sets the headers that let a page of origin read the answer.
func (c *cors) allowOrigin(h http.Header, origin string) {
	if c.anyOrigin {
		h.Set("Access-Control-Allow-Origin", "*")
		return
	}
	h.Set("Access-Control-Allow-Origin", origin)
	if c.credentials {
		h.Set("Access-Control-Allow-Credentials", "true")
	}
}

// preflight answers a preflight request with 204 No Content, and with the
// CORS headers when its origin is allowed.
func (c *cors) preflight(w http.ResponseWriter, r *http.Request, next http.Handler, allowed bool) {
	h := w.Header()
	addVaryField(h, "Access-Control-Request-Method")
	addVaryField(h, "Access-Control-Request-Headers")
	if allowed {
		c.allowOrigin(h, r.Header.Get("Origin"))
		methods := c.methods
		if methods == "" {
			methods = corsAskAllow(r, next)
		}
		if methods != "" {
			h.Set("Access-Control-Allow-Methods", methods)
		}
		if list, ok := c.allowHeaders(r.Header.Values("Access-Control-Request-Headers")); ok && list != "" {
			h.Set("Access-Control-Allow-Headers", list)
		}
		if c.maxAge != "" {
			h.Set("Access-Control-Max-Age", c.maxAge)
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

// allowHeaders returns the value of Access-Control-Allow-Headers for the
// header names a preflight asks for (comma-separated, in one or more
// lines), and false if one of them is not allowed: the browser then names it
// in its console.
func (c *cors) allowHeaders(requested []string) (string, bool) {
	if len(requested) == 0 {
		return "", true
	}
	var list []string
	for _, line := range requested {
		for name := range strings.SplitSeq(line, ",") {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			if !c.anyHeader && !c.headers[strings.ToLower(name)] {
				return "", false
			}
			list = append(list, name)
		}
	}
	return strings.Join(list, ", "), true
}

// corsAskAllow passes the preflight to next as the OPTIONS request it is,
// through a writer that keeps only the header, and returns the Allow header
// of that answer: the methods the router has for the path.
func corsAskAllow(r *http.Request, next http.Handler) string {
	p := corsProbe{header: make(http.Header)}
	next.ServeHTTP(&p, r)
	return strings.Join(p.header.Values("Allow"), ", ")
}

// corsProbe is a ResponseWriter that throws the body away: CORS only wants
// the header of the answer.
type corsProbe struct{ header http.Header }

func (p *corsProbe) Header() http.Header         { return p.header }
func (p *corsProbe) WriteHeader(int)             {}
func (p *corsProbe) Write(b []byte) (int, error) { return len(b), nil }

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
