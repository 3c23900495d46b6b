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
// with Use inside fn wraps the group's routes; the group also inherits the
// middleware of the group it is nested in.
//
//	r.Group("/admin", func(admin *velocy.Router) {
//		admin.Use(requireAdmin)
//		admin.Get("/stats", stats) // GET /admin/stats, behind requireAdmin
//	})
//
// A group with a prefix of its own also owns the paths under it: the answers
// the router gives by itself for those paths (404, 405, OPTIONS, redirects)
// go through the group's middleware too, so requireAdmin above also guards
// GET /admin/nope and OPTIONS /admin/stats. [Router.NotFound] and
// [Router.MethodNotAllowed] on the group's Router set its own handlers for
// them. A group without a prefix of its own (Group("", fn)) shares the paths
// of its parent, and its middleware wraps only its routes.
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
	r.seal() // the new group copies r's middleware now: Use on r would not reach it
	fn(&Router{
		core:       r.core,
		prefix:     full,
		middleware: slices.Clip(r.middleware), // appending in the group must not write into r's array
		group:      true,
		scope:      r.scope,
		ownScope:   full != r.prefix,
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
