package velocy

import "net/http"

// Router matches each request against the registered routes and calls the
// handler of the one that fits. It is an [http.Handler], so it can be passed
// to [http.ListenAndServe].
//
// This first Router keeps its routes in a map from "METHOD /path" to the
// handler, so a pattern matches one literal path. Lesson 6.6 replaces the
// map with a tree.
type Router struct {
	routes map[string]http.Handler // "GET /users" -> its handler
}

// New returns an empty Router. Until routes are added it answers every
// request with 404 Not Found.
func New() *Router {
	// TODO(06.01-map-router): make the map here: writing to a nil map panics.
	return &Router{}
}

// Handle registers h for requests with the given method whose path is
// pattern.
func (r *Router) Handle(method, pattern string, h http.Handler) {
	// TODO(06.01-map-router): store h under the key method + " " + pattern.
}

// ServeHTTP calls the handler of the route for req's method and path, or
// answers 404 Not Found.
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	// TODO(06.01-map-router): look up req.Method + " " + req.URL.Path. Call
	// the handler you find, or answer with http.NotFound(w, req).
}
