package velocy

import (
	"net/http"
	"strings"
)

// A scope is what a group with a prefix of its own gives the paths under the
// prefix: the answers the router gives by itself for them (404, 405, OPTIONS,
// redirects) go through the group's middleware, with the group's own 404 and
// 405 handlers if it has any. It hangs on the tree node of the prefix;
// dispatch looks for the deepest one on the request's path.
type scope struct {
	parent           *scope       // the scope of the enclosing group; nil at the top
	answer           http.Handler // core.respond for this scope, wrapped in the group's middleware
	notFound         http.Handler // nil: the parent's
	methodNotAllowed http.Handler // nil: the parent's
}

// seal records that the group r has registered something (a route, a mount,
// a nested group, a handler), so that its middleware is final, and gives a
// group with a prefix of its own its scope. It does nothing on a top-level
// Router, or the second time.
func (r *Router) seal() {
	if !r.group || r.registered {
		return
	}
	r.registered = true
	if !r.ownScope {
		return
	}
	segs, _ := parsePattern("", r.prefix) // Group checked it
	n := r.core.root.insert(segs)
	if n.scope == nil { // a second group with the same prefix shares the first one's
		sc := &scope{parent: r.scope}
		c := r.core
		sc.answer = chain(r.middleware, http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
			c.respond(w, req, sc)
		}))
		n.scope = sc
	}
	r.scope = n.scope
}

// scopeFor returns the scope of the deepest group prefix that path, a
// request path (escaped when raw is true), is under, or nil. It follows the
// static and param children the way find does, without routes.
func (n *node) scopeFor(path string, raw bool) *scope {
	if !strings.HasPrefix(path, "/") {
		return nil
	}
	sc, _ := n.deepestScope(path[1:], raw, 0)
	return sc
}

// deepestScope returns the deepest scope at or below n along path, with its
// depth; depth is n's. On a tie the static branch wins, as in find.
func (n *node) deepestScope(path string, raw bool, depth int) (*scope, int) {
	best, bestDepth := n.scope, depth
	if best == nil {
		bestDepth = -1
	}
	seg, rest, more := path, "", false
	if i := strings.IndexByte(path, '/'); i >= 0 {
		seg, rest, more = path[:i], path[i+1:], true
	}
	try := func(c *node) {
		sc, d := c.scope, depth+1
		if more {
			sc, d = c.deepestScope(rest, raw, depth+1)
		}
		if sc != nil && d > bestDepth {
			best, bestDepth = sc, d
		}
	}
	if c := n.child(seg, raw); c != nil {
		try(c)
	}
	if n.param != nil && seg != "" && safeSegment(seg, raw) {
		try(n.param)
	}
	return best, bestDepth
}
