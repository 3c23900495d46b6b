package velocy

import (
	"net/http"
	"strings"
)

// HandleFunc registers h for requests with the given method whose path
// matches pattern. It is [Router.Handle] for a plain function.
func (r *Router) HandleFunc(method, pattern string, h func(http.ResponseWriter, *http.Request)) {
	if h == nil {
		r.Handle(method, pattern, nil) // reports the nil handler
		return
	}
	r.Handle(method, pattern, http.HandlerFunc(h))
}

// Get registers h for GET requests matching pattern. GET routes also answer
// HEAD requests, unless a HEAD route is registered for the same pattern.
func (r *Router) Get(pattern string, h http.HandlerFunc) { r.handlerFunc(http.MethodGet, pattern, h) }

// Post registers h for POST requests matching pattern.
func (r *Router) Post(pattern string, h http.HandlerFunc) { r.handlerFunc(http.MethodPost, pattern, h) }

// Put registers h for PUT requests matching pattern.
func (r *Router) Put(pattern string, h http.HandlerFunc) { r.handlerFunc(http.MethodPut, pattern, h) }

// Patch registers h for PATCH requests matching pattern.
func (r *Router) Patch(pattern string, h http.HandlerFunc) {
	r.handlerFunc(http.MethodPatch, pattern, h)
}

// Delete registers h for DELETE requests matching pattern.
func (r *Router) Delete(pattern string, h http.HandlerFunc) {
	r.handlerFunc(http.MethodDelete, pattern, h)
}

// Head registers h for HEAD requests matching pattern, in place of the GET
// route that would otherwise answer them.
func (r *Router) Head(pattern string, h http.HandlerFunc) { r.handlerFunc(http.MethodHead, pattern, h) }

// Options registers h for OPTIONS requests matching pattern, in place of the
// automatic answer that lists the allowed methods.
func (r *Router) Options(pattern string, h http.HandlerFunc) {
	r.handlerFunc(http.MethodOptions, pattern, h)
}

// handlerFunc turns a nil HandlerFunc into a nil Handler, so that Handle
// reports it instead of storing a handler that would panic when called.
func (r *Router) handlerFunc(method, pattern string, h http.HandlerFunc) {
	if h == nil {
		r.Handle(method, pattern, nil)
		return
	}
	r.Handle(method, pattern, h)
}

// validMethod reports whether m can be registered: an HTTP token (RFC 9110)
// without lower-case letters. Methods are case-sensitive and every standard
// one is upper case, so "get" is far more likely a typo than a custom method.
func validMethod(m string) bool {
	if m == "" {
		return false
	}
	for i := 0; i < len(m); i++ {
		c := m[i]
		if 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0 {
			continue
		}
		return false
	}
	return true
}
