package velocy

import (
	"context"
	"net/http"
	"strings"
)

// Mount sends every request whose path is prefix, or starts with prefix
// followed by a slash, to h, whatever its method, with the prefix cut off the
// path: after Mount("/api", h), h sees GET /api/users as GET /users, and
// both /api and /api/ as /. The usual h is another Router, and since it is
// asked at every request, routes added to it after Mount are served too.
//
// Routes registered directly on r still win over the mount for the paths
// they match, by the usual precedence: a static segment beats the mount's
// catch-all. The prefix may contain wildcards, whose values h can read with
// [http.Request.PathValue]. [Router.Routes] lists the routes of a mounted
// *Router under the prefix.
//
// h gets a copy of the request (see [http.Request.Clone]), so each level
// keeps its own path values: a mounted router that sets "id" does not change
// the "id" that r's middleware reads. Once h has returned, r's request.Pattern
// holds the whole pattern across the mount when h set one (a mounted Router
// does): "/users/{id}/items/{id}" for Mount("/users/{id}", sub) and
// sub.Get("/items/{id}", ...), which is what middleware that logs or counts
// requests by route wants. A mounted Router's redirects put the prefix back
// in front of the Location.
//
// Mount panics with a [*PatternError] if the prefix is not valid, if h is
// nil, if h is r (or one of its groups, or a router that mounts r), which
// would send every request round in a circle, or if a route already takes
// any path the mount covers.
func (r *Router) Mount(prefix string, h http.Handler) {
	if err := r.mount(prefix, h); err != nil {
		panic(err)
	}
}

// mount is Mount returning the error instead of panicking.
func (r *Router) mount(prefix string, h http.Handler) error {
	full := r.prefix + strings.TrimSuffix(prefix, "/")
	if err := checkPrefix(full); err != nil {
		return err
	}
	if h == nil {
		return &PatternError{Pattern: full, Offset: -1, Problem: "nil handler"}
	}
	if reaches(h, r.core) {
		return &PatternError{Pattern: full, Offset: -1, Problem: "the mounted router leads back to this one"}
	}
	var segs []segment
	if full != "" {
		segs, _ = parsePattern("", full) // checkPrefix accepted it
	}
	r.seal()
	m := &route{
		pattern: full + "/*",
		params:  paramsOf(segs),
		handler: r.wrap(&mounted{h: h, depth: len(segs), pattern: full}),
		mounted: h,
	}
	// Two entries in the tree: a catch-all below the prefix, and the prefix
	// itself. (A mount at the root needs only the catch-all, which also
	// matches "/".) Check both for conflicts before adding either.
	leaves := []*node{r.core.root.insert(append(segs[:len(segs):len(segs)], segment{kind: segCatchAll}))}
	if full != "" {
		leaves = append(leaves, r.core.root.insert(segs))
	}
	for _, leaf := range leaves {
		if err := conflict(leaf, m); err != nil {
			return err
		}
	}
	for _, leaf := range leaves {
		leaf.routes = append(leaf.routes, m)
	}
	r.core.routes = append(r.core.routes, m)
	if full != "" {
		r.core.addStatic(segs, leaves[1])
	}
	return nil
}

// reaches reports whether h is a Router sharing the core c, or mounts one
// that does, however deep: serving such a mount would never end.
func reaches(h http.Handler, c *core) bool {
	sub, ok := h.(*Router)
	if !ok {
		return false
	}
	if sub.core == c {
		return true
	}
	for _, rt := range sub.core.routes {
		if rt.mounted != nil && reaches(rt.mounted, c) {
			return true
		}
	}
	return false
}

// mounted is the handler Mount puts in the tree: it cuts the prefix's
// segments off the path and calls h.
type mounted struct {
	h       http.Handler
	depth   int    // how many segments the prefix has
	pattern string // the prefix as registered, "/users/{id}": the start of the whole pattern
}

// mountKey is the context key under which a mount leaves the escaped path it
// cut off, with what the mounts above it cut off in front (a string).
type mountKey struct{}

// mountPrefix returns the escaped path that the mounts above req's router cut
// off, "" when the router is not mounted.
func mountPrefix(req *http.Request) string {
	p, _ := req.Context().Value(mountKey{}).(string)
	return p
}

func (m *mounted) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	// The escaped path has the same segments as URL.Path, unless the client
	// escaped a slash: then only it has the segments dispatch matched.
	escaped := req.URL.EscapedPath()
	rest := stripSegments(escaped, m.depth)
	cut := strings.TrimSuffix(escaped, rest) // "/api" of "/api/x"; all of "/api" when rest is the "/" that stands for nothing
	ctx := context.WithValue(req.Context(), mountKey{}, mountPrefix(req)+cut)

	// Change a deep copy: the caller's request must keep its own URL, as
	// http.StripPrefix does it, and its own path values, which Clone copies
	// for the mounted handler to read and to add to.
	sub := req.Clone(ctx)
	if req.URL.RawPath != "" {
		sub.URL.RawPath = rest
		sub.URL.Path, _ = unescape(rest, false) // dispatch checked the escapes
	} else {
		sub.URL.Path = stripSegments(req.URL.Path, m.depth)
	}
	m.h.ServeHTTP(w, sub)
	if p := sub.Pattern; p != req.Pattern && strings.HasPrefix(p, "/") {
		req.Pattern = m.pattern + p // h set the pattern of a route of its own, without method or host
	}
}

// stripSegments removes the first n segments from the path p, which starts
// with a slash: stripSegments("/api/v1/users", 2) is "/users". What is left
// always starts with a slash.
func stripSegments(p string, n int) string {
	for ; n > 0; n-- {
		i := strings.IndexByte(p[1:], '/')
		if i < 0 {
			return "/"
		}
		p = p[i+1:]
	}
	return p
}
