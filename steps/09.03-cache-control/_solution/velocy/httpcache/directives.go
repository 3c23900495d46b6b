package httpcache

import (
	"net/http"
	"strconv"
	"strings"
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
	d := directives{maxAge: -1, sMaxAge: -1}
	for _, line := range h.Values("Cache-Control") {
		for len(line) > 0 {
			var name, value string
			name, value, line = nextDirective(line)
			switch strings.ToLower(name) {
			case "max-age":
				if d.maxAge < 0 {
					d.maxAge = deltaSeconds(value)
				}
			case "s-maxage":
				if d.sMaxAge < 0 {
					d.sMaxAge = deltaSeconds(value)
				}
			case "no-store":
				d.noStore = true
			case "no-cache":
				d.noCache = true
			case "private":
				d.private = true
			case "public":
				d.public = true
			case "must-revalidate":
				d.mustRevalidate = true
			}
		}
	}
	return d
}

// nextDirective cuts the first directive off s: its name, its value
// (unquoted) and what follows the comma after it.
func nextDirective(s string) (name, value, rest string) {
	s = strings.TrimLeft(s, " \t,")
	i := strings.IndexAny(s, "=,")
	if i < 0 {
		return strings.TrimSpace(s), "", ""
	}
	name = strings.TrimSpace(s[:i])
	if s[i] == ',' {
		return name, "", s[i+1:]
	}
	s = strings.TrimLeft(s[i+1:], " \t")
	if strings.HasPrefix(s, `"`) {
		var b strings.Builder
		for j := 1; j < len(s); j++ {
			switch c := s[j]; {
			case c == '\\' && j+1 < len(s):
				j++
				b.WriteByte(s[j])
			case c == '"':
				rest = s[j+1:]
				if k := strings.IndexByte(rest, ','); k >= 0 {
					return name, b.String(), rest[k+1:]
				}
				return name, b.String(), ""
			default:
				b.WriteByte(c)
			}
		}
		return name, b.String(), "" // an unclosed quote runs to the end
	}
	if k := strings.IndexByte(s, ','); k >= 0 {
		return name, strings.TrimSpace(s[:k]), s[k+1:]
	}
	return name, strings.TrimSpace(s), ""
}

// deltaSeconds reads a directive's number of seconds: 0 if it is not a
// number, at most maxDelta seconds.
func deltaSeconds(v string) time.Duration {
	if v == "" || strings.TrimLeft(v, "0123456789") != "" {
		return 0
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n > maxDelta {
		n = maxDelta // only digits, so err means too big
	}
	return time.Duration(n) * time.Second
}
