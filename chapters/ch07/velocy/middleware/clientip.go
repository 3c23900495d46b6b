package middleware

import (
	"context"
	"net/http"
	"net/netip"
	"net/textproto"
	"strings"
)

// ClientIPOptions configures [ClientIP]. The zero value trusts no proxy:
// the client is the address the connection comes from.
type ClientIPOptions struct {
	// TrustedProxies lists the networks of the proxies in front of the
	// server (a load balancer, a reverse proxy): only a peer inside one of
	// them may say, in Header, who the client is. For example
	// netip.MustParsePrefix("10.0.0.0/8") or "127.0.0.1/32".
	TrustedProxies []netip.Prefix
	// Header is the header the proxies append the address they received the
	// request from to. Empty means "X-Forwarded-For".
	Header string
}

// clientIPKey is the context key of the client's address.
type clientIPKey struct{}

// ClientIP returns middleware that works out the address of the client and
// stores it in the request's context, for [ClientIPFrom].
//
// The address the connection comes from (r.RemoteAddr) is the client,
// unless it belongs to opts.TrustedProxies. Then the client is found in
// opts.Header, which each proxy extends with the address it received the
// request from ("client, proxy1, proxy2"). ClientIP reads that list from
// the right, the end written by the proxy nearest to the server, skips the
// addresses of trusted proxies, and takes the first address that is not
// one: the left part of the list was written by whoever sent the request,
// so it proves nothing. Several lines of the header count as one list, in
// order. An entry may carry a port ("192.0.2.1:4711", "[2001:db8::1]:80");
// empty entries are skipped. If the walk meets an entry that is not an
// address ("unknown", a typo), or runs out of entries, the client is the
// last trusted address it passed: ClientIP never believes more than the
// proxies it trusts wrote.
//
// Addresses are compared and returned in their plain form: an IPv4 address
// mapped into IPv6 (::ffff:192.0.2.1) becomes 192.0.2.1, and a zone
// (fe80::1%eth0) is ignored when matching a prefix. A zone is kept on the
// connection's address, where it names one of this machine's interfaces,
// and dropped from a header's, where it would name one of the proxy's.
//
// Like [RequestID], ClientIP passes the handler a copy of the request and
// copies its Pattern back after the handler returns.
func ClientIP(opts ClientIPOptions) func(http.Handler) http.Handler {
	header := opts.Header
	if header == "" {
		header = "X-Forwarded-For"
	}
	c := clientIPConfig{
		header:  textproto.CanonicalMIMEHeaderKey(header),
		trusted: append([]netip.Prefix(nil), opts.TrustedProxies...),
	}
	for i, p := range c.trusted {
		c.trusted[i] = p.Masked()
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ip := c.clientIP(r)
			r2 := r.WithContext(context.WithValue(r.Context(), clientIPKey{}, ip))
			next.ServeHTTP(w, r2)
			r.Pattern = r2.Pattern
		})
	}
}

// ClientIPFrom returns the client's address that [ClientIP] stored in ctx,
// or the zero netip.Addr (whose IsValid is false) if there is none.
func ClientIPFrom(ctx context.Context) netip.Addr {
	ip, _ := ctx.Value(clientIPKey{}).(netip.Addr)
	return ip
}

// clientIPConfig is what ClientIP needs for each request.
type clientIPConfig struct {
	header  string // canonical
	trusted []netip.Prefix
}

// clientIP returns the client's address for r, following the rules of
// ClientIP's documentation. It does not allocate.
func (c *clientIPConfig) clientIP(r *http.Request) netip.Addr {
	ip := remoteIP(r.RemoteAddr)
	if !c.isTrusted(ip) {
		return ip
	}
	lines := r.Header[c.header]
	for i := len(lines) - 1; i >= 0; i-- {
		rest := lines[i]
		for rest != "" {
			var entry string
			if j := strings.LastIndexByte(rest, ','); j >= 0 {
				entry, rest = rest[j+1:], rest[:j]
			} else {
				entry, rest = rest, ""
			}
			entry = strings.Trim(entry, " \t")
			if entry == "" {
				continue // an empty list element, which RFC 9110 allows
			}
			next, ok := parseForwardedIP(entry)
			if !ok {
				return ip
			}
			ip = next
			if !c.isTrusted(ip) {
				return ip
			}
		}
	}
	return ip
}

// isTrusted reports whether ip belongs to a trusted proxy.
func (c *clientIPConfig) isTrusted(ip netip.Addr) bool {
	if !ip.IsValid() {
		return false
	}
	ip = ip.WithZone("")
	for _, p := range c.trusted {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// remoteIP parses an http.Request's RemoteAddr: "host:port" from a server,
// or a bare address as a test may set it. It returns the zero Addr for
// anything else (a Unix socket's peer, for one).
func remoteIP(s string) netip.Addr {
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap()
	}
	if ip, err := netip.ParseAddr(s); err == nil {
		return ip.Unmap()
	}
	return netip.Addr{}
}

// parseForwardedIP parses one entry of a forwarding header: an address,
// with or without a port, IPv6 in brackets when it has a port and perhaps
// when it has none. Zones are dropped.
func parseForwardedIP(s string) (netip.Addr, bool) {
	// Pick the parser by the shape of s, so that valid entries never make
	// an error value (which would allocate).
	var ip netip.Addr
	var err error
	switch {
	case len(s) > 2 && s[0] == '[' && s[len(s)-1] == ']':
		ip, err = netip.ParseAddr(s[1 : len(s)-1])
	case strings.HasPrefix(s, "[") || strings.Count(s, ":") == 1:
		var ap netip.AddrPort
		ap, err = netip.ParseAddrPort(s)
		ip = ap.Addr()
	default:
		ip, err = netip.ParseAddr(s)
	}
	if err != nil {
		return netip.Addr{}, false
	}
	return ip.Unmap().WithZone(""), true
}
