package static

// How long may a browser or a proxy keep a file without asking again? It
// depends on the file. A name that changes whenever its content does
// (app.3f9a2c1b.js, written by a bundler) can be kept forever: a new
// version has a new name. A page (index.html) must be revalidated every
// time, because it is what points to those names; "no-cache" means "store,
// but ask first", which costs a 304 when nothing changed.

// A CacheRule gives the Cache-Control header of the files it matches.
type CacheRule struct {
	// Match reports whether the rule applies to name, the file's path
	// relative to the root ("css/app.3f9a2c1b.css"). [Glob] and
	// [Fingerprinted] make or are such functions.
	Match func(name string) bool
	// Value is the Cache-Control header to send, such as
	// "public, max-age=31536000, immutable". An empty Value sends none.
	Value string
}

// Immutable is the Cache-Control value for fingerprinted files: keep for a
// year, and do not revalidate even when the user reloads the page.
const Immutable = "public, max-age=31536000, immutable"

// DefaultCacheRules are the rules used when [Options].CacheRules is nil:
// fingerprinted names are [Immutable], HTML is "no-cache", and other files
// get no Cache-Control (browsers then guess from Last-Modified).
var DefaultCacheRules = []CacheRule{
	{Match: Fingerprinted, Value: Immutable},
	{Match: Glob("*.html"), Value: "no-cache"},
}

// cacheControl returns the value of the first rule that matches name.
func cacheControl(rules []CacheRule, name string) string {
	// TODO(08.05-cache-control): the first rule whose Match says yes.
	return ""
}

// Glob returns a Match function for [CacheRule] that reports whether the
// last element of a name matches pattern, with the syntax of [path.Match]
// ("*.html", "*.woff2"). Glob panics if pattern is malformed.
func Glob(pattern string) func(name string) bool {
	// TODO(08.05-cache-control): check pattern once, then match path.Base.
	return func(name string) bool { return false }
}

// Fingerprinted reports whether the last element of name carries a content
// hash the way bundlers write one: a run of at least 8 hexadecimal digits
// between two dots (app.3f9a2c1b.js, webpack's [name].[contenthash].js) or
// after the last hyphen of the part before the extension
// (chunk-3f9a2c1b.js). A name such as "jquery.min.js" does not match.
func Fingerprinted(name string) bool {
	// TODO(08.05-cache-control): look for the hash between dots, or after
	// the last hyphen of the stem.
	return false
}
