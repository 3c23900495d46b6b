package velocy

import (
	"errors"
	"net/http"
	"strconv"
)

// Use adds middleware: functions that wrap a handler in another one, to run
// code before and after it or to answer instead of it. The first middleware
// added runs first (it is the outermost).
//
// On the top-level Router, middleware wraps the whole router: it runs for
// every request, before the route is looked up, so it also sees requests that
// end in a 404 or 405, and [http.Request.PathValue] is not set yet when it
// starts (it is once the next handler has returned). Use may be called before
// or after routes are added, but not while the router is serving.
//
// Inside a group (see [Router.Group]), middleware wraps each route the group
// registers, after the route has been matched, so it can read path values,
// and the router's own answers for the group's paths. There Use must come
// before the group's routes; later it panics.
//
// Use panics if a middleware is nil.
func (r *Router) Use(middleware ...func(http.Handler) http.Handler) {
	for _, mw := range middleware {
		if mw == nil {
			panic(errors.New("velocy: Use: nil middleware"))
		}
	}
	if r.group {
		if r.registered {
			panic(errors.New("velocy: Use in group " + strconv.Quote(r.prefix) + " after its routes: call Use before adding routes to the group"))
		}
		r.middleware = append(r.middleware, middleware...)
		return
	}
	c := r.core
	c.middleware = append(c.middleware, middleware...)
	c.handler = chain(c.middleware, http.HandlerFunc(c.dispatch))
}

// chain wraps h in middleware so that middleware[0] runs first. Building the
// chain once, when a route is added, means serving a request calls the
// middleware without allocating.
func chain(middleware []func(http.Handler) http.Handler, h http.Handler) http.Handler {
	for i := len(middleware) - 1; i >= 0; i-- {
		h = middleware[i](h)
		if h == nil {
			panic(errors.New("velocy: a middleware returned a nil handler"))
		}
	}
	return h
}
