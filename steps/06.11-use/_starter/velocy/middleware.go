package velocy

import "net/http"

// Use adds middleware: functions that wrap a handler in another one, to run
// code before and after it or to answer instead of it. The first middleware
// added runs first (it is the outermost).
//
// Middleware wraps the whole router: it runs for every request, before the
// route is looked up, so it also sees requests that end in a 404 or 405, and
// [http.Request.PathValue] is not set yet when it starts (it is once the next
// handler has returned). Use may be called before or after routes are added,
// but not while the router is serving.
//
// Use panics if a middleware is nil.
func (r *Router) Use(middleware ...func(http.Handler) http.Handler) {
	// TODO(06.11-use): keep the middleware in the core, and build the chain
	// once, here: the last middleware wraps the router's own dispatch, the
	// one before wraps that, and so on. ServeHTTP then calls the chain.
}
