package safenet

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
	// TODO(13.08): refuse what is empty, too long, invalid UTF-8 or does
	// not start with "/"; parse with net/url and refuse a scheme, host,
	// user or opaque part; then check the text, and the text decoded
	// (url.PathUnescape) once and twice, for a second leading slash, a
	// backslash, a control character or a dot segment before any ? or #.
	return false
}
