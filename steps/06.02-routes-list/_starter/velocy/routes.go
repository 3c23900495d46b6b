package velocy

// Route describes one registered route, as [Router.Routes] lists it.
type Route struct {
	Method  string // the method
	Pattern string // the pattern
}

// Routes returns every registered route, sorted by pattern and then by
// method, so that the list is the same at every run.
func (r *Router) Routes() []Route {
	// TODO(06.02-routes-list): one Route per registered route, sorted. To
	// know each route's method and pattern, the map can hold a small route
	// struct instead of the bare handler.
	return nil
}
