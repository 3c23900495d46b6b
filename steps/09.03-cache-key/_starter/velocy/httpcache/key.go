package httpcache

import "net/http"

// primaryKey returns the key under which the cache looks up r's URL:
// prefix, then scheme, host and request target. The method is not part of
// it: only GET stores, and HEAD is answered from what GET stored.
func primaryKey(prefix string, r *http.Request) string {
	// TODO(09.03): "http" or "https" (r.TLS), r.Host, r.URL.RequestURI().
	return prefix
}

// varyNames returns the request header names listed by the Vary lines of
// h, in canonical form, sorted, each once; star reports a "*" among them,
// which means the response varies on more than headers and must not be
// stored.
func varyNames(h http.Header) (names []string, star bool) {
	// TODO(09.03): every line of h.Values("Vary"), split at commas.
	return nil, false
}

// varyKey returns the key of the variant of primary that r selects: each
// of names (as varyNames returns them) with r's values for it, joined by
// ", " as RFC 9110 allows, quoted so that no value can pass for another
// name. A header r lacks counts as an empty value.
func varyKey(primary string, names []string, r *http.Request) string {
	// TODO(09.03): append each name and its quoted value to primary.
	return primary
}
