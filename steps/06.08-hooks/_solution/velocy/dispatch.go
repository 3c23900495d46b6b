package velocy

import (
	"net/http"
	"slices"
	"strings"
)

// ServeHTTP finds the route for req and calls its handler. When no route
// fits it answers by itself:
//
//   - 404 Not Found when no route matches the path (see [Router.NotFound]);
//   - 405 Method Not Allowed with an Allow header when routes match the path
//     but none takes the method (see [Router.MethodNotAllowed]);
//   - 204 No Content with an Allow header for OPTIONS, unless a route takes
//     OPTIONS.
func (r *Router) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.core.dispatch(w, req)
}

// dispatch is ServeHTTP, on the routes.
func (c *core) dispatch(w http.ResponseWriter, req *http.Request) {
	path := req.URL.Path // decoded by net/http
	if !strings.HasPrefix(path, "/") {
		c.notFoundHandler().ServeHTTP(w, req)
		return
	}

	s := search{method: req.Method}
	if rt := c.root.find(path[1:], &s); rt != nil {
		rt.handler.ServeHTTP(w, req)
		return
	}
	if s.found {
		c.wrongMethod(w, req, path)
		return
	}
	c.notFoundHandler().ServeHTTP(w, req)
}

// wrongMethod answers a request whose path matches routes of other methods:
// with the list of methods for OPTIONS, with a 405 for the rest.
func (c *core) wrongMethod(w http.ResponseWriter, req *http.Request, path string) {
	s := search{collect: true}
	c.root.find(path[1:], &s)
	w.Header().Set("Allow", allowHeader(s.allow))
	if req.Method == http.MethodOptions {
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
	if slices.Contains(methods, http.MethodGet) {
		methods = append(methods, http.MethodHead)
	}
	methods = append(methods, http.MethodOptions)
	slices.Sort(methods)
	return strings.Join(slices.Compact(methods), ", ")
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
