package middleware

import (
	"context"
	"net/http"
	"net/netip"
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
// stores it in the request's context, for [ClientIPFrom]: r.RemoteAddr,
// unless that is a trusted proxy; then the first untrusted address of the
// header, read from the right.
func ClientIP(opts ClientIPOptions) func(http.Handler) http.Handler {
	// TODO(07.05-client-ip): find the client's address for each request
	// (remoteIP, then the walk through the header's entries from the
	// right), pass next a copy of the request whose context holds it under
	// clientIPKey{}, and copy the copy's Pattern back after next returns.
	return func(next http.Handler) http.Handler { return next }
}

// ClientIPFrom returns the client's address that [ClientIP] stored in ctx,
// or the zero netip.Addr (whose IsValid is false) if there is none.
func ClientIPFrom(ctx context.Context) netip.Addr {
	// TODO(07.05-client-ip): read the value under clientIPKey{}.
	return netip.Addr{}
}

// remoteIP parses an http.Request's RemoteAddr: "host:port" from a server,
// or a bare address as a test may set it, IPv4 mapped into IPv6 turned
// back into IPv4. It returns the zero Addr for anything else.
func remoteIP(s string) netip.Addr {
	// TODO(07.05-client-ip): try netip.ParseAddrPort, then
	// netip.ParseAddr, and Unmap the result.
	return netip.Addr{}
}
