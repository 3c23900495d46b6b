package safenet

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// MaxPathLen is the longest target [LocalPath] accepts.
const MaxPathLen = 2048

// LocalPath reports whether target, typically a "?next=" parameter, is a
// path on this site that a redirect may send a browser to. It accepts
// only an absolute path ("/account?tab=keys#top") and refuses anything a
// browser could read as another site:
//
//   - a scheme or a host: "https://evil.example", "//evil.example";
//   - a backslash anywhere, which browsers read as a slash: "/\evil.example";
//   - control characters, which browsers drop: "/\t/evil.example";
//   - the same tricks percent-encoded, once or twice, for a server or
//     a proxy that decodes before redirecting again: "/%2F%2Fevil.example";
//   - dot segments ("/a/../b"), which a site's own links never need;
//   - invalid UTF-8, and anything longer than MaxPathLen.
func LocalPath(target string) bool {
	if len(target) == 0 || len(target) > MaxPathLen || target[0] != '/' || !utf8.ValidString(target) {
		return false
	}
	u, err := url.Parse(target)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return false
	}
	// Check the text as written, then as decoded once and twice.
	p := target
	for range 3 {
		if !plainPath(p) {
			return false
		}
		q, err := url.PathUnescape(p)
		if err != nil {
			return false
		}
		if q == p {
			break
		}
		p = q
	}
	return true
}

// plainPath reports whether p, up to its query or fragment, starts with a
// single slash and holds no backslash, control character or dot segment.
func plainPath(p string) bool {
	for i := 0; i < len(p); i++ {
		if c := p[i]; c < 0x20 || c == 0x7f || c == '\\' {
			return false
		}
	}
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if len(p) == 0 || p[0] != '/' || strings.HasPrefix(p, "//") {
		return false
	}
	for seg := range strings.SplitSeq(p[1:], "/") {
		if seg == "." || seg == ".." {
			return false
		}
	}
	return true
}
