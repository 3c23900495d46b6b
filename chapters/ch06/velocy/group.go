package velocy

import (
	"errors"
	"net/http"
	"slices"
	"strings"
)

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
	if fn == nil {
		panic(errors.New("velocy: Group: nil function"))
	}
	full := r.prefix + strings.TrimSuffix(prefix, "/")
	if err := checkPrefix(full); err != nil {
		panic(err)
	}
	if r.group {
		r.registered = true // the new group copies r's middleware now: Use on r would not reach it
	}
	fn(&Router{
		core:       r.core,
		prefix:     full,
		middleware: slices.Clip(r.middleware), // appending in the group must not write into r's array
		group:      true,
	})
}

// checkPrefix checks the syntax of a group or mount prefix: empty, or a
// pattern without a catch-all.
func checkPrefix(prefix string) error {
	if prefix == "" {
		return nil
	}
	segs, err := parsePattern("", prefix)
	if err != nil {
		return err
	}
	if last := segs[len(segs)-1]; last.kind == segCatchAll {
		return &PatternError{Pattern: prefix, Offset: strings.LastIndexByte(prefix, '/') + 1, Problem: "a prefix cannot end in a catch-all"}
	}
	return nil
}

// wrap wraps h in the group's middleware, if any: the handler a group's
// route keeps, built once at registration.
func (r *Router) wrap(h http.Handler) http.Handler {
	return chain(r.middleware, h)
}
