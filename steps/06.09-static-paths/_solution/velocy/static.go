package velocy

import "strings"

// Most routes of most applications have no wildcard: /login, /api/health,
// /static/site.css. For those the tree is more than needed: a map from the
// whole path to the node where the pattern ends finds them with one hash of
// the path and one comparison, where the tree cuts the path into segments
// and looks each one up among its siblings. So the core keeps such a map
// beside the tree, and dispatch asks it first.
//
// The map only ever answers what the tree would: a pattern without wildcards
// matches exactly one path, and at every segment a literal beats a wildcard,
// so when the map has the node and the node has a route for the method, that
// route is the one the search would find. Anything else (another method,
// a path with wildcards, an escaped path) goes on to the tree as before.

// staticPath returns the path that a pattern without wildcards matches, as
// it stands in URL.Path (decoded), and false for a pattern with wildcards or
// with an escaped slash in a literal ("/a%2Fb" matches a path whose URL.Path
// is "/a/b", but so does "/a/b" itself: only the tree can tell them apart).
func staticPath(segs []segment) (string, bool) {
	var b strings.Builder
	for _, s := range segs {
		if s.kind != segStatic || strings.Contains(s.text, "/") {
			return "", false
		}
		b.WriteByte('/')
		b.WriteString(s.text)
	}
	return b.String(), true
}

// addStatic records leaf, the node where the pattern segs ends, in the map
// of static paths, if the pattern has no wildcard.
func (c *core) addStatic(segs []segment, leaf *node) {
	if key, ok := staticPath(segs); ok {
		if c.static == nil {
			c.static = map[string]*node{}
		}
		c.static[key] = leaf
	}
}
