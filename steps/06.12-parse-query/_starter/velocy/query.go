package velocy

import "net/url"

// A query string is the part of a URL after the '?': pairs separated by '&',
// each a key and a value separated by the first '='. Keys and values are
// percent-encoded, and HTML forms encode a space as '+':
//
//	q=caf%C3%A9+au+lait&tag=a&tag=b&empty=&flag
//	=> q: ["café au lait"], tag: ["a" "b"], empty: [""], flag: [""]
//
// A key may repeat, so each key maps to a list of values, in order.

// ParseQuery parses a URL query string (without the '?') into a map from
// each key to its values, in the order they appear. Keys and values are
// decoded with [QueryUnescape]. A pair without '=' has the empty value; empty
// pairs ("a=1&&b=2") are skipped.
//
// A pair with a malformed escape is left out and reported; the other pairs
// are still returned, with the first such error.
func ParseQuery(query string) (url.Values, error) {
	// TODO(06.12-parse-query): split at each '&', skip empty pairs, split
	// each pair at its first '=', decode both sides with unescape(s, true),
	// and append the value to the key's list. A pair with a bad escape is
	// left out; remember the first such error and return it at the end.
	return url.Values{}, nil
}
