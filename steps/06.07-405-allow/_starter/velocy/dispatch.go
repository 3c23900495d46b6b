package velocy

import "net/http"

// This file holds what the router answers by itself, when no route takes a
// request.
//
// TODO(06.07-405-allow): when routes match the path but none takes the
// method, answer 405 with an Allow header that lists the methods that would
// do. Move ServeHTTP here from router.go while you are at it: router.go is
// about registering routes, this file about answering requests.

// allowHeader builds the value of the Allow header from the methods that
// have a route for a path: sorted, with HEAD added when GET is there (GET
// routes answer HEAD) and OPTIONS always (the router answers it).
func allowHeader(methods []string) string {
	// TODO(06.07-405-allow): add HEAD when GET is there and OPTIONS always,
	// sort, drop duplicates, and join with ", ".
	return ""
}

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
