package velocy

// RedirectTrailingSlash turns on (the default) or off the redirect of a path
// that matches no route to the same path with its trailing slash added or
// removed, when a route matches that one. Off, such a request gets the 404
// answer. It applies to the whole router.
func (r *Router) RedirectTrailingSlash(on bool) {
	// TODO(06.08-switches): remember the setting in the core, and make
	// dispatch skip the redirect when it is off.
}

// AutoOptions turns on (the default) or off the router's own answer to an
// OPTIONS request for a path that has routes but none for OPTIONS: 204 No
// Content with an Allow header. Off, such a request is answered like any
// other method without a route. It applies to the whole router.
func (r *Router) AutoOptions(on bool) {
	// TODO(06.08-switches): remember the setting in the core, and answer
	// OPTIONS like any other method when it is off.
}

// AutoMethodNotAllowed turns on (the default) or off the 405 Method Not
// Allowed answer, with its Allow header, for a request whose path matches
// routes of other methods. Off, such a request gets the 404 answer. It
// applies to the whole router.
func (r *Router) AutoMethodNotAllowed(on bool) {
	// TODO(06.08-switches): remember the setting in the core, and answer
	// 404 instead of 405 when it is off.
}
