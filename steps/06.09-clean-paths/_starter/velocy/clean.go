package velocy

// A clean path has no "." or ".." segment and no empty segment, except a
// last one, which is a trailing slash: "/a/b" and "/a/b/" are clean,
// "/a/./b", "/a/../b" and "/a//b" are not.

// cleanPath reports whether the path p, which starts with a slash, is clean.
func cleanPath(p string) bool { return cleanSegments(p[1:]) }

// cleanSegments reports whether s, a path without its leading slash, has no
// "." or ".." segment and no empty segment except a last one.
func cleanSegments(s string) bool {
	// TODO(06.09-clean-paths): look at each segment between slashes.
	return true
}

// dotSegment reports whether seg is "." or "..".
func dotSegment(seg string) bool { return seg == "." || seg == ".." }

// cleanedPath is the path p with its dot segments resolved and its repeated
// slashes merged, keeping a trailing slash, as http.ServeMux cleans paths:
// "/a/./b/../c//" becomes "/a/c/".
func cleanedPath(p string) string {
	// TODO(06.09-clean-paths): path.Clean does most of it.
	return p
}

// safeSegment is safeValue for one segment of the path: a segment of the
// decoded path holds no slash, so only "." and ".." need checking there,
// which costs next to nothing; an escaped one is decoded first.
func safeSegment(seg string, raw bool) bool {
	if raw {
		return safeValue(seg, true)
	}
	return !dotSegment(seg)
}

// safeValue reports whether v, the part of a path that a wildcard would
// take (escaped when raw is true), is safe to hand to a handler: once
// decoded, it does not start with a slash, and it has no "." or ".."
// segment and no empty segment except a last one.
func safeValue(v string, raw bool) bool {
	// TODO(06.09-clean-paths): decode v when raw, then check its segments.
	return true
}
