package velocy

import (
	"net/http"
	"slices"
	"strings"
)

// ServeHTTP finds the route for req and calls its handler, after setting
// req's path values and req.Pattern. When no route fits it answers by itself:
//
//   - 404 Not Found when no route matches the path (see [Router.NotFound]);
//   - a redirect when the path only misses or has an extra trailing slash:
//     301 for GET and HEAD, 308 for other methods, which keeps the method
//     and body;
//   - 405 Method Not Allowed with an Allow header when routes match the path
//     but none takes the method (see [Router.MethodNotAllowed]);
//   - 204 No Content with an Allow header for OPTIONS, unless a route takes
//     OPTIONS;
//   - 400 Bad Request when the path holds a malformed percent-escape.
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.core.dispatch(w, req)
}

// dispatch is ServeHTTP, on the routes.
func (c *core) dispatch(w http.ResponseWriter, req *http.Request) {
	// net/http gives the path decoded in URL.Path. It also keeps the path as
	// the client sent it in URL.RawPath, but only when the two differ in more
	// than the usual escaping: when the client escaped a slash (%2F), for
	// instance. Then the segments must be cut from the escaped path, or
	// "a%2Fb" would become two segments, and each one decoded on its own.
	// That is the rare case; most requests take the fast path, URL.Path.
	path, raw := req.URL.Path, false
	if req.URL.RawPath != "" {
		if badEscape(req.URL.RawPath) >= 0 { // only a hand-built request gets here: net/http refuses these
			http.Error(w, "400 bad request: malformed percent-escape in the path", http.StatusBadRequest)
			return
		}
		// EscapedPath returns RawPath after checking that it is a valid
		// escaping of Path; if it is not, it escapes Path itself.
		path, raw = req.URL.EscapedPath(), true
	}
	if !strings.HasPrefix(path, "/") {
		c.notFoundHandler().ServeHTTP(w, req)
		return
	}

	s := search{method: req.Method, raw: raw}
	if rt := c.root.find(path[1:], &s); rt != nil {
		rt.setPathValues(req, path[1:], raw)
		req.Pattern = rt.pattern
		rt.handler.ServeHTTP(w, req)
		return
	}
	switch {
	case s.found:
		c.wrongMethod(w, req, path, raw)
	case !c.noRedirectSlash && c.redirectSlash(w, req, path, raw):
	default:
		c.notFoundHandler().ServeHTTP(w, req)
	}
}

// wrongMethod answers a request whose path matches routes of other methods:
// with the list of methods for OPTIONS, with a 405 for the rest, or with a
// 404 for those the application turned off.
func (c *core) wrongMethod(w http.ResponseWriter, req *http.Request, path string, raw bool) {
	options := req.Method == http.MethodOptions && !c.noAutoOptions
	if c.noAuto405 && !options {
		c.notFoundHandler().ServeHTTP(w, req)
		return
	}
	s := search{raw: raw, collect: true}
	c.root.find(path[1:], &s)
	allow := allowHeader(s.allow)
	if c.noAutoOptions {
		allow = methodList(s.allow) // the router does not answer OPTIONS
	}
	w.Header().Set("Allow", allow)
	if options {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if c.methodNotAllowed != nil {
		c.methodNotAllowed.ServeHTTP(w, req)
		return
	}
	http.Error(w, "405 method not allowed", http.StatusMethodNotAllowed)
}

// allowHeader builds the value of the Allow header from the methods that
// have a route for a path: sorted, with HEAD added when GET is there (GET
// routes answer HEAD) and OPTIONS always (the router answers it).
func allowHeader(methods []string) string {
	return methodList(append(methods, http.MethodOptions))
}

// methodList lists methods for an Allow header: sorted, each once, with HEAD
// added when GET is there.
func methodList(methods []string) string {
	if slices.Contains(methods, http.MethodGet) {
		methods = append(methods, http.MethodHead)
	}
	slices.Sort(methods)
	return strings.Join(slices.Compact(methods), ", ")
}

// redirectSlash redirects req and reports true when its path matches a route
// once a trailing slash is added or removed.
func (c *core) redirectSlash(w http.ResponseWriter, req *http.Request, path string, raw bool) bool {
	// Never redirect "//host/..." or "/\host/...": a browser would read the
	// Location as an address on another site.
	if len(path) < 2 || path[1] == '/' || path[1] == '\\' {
		return false
	}
	s := search{method: req.Method, raw: raw}
	if c.root.find(toggleSlash(path)[1:], &s) == nil && !s.found {
		return false
	}
	target := toggleSlash(req.URL.EscapedPath()) // escaped, as a Location must be
	if req.URL.RawQuery != "" {
		target += "?" + req.URL.RawQuery
	}
	code := http.StatusPermanentRedirect
	if req.Method == http.MethodGet || req.Method == http.MethodHead {
		code = http.StatusMovedPermanently
	}
	w.Header().Set("Location", target)
	w.WriteHeader(code)
	return true
}

// toggleSlash removes the trailing slash of p, or adds one.
func toggleSlash(p string) string {
	if trimmed, ok := strings.CutSuffix(p, "/"); ok {
		return trimmed
	}
	return p + "/"
}

func (c *core) notFoundHandler() http.Handler {
	if c.notFound != nil {
		return c.notFound
	}
	return http.HandlerFunc(http.NotFound)
}

// NotFound sets the handler for requests that no route matches. The default
// answers 404 with the text "404 page not found", as [http.NotFound] does.
// Passing nil restores the default.
func (r *Router) NotFound(h http.Handler) {
	r.core.notFound = h
}

// MethodNotAllowed sets the handler for requests whose path matches a route
// but whose method does not. The Allow header is already set when it runs.
// The default answers 405 with the text "405 method not allowed". Passing
// nil restores the default.
func (r *Router) MethodNotAllowed(h http.Handler) {
	r.core.methodNotAllowed = h
}
