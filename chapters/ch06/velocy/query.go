package velocy

import (
	"fmt"
	"net/url"
	"strings"
)

// A query string is the part of a URL after the '?': pairs separated by '&',
// each a key and a value separated by the first '='. Keys and values are
// percent-encoded, and HTML forms encode a space as '+':
//
//	q=caf%C3%A9+au+lait&tag=a&tag=b&empty=&flag
//	=> q: ["café au lait"], tag: ["a" "b"], empty: [""], flag: [""]
//
// A key may repeat, so each key maps to a list of values, in order.

// maxQueryPairs limits how many pairs ParseQuery reads, as net/url does: a
// query with a million tiny pairs would cost a million map entries.
const maxQueryPairs = 10000

// ParseQuery parses a URL query string (without the '?') into a map from
// each key to its values, in the order they appear. Keys and values are
// decoded with [QueryUnescape]. A pair without '=' has the empty value; empty
// pairs ("a=1&&b=2") are skipped.
//
// A pair with a malformed escape, or with a ';' (an old separator that
// servers disagree about, so net/url rejects it too), is left out and
// reported; the other pairs are still returned, with the first such error.
// The result equals [url.ParseQuery]'s, which the tests check.
func ParseQuery(query string) (url.Values, error) {
	values := url.Values{}
	if strings.Count(query, "&") >= maxQueryPairs {
		return values, fmt.Errorf("velocy: query has more than %d pairs", maxQueryPairs)
	}
	var first error
	for query != "" {
		var pair string
		pair, query, _ = strings.Cut(query, "&")
		if pair == "" {
			continue
		}
		key, value, err := parsePair(pair)
		if err != nil {
			if first == nil {
				first = err
			}
			continue
		}
		values[key] = append(values[key], value)
	}
	return values, first
}

// parsePair splits one key=value pair and decodes both sides.
func parsePair(pair string) (key, value string, err error) {
	if strings.Contains(pair, ";") {
		return "", "", fmt.Errorf("velocy: query pair %q contains ';': separate pairs with '&'", pair)
	}
	rawKey, rawValue, _ := strings.Cut(pair, "=")
	key, bad := unescape(rawKey, true)
	if bad < 0 {
		value, bad = unescape(rawValue, true)
		if bad >= 0 {
			bad += len(pair) - len(rawValue) // make it an offset in pair
		}
	}
	if bad >= 0 {
		return "", "", fmt.Errorf("%w %q in query pair %q", ErrBadEscape, pair[bad:min(bad+3, len(pair))], pair)
	}
	return key, value, nil
}
