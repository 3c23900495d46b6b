package velocy

import "net/http"

// Router matches each request against the registered routes and calls the
// handler of the one that fits. It is an [http.Handler], so it can be passed
// to [http.ListenAndServe].
//
// This first Router keeps its routes in a map from "METHOD /path" to the
// route, so a pattern matches one literal path. Lesson 6.6 replaces the map
// with a tree.
type Router struct {
	routes map[string]http.Handler // "GET /users" -> its handler
}

// New returns an empty Router. Until routes are added it answers every
// request with 404 Not Found.
func New() *Router {
	return &Router{routes: map[string]http.Handler{}}
}

// Handle registers h for requests with the given method whose path is
// pattern.
//
// Handle panics with a [*PatternError] if the handler is nil, or if the
// same method and pattern are already registered.
func (r *Router) Handle(method, pattern string, h http.Handler) {
	if err := r.handle(method, pattern, h); err != nil {
		panic(err)
	}
}

// handle is Handle returning the error instead of panicking.
func (r *Router) handle(method, pattern string, h http.Handler) error {
	fail := func(problem string) error {
		return &PatternError{Method: method, Pattern: pattern, Offset: -1, Problem: problem}
	}
	if h == nil {
		return fail("nil handler")
	}
	key := method + " " + pattern
	if _, ok := r.routes[key]; ok {
		return fail("already registered")
	}
	r.routes[key] = h
	return nil
}

// ServeHTTP calls the handler of the route for req's method and path, or
// answers 404 Not Found.
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if h, ok := r.routes[req.Method+" "+req.URL.Path]; ok {
		h.ServeHTTP(w, req)
		return
	}
	http.NotFound(w, req)
}
