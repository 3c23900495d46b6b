package csrf

import "net/http"

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
	// TODO(13.05): Sec-Fetch-Site "same-origin" or "none" is sameOrigin;
	// any other non-empty value is crossOrigin unless Origin is trusted.
	// Without Sec-Fetch-Site: no Origin is noBrowser; a trusted Origin,
	// or one whose host (url.Parse) equals r.Host, is sameOrigin; "null",
	// anything that does not parse and any other host are crossOrigin.
	// Say why in the string (quoteOrigin the header: the client wrote it).
	return sameOrigin, ""
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
