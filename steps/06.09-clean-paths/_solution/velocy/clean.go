package velocy

import (
	"path"
	"strings"
)

// A clean path has no "." or ".." segment and no empty segment, except a
// last one, which is a trailing slash: "/a/b" and "/a/b/" are clean,
// "/a/./b", "/a/../b" and "/a//b" are not. Clients resolve dot segments
// before they send a path, but nothing forces them to, and a router that
// hands "../../etc/passwd" to a handler that joins it to a directory serves
// the whole disk. So the router keeps two promises:
//
//   - a path that is not clean is redirected to its cleaned form, as
//     http.ServeMux does ("/static/../../etc/passwd" to "/etc/passwd");
//   - no wildcard ever takes a value that, once decoded, starts with a slash
//     or holds a dot segment, even when escapes hide it ("%2E%2E", or
//     "a%2F..%2Fb", where the slashes are data). Such a path cannot be
//     cleaned by a redirect: it simply matches no wildcard.

// cleanPath reports whether the path p, which starts with a slash, is clean.
func cleanPath(p string) bool { return cleanSegments(p[1:]) }

// cleanSegments reports whether s, a path without its leading slash, has no
// "." or ".." segment and no empty segment except a last one.
func cleanSegments(s string) bool {
	for {
		seg, rest, more := strings.Cut(s, "/")
		if dotSegment(seg) || seg == "" && more {
			return false
		}
		if !more {
			return true
		}
		s = rest
	}
}

// dotSegment reports whether seg is "." or "..".
func dotSegment(seg string) bool { return seg == "." || seg == ".." }

// cleanedPath is the path p with its dot segments resolved and its repeated
// slashes merged, keeping a trailing slash, as http.ServeMux cleans paths:
// "/a/./b/../c//" becomes "/a/c/". It never starts with "//".
func cleanedPath(p string) string {
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	return clean
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
// segment and no empty segment except a last one. Decoding first is what
// catches "%2E%2E" and "a%2F..%2Fb".
func safeValue(v string, raw bool) bool {
	if raw {
		v, _ = unescape(v, false) // dispatch has checked the escapes
	}
	return cleanSegments(v) // a leading slash is an empty first segment
}
