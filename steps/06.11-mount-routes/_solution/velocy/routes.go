package velocy

import (
	"cmp"
	"slices"
	"strings"
)

// Route describes one registered route, as [Router.Routes] lists it.
type Route struct {
	Method  string // the method; "*" for a handler mounted with Mount
	Pattern string // the whole pattern, group prefix included
}

// Routes returns every registered route, sorted by pattern and then by
// method, so that the list is the same at every run. The routes of a *Router
// mounted with [Router.Mount] are listed with the mount prefix in front;
// any other mounted handler is listed once, as method "*" and pattern
// prefix + "/*". On a group's Router, Routes lists the whole router.
func (r *Router) Routes() []Route {
	list := []Route{}
	for _, rt := range r.core.routes {
		if rt.mounted == nil {
			list = append(list, Route{Method: rt.method, Pattern: rt.pattern})
			continue
		}
		if sub, ok := rt.mounted.(*Router); ok {
			prefix := strings.TrimSuffix(rt.pattern, "/*")
			for _, s := range sub.Routes() {
				list = append(list, Route{Method: s.Method, Pattern: prefix + s.Pattern})
			}
			continue
		}
		list = append(list, Route{Method: "*", Pattern: rt.pattern})
	}
	slices.SortFunc(list, func(a, b Route) int {
		return cmp.Or(strings.Compare(a.Pattern, b.Pattern), strings.Compare(a.Method, b.Method))
	})
	return list
}
