package rawhttp

// mediaRange is one element of an Accept field: "text/html;level=1;q=0.8".
type mediaRange struct {
	typ, sub string            // lower case; "*" for a wildcard
	params   map[string]string // parameters before q, names in lower case
	q        int               // weight in thousandths: 0 to 1000
}

// Negotiate returns the offer the client prefers, given the value of its Accept
// field (RFC 9110 §12.5.1), or "" when the client accepts none of them: answer 406
// Not Acceptable then, or ignore Accept and send your default.
//
// Each offer is a media type, "application/json", optionally with parameters. Its
// weight is the q of the most specific range that matches it, "text/html" before
// "text/*" before "*/*", and a range with parameters before one without. q=0 means
// "not this". Among offers of equal weight the earlier one wins, so list them in
// the server's order of preference. An empty Accept accepts anything, and
// elements that do not parse are skipped.
func Negotiate(accept string, offers ...string) string {
	// TODO(05.03-negotiate): parse every element of accept (splitQuoted at
	// ','), skipping those that do not parse; give each offer the q of the
	// most specific range that matches it; return the first offer with the
	// highest q above 0.
	return ""
}

// paramsMatch reports whether offer has every parameter of want, with the same value.
func paramsMatch(want, offer map[string]string) bool {
	for name, value := range want {
		if v, ok := offer[name]; !ok || v != value {
			return false
		}
	}
	return true
}

// splitQuoted splits s at every sep that is not inside a quoted string.
func splitQuoted(s string, sep byte) []string {
	var parts []string
	start, quoted := 0, false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			if quoted {
				i++
			}
		case '"':
			quoted = !quoted
		case sep:
			if !quoted {
				parts = append(parts, s[start:i])
				start = i + 1
			}
		}
	}
	return append(parts, s[start:])
}
