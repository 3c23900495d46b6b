package velocy

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
	// TODO(06.11-group): call fn with a new Router that shares r's core and
	// has the prefix (r's own prefix, then this one) and a copy of r's
	// middleware. Then teach handle and Use about groups.
}
