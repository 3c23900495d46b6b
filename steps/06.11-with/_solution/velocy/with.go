package velocy

import (
	"errors"
	"net/http"
	"slices"
)

// With returns a Router that registers routes like r, with middleware
// wrapped around each of them, after r's own: middleware for one route or a
// few, where a group would be too much.
//
//	r.With(rateLimit).Post("/login", login)
//
// The Router With returns is a group without a prefix of its own (see
// [Router.Group]). With panics if a middleware is nil.
func (r *Router) With(middleware ...func(http.Handler) http.Handler) *Router {
	for _, mw := range middleware {
		if mw == nil {
			panic(errors.New("velocy: With: nil middleware"))
		}
	}
	if r.group {
		r.registered = true // like Group: Use on r afterwards would not reach these routes
	}
	return &Router{
		core:       r.core,
		prefix:     r.prefix,
		middleware: append(slices.Clip(r.middleware), middleware...),
		group:      true,
	}
}
