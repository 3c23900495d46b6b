package velocy

import (
	"fmt"
	"net/http"
	"strconv"
)

// Router matches each request against the registered routes and calls the
// handler of the one that fits. It is an [http.Handler], so it can be passed
// to [http.ListenAndServe].
//
// This first Router keeps its routes in a map from "METHOD /path" to the
// route, so a pattern matches one literal path. Lesson 6.6 replaces the map
// with a tree.
type Router struct {
	routes map[string]*route // "GET /users" -> its route
}

// route is one registered route.
type route struct {
	method  string
	pattern string
	handler http.Handler
}

// String describes the route in error messages: GET "/users".
func (rt *route) String() string {
	return rt.method + " " + strconv.Quote(rt.pattern)
}

// New returns an empty Router. Until routes are added it answers every
// request with 404 Not Found.
func New() *Router {
	return &Router{routes: map[string]*route{}}
}

// Handle registers h for requests with the given method whose path is
// pattern. The method must be an upper-case HTTP method such as "GET" or
// "PROPFIND".
//
// Handle panics with a [*PatternError] if the method, the pattern or the
// handler is not valid, or if the same method and pattern are already
// registered.
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
	switch {
	case method == "":
		return fail("empty method")
	case !validMethod(method):
		return fail(fmt.Sprintf("bad method %q: use an upper-case HTTP method such as GET", method))
	case h == nil:
		return fail("nil handler")
	}
	key := method + " " + pattern
	if _, ok := r.routes[key]; ok {
		return fail("already registered")
	}
	r.routes[key] = &route{method: method, pattern: pattern, handler: h}
	return nil
}

// ServeHTTP calls the handler of the route for req's method and path, or
// answers 404 Not Found.
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if rt, ok := r.routes[req.Method+" "+req.URL.Path]; ok {
		rt.handler.ServeHTTP(w, req)
		return
	}
	http.NotFound(w, req)
}
