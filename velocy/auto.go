package velocy

// The router answers some requests by itself (lessons 6.7 and 6.8): a 405
// with an Allow header, a 204 for OPTIONS, a redirect for a trailing slash.
// They are right for most applications, and each can be turned off. The core
// keeps each setting as a "no..." field, so that its zero value, the one New
// gives, means on.

// RedirectTrailingSlash turns on (the default) or off the redirect of a path
// that matches no route to the same path with its trailing slash added or
// removed, when a route matches that one. Off, such a request gets the 404
// answer. It applies to the whole router.
func (r *Router) RedirectTrailingSlash(on bool) { r.core.noRedirectSlash = !on }

// AutoOptions turns on (the default) or off the router's own answer to an
// OPTIONS request for a path that has routes but none for OPTIONS: 204 No
// Content with an Allow header. Off, such a request is answered like any
// other method without a route: 405, or 404 (see
// [Router.AutoMethodNotAllowed]). A CORS middleware that answers preflight
// requests itself does not need it. It applies to the whole router.
func (r *Router) AutoOptions(on bool) { r.core.noAutoOptions = !on }

// AutoMethodNotAllowed turns on (the default) or off the 405 Method Not
// Allowed answer, with its Allow header, for a request whose path matches
// routes of other methods. Off, such a request gets the 404 answer, and the
// methods a path takes stay private. It applies to the whole router.
func (r *Router) AutoMethodNotAllowed(on bool) { r.core.noAuto405 = !on }
