package csrf

import (
	"net/http"
	"net/url"
)

// A verdict is what the headers say about where a request comes from.
type verdict int

const (
	// sameOrigin: our own origin, or one we trust.
	sameOrigin verdict = iota
	// crossOrigin: another origin; refuse.
	crossOrigin
	// noBrowser: neither Sec-Fetch-Site nor Origin; not a current
	// browser, or one we cannot judge by its headers.
	noBrowser
)

// checkOrigin judges r by its Sec-Fetch-Site and Origin headers. trusted
// holds origins ("https://app.example.com") allowed besides our own. The
// string says why a request is cross-origin, for the 403's detail.
func checkOrigin(r *http.Request, trusted map[string]bool) (verdict, string) {
	origin := r.Header.Get("Origin")
	switch site := r.Header.Get("Sec-Fetch-Site"); site {
	case "same-origin", "none":
		return sameOrigin, ""
	case "":
		// An older browser, or no browser: the Origin header decides.
	default:
		if trusted[origin] {
			return sameOrigin, ""
		}
		return crossOrigin, "Sec-Fetch-Site " + quoteOrigin(site) + " and Origin " + quoteOrigin(origin) + " is not trusted"
	}
	if origin == "" {
		return noBrowser, ""
	}
	if trusted[origin] {
		return sameOrigin, ""
	}
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" || origin == "null" {
		return crossOrigin, "Origin " + quoteOrigin(origin) + " is not an origin"
	}
	if u.Host == r.Host {
		return sameOrigin, ""
	}
	return crossOrigin, "Origin " + quoteOrigin(origin) + " is not this site's (" + r.Host + ")"
}

// quoteOrigin quotes a header's value (Origin, Sec-Fetch-Site) for a
// message, cut short and with control characters replaced: it came from
// the client, and the message goes back out and into logs.
func quoteOrigin(o string) string {
	if o == "" {
		return "(none)"
	}
	if len(o) > 100 {
		o = o[:100] + "..."
	}
	b := []byte{'"'}
	for _, c := range []byte(o) {
		if c < ' ' || c >= 0x7f || c == '"' || c == '\\' {
			c = '?'
		}
		b = append(b, c)
	}
	return string(append(b, '"'))
}
