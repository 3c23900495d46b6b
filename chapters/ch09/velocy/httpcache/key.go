package httpcache

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// primaryKey returns the key under which the cache looks up r's URL:
// prefix, then scheme, host and request target. The method is not part of
// it: only GET stores, and HEAD is answered from what GET stored.
func primaryKey(prefix string, r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return prefix + scheme + "://" + r.Host + r.URL.RequestURI()
}

// varyNames returns the request header names listed by the Vary lines of
// h, in canonical form, sorted, each once; star reports a "*" among them,
// which means the response varies on more than headers and must not be
// stored.
func varyNames(h http.Header) (names []string, star bool) {
	for _, line := range h.Values("Vary") {
		for _, name := range strings.Split(line, ",") {
			name = strings.TrimSpace(name)
			switch {
			case name == "":
			case name == "*":
				star = true
			default:
				names = append(names, http.CanonicalHeaderKey(name))
			}
		}
	}
	slices.Sort(names)
	return slices.Compact(names), star
}

// varyKey returns the key of the variant of primary that r selects: each
// of names (as varyNames returns them) with r's values for it, joined by
// ", " as RFC 9110 allows, quoted so that no value can pass for another
// name. A header r lacks counts as an empty value.
func varyKey(primary string, names []string, r *http.Request) string {
	b := []byte(primary)
	for _, name := range names {
		b = append(b, '\n')
		b = append(b, name...)
		b = append(b, ':')
		b = strconv.AppendQuote(b, strings.Join(r.Header.Values(name), ", "))
	}
	return string(b)
}
