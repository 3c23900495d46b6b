package velocy

import "net/http"

// Group calls fn with a Router for a group of routes that share a path prefix
// and middleware. Patterns registered on the group's Router get prefix in
// front: in a group "/api", Get("/users") registers "/api/users", Get("/")
// registers "/api/", and Get("") registers "/api" itself. Middleware added
// with Use inside fn wraps only the group's routes; the group also inherits
// the middleware of the group it is nested in.
//
//	r.Group("/admin", func(admin *velocy.Router) {
//		admin.Use(requireAdmin)
//		admin.Get("/stats", stats) // GET /admin/stats, behind requireAdmin
//	})
//
// The group's routes belong to the Router Group was called on. The prefix
// may contain wildcards ("/users/{id}"), but not a catch-all. Group panics
// with a [*PatternError] if the prefix is not valid, and if fn is nil.
func (r *Router) Group(prefix string, fn func(*Router)) {
	// TODO(06.11-group): check fn and the prefix (r's own prefix, then this
	// one, without a trailing slash), then call fn with a new Router that
	// shares r's core and has that prefix. Then make handle use the prefix.
}

// checkPrefix checks the syntax of a group or mount prefix: empty, or a
// pattern without a catch-all.
func checkPrefix(prefix string) error {
	// TODO(06.11-group): parse the prefix as a pattern, and refuse one whose
	// last segment is a catch-all: nothing could come after it.
	return nil
}

// wrap wraps h in the group's middleware, if any: the handler a group's
// route keeps, built once at registration.
func (r *Router) wrap(h http.Handler) http.Handler {
	// TODO(06.11-group-middleware): wrap h in the group's middleware.
	return h
}
