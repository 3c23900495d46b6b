package ws

// The origin policy: which web pages may open a WebSocket to this server.
//
// A browser lets any page open a WebSocket to any server, and sends the
// user's cookies with it; the Origin header, which the page cannot forge,
// is the server's only defense against a hostile page acting as the user
// (cross-site WebSocket hijacking). So [Upgrader] refuses, with 403, every
// request whose Origin is another site, unless the server lists it:
//
//   - no Origin header: allowed. Browsers always send one, so the client is
//     not a browser (a command-line tool, another server) and carries no
//     ambient cookies to abuse.
//   - same origin: allowed. The Origin's host equals the request's Host,
//     ignoring case and a trailing dot, with ports compared by scheme: a
//     Host without port matches an Origin on its scheme's default port
//     (80 for http, 443 for https), and a Host with a port matches an
//     Origin whose port, written or implied by its scheme, is that one. The
//     schemes themselves are not compared, since a TLS-terminating proxy
//     hides whether the request came over https.
//   - listed in Upgrader.Origins: allowed. "https://app.example.com"
//     matches that origin exactly (scheme, host, port: written or default);
//     "https://*.example.com" matches any subdomain, at any depth, of
//     example.com, but neither example.com itself nor
//     example.com.evil.net or evilexample.com.
//   - anything else is refused: other sites, the opaque origin "null"
//     (sandboxed frames, file: pages), several Origin headers, malformed
//     values.
//
// Upgrader.CheckOrigin, when set, replaces all of this.

import (
	"net/http"
	"strconv"
	"strings"
)

// originAllowed applies the policy above to r.
func (u *Upgrader) originAllowed(r *http.Request) bool {
	if u.CheckOrigin != nil {
		return u.CheckOrigin(r)
	}
	values := r.Header.Values("Origin")
	switch len(values) {
	case 0:
		return true
	case 1:
	default:
		return false
	}
	o, ok := parseOrigin(values[0], false)
	if !ok {
		return false
	}
	if sameOrigin(o, r.Host) {
		return true
	}
	for _, pattern := range u.Origins {
		if matchOrigin(pattern, o) {
			return true
		}
	}
	return false
}

// origin is a parsed "scheme://host[:port]": scheme and host in lower case,
// host without a trailing dot nor IPv6 brackets, port in decimal, the
// scheme's default when none was written ("" for a scheme without one).
type origin struct {
	scheme   string
	host     string
	port     string
	wildcard bool // a pattern "scheme://*.host": any subdomain of host
}

// parseOrigin parses s, an Origin header's value or, if pattern is true,
// an entry of Upgrader.Origins, which may start its host with "*.".
func parseOrigin(s string, pattern bool) (origin, bool) {
	scheme, rest, ok := strings.Cut(strings.TrimSpace(s), "://")
	if !ok || !validScheme(scheme) {
		return origin{}, false
	}
	var o origin
	o.scheme = strings.ToLower(scheme)
	if pattern && strings.HasPrefix(rest, "*.") {
		o.wildcard = true
		rest = rest[2:]
	}
	host, port, ok := splitHostPort(rest)
	if !ok {
		return origin{}, false
	}
	o.host = host
	o.port = port
	if port == "" {
		o.port = defaultPort(o.scheme)
	}
	return o, true
}

// sameOrigin reports whether o names the host hostport (a request's Host),
// with the ports compared as the policy says.
func sameOrigin(o origin, hostport string) bool {
	if o.scheme != "http" && o.scheme != "https" {
		return false
	}
	host, port, ok := splitHostPort(hostport)
	if !ok || host != o.host {
		return false
	}
	if port == "" {
		return o.port == defaultPort(o.scheme)
	}
	return o.port == port
}

// matchOrigin reports whether the origin o matches pattern, an entry of
// Upgrader.Origins. A malformed pattern matches nothing.
func matchOrigin(pattern string, o origin) bool {
	p, ok := parseOrigin(pattern, true)
	if !ok || p.scheme != o.scheme || p.port != o.port {
		return false
	}
	if p.wildcard {
		return len(o.host) > len(p.host)+1 && strings.HasSuffix(o.host, "."+p.host)
	}
	return o.host == p.host
}

// splitHostPort splits "host", "host:port", "[v6]" or "[v6]:port" into a
// normalized host (lower case, no trailing dot, no brackets) and a port
// ("" if none, else its decimal value). It refuses paths, user info,
// empty labels, and characters a host name or IP address does not have.
func splitHostPort(s string) (host, port string, ok bool) {
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", "", false
		}
		host, s = s[1:end], s[end+1:]
		if host == "" || strings.Trim(host, "0123456789abcdefABCDEF:.") != "" {
			return "", "", false
		}
		host = strings.ToLower(host)
	} else {
		host, s, _ = strings.Cut(s, ":")
		s = ":" + s
		if s == ":" {
			s = ""
		}
		host = strings.TrimSuffix(strings.ToLower(host), ".")
		if !validHostName(host) {
			return "", "", false
		}
	}
	switch {
	case s == "" || s == ":":
		return host, "", true
	case s[0] != ':':
		return "", "", false
	}
	n, err := strconv.Atoi(s[1:])
	if err != nil || n < 1 || n > 65535 || strings.Trim(s[1:], "0123456789") != "" {
		return "", "", false
	}
	return host, strconv.Itoa(n), true
}

// validHostName reports whether h, in lower case, is a dotted name of
// letters, digits, hyphens and underscores, or an IPv4 address, with no
// empty label.
func validHostName(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	for label := range strings.SplitSeq(h, ".") {
		if label == "" || strings.Trim(label, "abcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
			return false
		}
	}
	return true
}

// validScheme reports whether s is a URL scheme: a letter, then letters,
// digits, '+', '-' or '.'.
func validScheme(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i] | 0x20 // lower case for letters
		switch {
		case c >= 'a' && c <= 'z':
		case i > 0 && (s[i] >= '0' && s[i] <= '9' || s[i] == '+' || s[i] == '-' || s[i] == '.'):
		default:
			return false
		}
	}
	return true
}

// defaultPort returns the port a scheme implies, "" if none.
func defaultPort(scheme string) string {
	switch scheme {
	case "http", "ws":
		return "80"
	case "https", "wss":
		return "443"
	}
	return ""
}
