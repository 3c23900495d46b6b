package static

import (
	"path"
	"strings"
)

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
	for _, r := range rules {
		if r.Match(name) {
			return r.Value
		}
	}
	return ""
}

// Glob returns a Match function for [CacheRule] that reports whether the
// last element of a name matches pattern, with the syntax of [path.Match]
// ("*.html", "*.woff2"). Glob panics if pattern is malformed.
func Glob(pattern string) func(name string) bool {
	if _, err := path.Match(pattern, ""); err != nil {
		panic("static: Glob(" + pattern + "): " + err.Error())
	}
	return func(name string) bool {
		ok, _ := path.Match(pattern, path.Base(name))
		return ok
	}
}

// Fingerprinted reports whether the last element of name carries a content
// hash the way bundlers write one: a run of at least 8 hexadecimal digits
// between two dots (app.3f9a2c1b.js, webpack's [name].[contenthash].js) or
// after the last hyphen of the part before the extension
// (chunk-3f9a2c1b.js). A name such as "jquery.min.js" does not match.
func Fingerprinted(name string) bool {
	base := path.Base(name)
	stem, ext, ok := cutLast(base, ".")
	if !ok || stem == "" || ext == "" {
		return false
	}
	// The parts of the stem between dots, after the first: "3f9a2c1b" in
	// "app.3f9a2c1b". (A loop of Cut rather than strings.Split: this runs
	// on every request, and Split allocates.)
	_, rest, _ := strings.Cut(stem, ".")
	last := stem
	for rest != "" {
		var part string
		part, rest, _ = strings.Cut(rest, ".")
		if isHash(part) {
			return true
		}
		last = part
	}
	if i := strings.LastIndexByte(last, '-'); i >= 0 && isHash(last[i+1:]) {
		return true
	}
	return false
}

func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// isHash reports whether s is at least 8 hexadecimal digits.
func isHash(s string) bool {
	if len(s) < 8 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
