package velocy

import (
	"cmp"
	"slices"
	"strings"
)

// Route describes one registered route, as [Router.Routes] lists it.
type Route struct {
	Method  string // the method
	Pattern string // the whole pattern, group prefix included
}

// Routes returns every registered route, sorted by pattern and then by
// method, so that the list is the same at every run. On a group's Router,
// Routes lists the whole router.
func (r *Router) Routes() []Route {
	list := []Route{}
	for _, rt := range r.core.routes {
		list = append(list, Route{Method: rt.method, Pattern: rt.pattern})
	}
	slices.SortFunc(list, func(a, b Route) int {
		return cmp.Or(strings.Compare(a.Pattern, b.Pattern), strings.Compare(a.Method, b.Method))
	})
	return list
}
