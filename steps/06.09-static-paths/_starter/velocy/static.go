package velocy

// The core keeps a map from the path of each pattern without wildcards to
// the node where the pattern ends, and dispatch asks it before walking the
// tree.

// staticPath returns the path that a pattern without wildcards matches, as
// it stands in URL.Path (decoded), and false for a pattern with wildcards or
// with an escaped slash in a literal ("/a%2Fb" matches a path whose URL.Path
// is "/a/b", but so does "/a/b" itself: only the tree can tell them apart).
func staticPath(segs []segment) (string, bool) {
	// TODO(06.09-static-paths): "/" + each literal, or false.
	return "", false
}

// addStatic records leaf, the node where the pattern segs ends, in the map
// of static paths, if the pattern has no wildcard.
func (c *core) addStatic(segs []segment, leaf *node) {
	// TODO(06.09-static-paths): give core a map[string]*node named static,
	// and store leaf under the pattern's path.
}
