package rawhttp

import "strings"

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
	if trimOWS(accept) == "" {
		if len(offers) == 0 {
			return ""
		}
		return offers[0]
	}
	ranges := parseAccept(accept)
	best, bestQ := "", 0
	for _, offer := range offers {
		o, ok := parseMediaRange(offer)
		if !ok || o.typ == "*" || o.sub == "*" {
			continue
		}
		if q := weight(ranges, o); q > bestQ {
			best, bestQ = offer, q
		}
	}
	return best
}

// weight returns the q of the most specific range in ranges that matches offer,
// or 0 if none does.
func weight(ranges []mediaRange, offer mediaRange) int {
	q, specificity := 0, -1
	for _, r := range ranges {
		s := 0
		switch {
		case r.typ == "*" && r.sub == "*":
			s = 1
		case r.typ != offer.typ:
			continue
		case r.sub == "*":
			s = 2
		case r.sub != offer.sub:
			continue
		case !paramsMatch(r.params, offer.params):
			continue
		default:
			s = 3 + len(r.params)
		}
		if s > specificity {
			q, specificity = r.q, s
		}
	}
	return q
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

// parseAccept parses the elements of an Accept field that are well formed.
func parseAccept(accept string) []mediaRange {
	var ranges []mediaRange
	for _, elem := range splitQuoted(accept, ',') {
		if r, ok := parseMediaRange(elem); ok {
			ranges = append(ranges, r)
		}
	}
	return ranges
}

// parseMediaRange parses "type/sub;name=value;q=0.5". Parameters after q are
// extensions and are ignored.
func parseMediaRange(s string) (mediaRange, bool) {
	parts := splitQuoted(s, ';')
	typ, sub, ok := strings.Cut(trimOWS(parts[0]), "/")
	if !ok || !isToken(typ) || !isToken(sub) || (typ == "*" && sub != "*") {
		return mediaRange{}, false
	}
	r := mediaRange{typ: strings.ToLower(typ), sub: strings.ToLower(sub), q: 1000}
	for _, p := range parts[1:] {
		name, value, ok := strings.Cut(trimOWS(p), "=")
		name = strings.ToLower(trimOWS(name))
		value = trimOWS(value)
		if !ok || !isToken(name) {
			return mediaRange{}, false
		}
		if name == "q" {
			q, ok := parseQ(value)
			if !ok {
				return mediaRange{}, false
			}
			r.q = q
			break
		}
		if len(value) >= 2 && value[0] == '"' && value[len(value)-1] == '"' {
			value = strings.ReplaceAll(value[1:len(value)-1], `\`, "")
		}
		if r.params == nil {
			r.params = map[string]string{}
		}
		r.params[name] = value
	}
	return r, true
}

// parseQ parses a qvalue, "0", "0.5", "1.000", into thousandths.
func parseQ(s string) (int, bool) {
	if s == "" || len(s) > 5 || (s[0] != '0' && s[0] != '1') {
		return 0, false
	}
	q := int(s[0]-'0') * 1000
	if len(s) > 1 {
		if s[1] != '.' {
			return 0, false
		}
		scale := 100
		for i := 2; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
			q += int(s[i]-'0') * scale
			scale /= 10
		}
	}
	if q > 1000 {
		return 0, false
	}
	return q, true
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
