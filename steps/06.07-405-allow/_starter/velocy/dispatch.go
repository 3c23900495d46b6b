package velocy

import "net/http"

// This file holds what the router answers by itself, when no route takes a
// request.
//
// TODO(06.07-405-allow): when routes match the path but none takes the
// method, answer 405 with an Allow header that lists the methods that would
// do. Move ServeHTTP here from router.go while you are at it: router.go is
// about registering routes, this file about answering requests.

// NotFound sets the handler for requests that no route matches. The default
// answers 404 with the text "404 page not found", as [http.NotFound] does.
// Passing nil restores the default.
func (r *Router) NotFound(h http.Handler) {
	// TODO(06.08-hooks): keep h in the core, and answer with it instead of
	// the default 404.
}

// MethodNotAllowed sets the handler for requests whose path matches a route
// but whose method does not. The Allow header is already set when it runs.
// The default answers 405 with the text "405 method not allowed". Passing
// nil restores the default.
func (r *Router) MethodNotAllowed(h http.Handler) {
	// TODO(06.08-hooks): keep h in the core, and answer with it instead of
	// the default 405.
}
