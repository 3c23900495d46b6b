package httpcache

import (
	"net/http"
	"time"
)

// maxDelta is the largest number of seconds a directive may say: RFC 9111
// (1.2.2) asks a cache to read anything bigger as 2^31 seconds, about 68
// years, rather than overflow.
const maxDelta = 1 << 31

// directives holds the Cache-Control directives the cache acts on, from a
// request or a response. A duration is -1 when its directive is absent.
type directives struct {
	maxAge         time.Duration // max-age
	sMaxAge        time.Duration // s-maxage
	noStore        bool          // no-store
	noCache        bool          // no-cache, with or without a list of fields
	private        bool          // private, with or without a list of fields
	public         bool          // public
	mustRevalidate bool          // must-revalidate
}

// parseCacheControl reads every Cache-Control line of h. Names are matched
// without regard to case; a value may be a token or a quoted string; a
// comma inside quotes does not end a directive. Unknown directives are
// ignored. When a duration appears twice, the first one counts; one that
// is not a number of seconds counts as 0, so the response is stale at once
// (the reading RFC 9111 4.2.1 recommends).
func parseCacheControl(h http.Header) directives {
	// TODO(09.03): split every line of h.Values("Cache-Control") into
	// directives (name, optional =value, a value may be quoted), and set
	// the fields of d from the ones you know.
	d := directives{maxAge: -1, sMaxAge: -1}
	return d
}
