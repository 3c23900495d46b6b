package velocy

import "net/http"

// HandleFunc registers h for requests with the given method whose path
// matches pattern. It is [Router.Handle] for a plain function.
func (r *Router) HandleFunc(method, pattern string, h func(http.ResponseWriter, *http.Request)) {
	// TODO(06.03-verb-helpers): call r.Handle. Convert h with http.HandlerFunc(h),
	// but only when h is not nil: a nil function must reach Handle as a nil
	// http.Handler, so that Handle reports it.
}

// Get registers h for GET requests matching pattern.
func (r *Router) Get(pattern string, h http.HandlerFunc) {
	// TODO(06.03-verb-helpers): register h for GET.
}

// Post registers h for POST requests matching pattern.
func (r *Router) Post(pattern string, h http.HandlerFunc) {
	// TODO(06.03-verb-helpers): register h for POST.
}

// Put registers h for PUT requests matching pattern.
func (r *Router) Put(pattern string, h http.HandlerFunc) {
	// TODO(06.03-verb-helpers): register h for PUT.
}

// Patch registers h for PATCH requests matching pattern.
func (r *Router) Patch(pattern string, h http.HandlerFunc) {
	// TODO(06.03-verb-helpers): register h for PATCH.
}

// Delete registers h for DELETE requests matching pattern.
func (r *Router) Delete(pattern string, h http.HandlerFunc) {
	// TODO(06.03-verb-helpers): register h for DELETE.
}

// Head registers h for HEAD requests matching pattern.
func (r *Router) Head(pattern string, h http.HandlerFunc) {
	// TODO(06.03-verb-helpers): register h for HEAD.
}

// Options registers h for OPTIONS requests matching pattern.
func (r *Router) Options(pattern string, h http.HandlerFunc) {
	// TODO(06.03-verb-helpers): register h for OPTIONS.
}

// handlerFunc turns a nil HandlerFunc into a nil Handler, so that Handle
// reports it instead of storing a handler that would panic when called.
func (r *Router) handlerFunc(method, pattern string, h http.HandlerFunc) {
	// TODO(06.03-verb-helpers): the helpers above can all call this. When h
	// is nil, call r.Handle with a nil http.Handler; otherwise with h.
}

// validMethod reports whether m can be registered: an HTTP token (RFC 9110)
// without lower-case letters. Methods are case-sensitive and every standard
// one is upper case, so "get" is far more likely a typo than a custom method.
func validMethod(m string) bool {
	// TODO(06.03-valid-method): true for an HTTP token without lower-case
	// letters, false for anything else, "" included.
	return true
}
