package velocy

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// Router matches each request against the registered routes and calls the
// handler of the best one. It is an [http.Handler], so it can be passed to
// [http.ListenAndServe] or wrapped in middleware.
//
// Register every route before the Router starts serving: registration is not
// safe to run at the same time as ServeHTTP. Serving itself is safe for
// concurrent use.
//
// The Router that [Router.Group] passes to its function shares the routes of
// the Router it came from and adds a prefix and middleware of its own.
type Router struct {
	core *core // the routes and settings, shared with groups

	// Only groups use these.
	prefix     string                            // prepended to every pattern
	middleware []func(http.Handler) http.Handler // wraps every route the group registers
	group      bool
	registered bool   // the group has registered something, so Use comes too late
	scope      *scope // the answers for the group's paths; nil: the router's own
	ownScope   bool   // the group has a prefix of its own, so its paths get a scope
}

// core is what a Router and all its groups share.
type core struct {
	root   node
	static map[string]*node // the nodes of patterns without wildcards, by path
	routes []*route         // every route in the order it was registered, for Routes

	middleware []func(http.Handler) http.Handler // from Use on the top-level Router
	handler    http.Handler                      // dispatch wrapped in middleware; nil when there is none
	answer     http.Handler                      // the router's own answers, outside any group's scope

	notFound         http.Handler // nil means the default 404
	methodNotAllowed http.Handler // nil means the default 405

	// The automatic answers that can be turned off. The zero value is on.
	noRedirectSlash bool // no redirect to the path with or without a trailing slash
	noAutoOptions   bool // no 204 with Allow for OPTIONS
	noAuto405       bool // a 404 instead of a 405 with Allow
}

// route is one registered route.
type route struct {
	method  string       // the HTTP method
	pattern string       // the whole pattern, group prefix included; the value of Request.Pattern
	params  []param      // the wildcards, with their positions in the path
	handler http.Handler // the handler, wrapped in the group's middleware
}

// String describes the route in error messages: GET "/users/{id}".
func (rt *route) String() string {
	return rt.method + " " + strconv.Quote(rt.pattern)
}

// New returns an empty Router. Until routes are added it answers every
// request with 404 Not Found.
func New() *Router {
	c := &core{}
	c.answer = http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) { c.respond(w, req, nil) })
	return &Router{core: c}
}

// Handle registers h for requests with the given method whose path matches
// pattern.
//
// Patterns use the syntax of [http.ServeMux], without the method and host:
// literal segments, {name} for exactly one non-empty segment, and {name...}
// as the last segment for the rest of the path. Handlers read the values with
// [http.Request.PathValue], and [http.Request.Pattern] holds the pattern.
// See the package documentation for the matching rules.
//
// The method must be an upper-case HTTP method such as "GET" or "PROPFIND".
//
// Handle panics with a [*PatternError] if the method, the pattern or the
// handler is not valid, or if a route with the same method already matches
// exactly the same paths.
func (r *Router) Handle(method, pattern string, h http.Handler) {
	if err := r.handle(method, pattern, h); err != nil {
		panic(err)
	}
}

// handle is Handle returning the error instead of panicking.
func (r *Router) handle(method, pattern string, h http.Handler) error {
	full, err := r.join(method, pattern)
	if err != nil {
		return err
	}
	fail := func(problem string) error {
		return &PatternError{Method: method, Pattern: full, Offset: -1, Problem: problem}
	}
	switch {
	case method == "":
		return fail("empty method")
	case !validMethod(method):
		return fail(fmt.Sprintf("bad method %q: use an upper-case HTTP method such as GET", method))
	case h == nil:
		return fail("nil handler")
	}
	segs, err := parsePattern(method, full)
	if err != nil {
		return err
	}
	r.seal()
	rt := &route{method: method, pattern: full, params: paramsOf(segs), handler: r.wrap(h)}
	if err := r.add(segs, rt); err != nil {
		return err
	}
	r.core.routes = append(r.core.routes, rt)
	return nil
}

// join prepends the group prefix to pattern. Inside a group the pattern may
// be empty, for the prefix itself.
func (r *Router) join(method, pattern string) (string, error) {
	if r.prefix != "" && pattern != "" && !strings.HasPrefix(pattern, "/") {
		return "", &PatternError{Method: method, Pattern: r.prefix + pattern, Offset: len(r.prefix), Problem: "pattern must begin with '/'"}
	}
	return r.prefix + pattern, nil
}

// add puts rt into the tree at the node for segs, unless a route there
// already takes the same method.
func (r *Router) add(segs []segment, rt *route) error {
	leaf := r.core.root.insert(segs)
	if err := conflict(leaf, rt); err != nil {
		return err
	}
	leaf.routes = append(leaf.routes, rt)
	r.core.addStatic(segs, leaf)
	return nil
}

// conflict reports whether a route at leaf already takes rt's method.
func conflict(leaf *node, rt *route) error {
	for _, old := range leaf.routes {
		if old.method == rt.method {
			problem := "conflicts with " + old.String()
			if old.pattern == rt.pattern {
				problem = "already registered"
			}
			return &PatternError{Method: rt.method, Pattern: rt.pattern, Offset: -1, Problem: problem}
		}
	}
	return nil
}
