package velocy

import "net/http"

// Mount sends every request whose path is prefix, or starts with prefix
// followed by a slash, to h, whatever its method, with the prefix cut off the
// path: after Mount("/api", h), h sees GET /api/users as GET /users, and
// both /api and /api/ as /. The usual h is another Router, and since it is
// asked at every request, routes added to it after Mount are served too.
//
// Routes registered directly on r still win over the mount for the paths
// they match, by the usual precedence: a static segment beats the mount's
// catch-all. The prefix may contain wildcards, whose values h can read with
// [http.Request.PathValue]. [Router.Routes] lists the routes of a mounted
// *Router under the prefix.
//
// Mount panics with a [*PatternError] if the prefix is not valid, if h is
// nil, or if a route already takes any path the mount covers.
func (r *Router) Mount(prefix string, h http.Handler) {
	if err := r.mount(prefix, h); err != nil {
		panic(err)
	}
}

// mount is Mount returning the error instead of panicking.
func (r *Router) mount(prefix string, h http.Handler) error {
	// TODO(06.11-mount): put a route with method "" (every method) in the
	// tree twice: at the prefix's node, and at a catch-all below it. Its
	// handler cuts the prefix's segments off a copy of the request and
	// calls h.
	return nil
}
