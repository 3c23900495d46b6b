package ratelimit

import (
	"context"
	"net/http"
	"net/netip"
)

// KeyFunc returns the key a request is counted under. Keys of different
// kinds should not collide: the ones of this package start with "ip:",
// "route:" and "user:".
type KeyFunc func(*http.Request) string

// ByClientIP counts requests per client address. clientIP returns the
// address another middleware worked out, such as velocy/middleware's
// ClientIPFrom after its ClientIP middleware, which believes
// X-Forwarded-For only from the proxies it was told to trust. If
// clientIP is nil, or returns an invalid address, the key is the address
// the connection comes from (r.RemoteAddr).
//
// Never key on X-Forwarded-For yourself: anyone can send it, and a
// client that writes a new address into it on every request would get a
// new key, and a full burst, every time.
//
// An IPv6 client is counted by its /64 network: one host is usually given
// a whole /64, and could otherwise take a new address, and a new limit,
// for every request.
func ByClientIP(clientIP func(context.Context) netip.Addr) KeyFunc {
	return func(r *http.Request) string {
		var ip netip.Addr
		if clientIP != nil {
			ip = clientIP(r.Context())
		}
		if !ip.IsValid() {
			ap, err := netip.ParseAddrPort(r.RemoteAddr)
			if err != nil {
				return "ip:" + r.RemoteAddr
			}
			ip = ap.Addr()
		}
		ip = ip.Unmap().WithZone("")
		if ip.Is6() {
			p, _ := ip.Prefix(64)
			return "ip:" + p.String()
		}
		return "ip:" + ip.String()
	}
}

// ByRoute counts requests per route: the pattern that matched, such as
// "GET /users/{id}", from r.Pattern, so that all users share one limit
// per route (protecting an expensive endpoint as a whole). r.Pattern is
// set by the router when it picks the handler: wrap the handler of a
// route, not the router, with a Middleware keyed by route.
func ByRoute() KeyFunc {
	return func(r *http.Request) string {
		return "route:" + r.Pattern
	}
}

// ByUser counts requests per user: user returns the user's id from the
// request's context (set by the authentication middleware), or "" for an
// anonymous request, which is counted by anonymous instead. With a nil
// anonymous, anonymous requests are not limited.
func ByUser(user func(context.Context) string, anonymous KeyFunc) KeyFunc {
	return func(r *http.Request) string {
		if id := user(r.Context()); id != "" {
			return "user:" + id
		}
		if anonymous == nil {
			return ""
		}
		return anonymous(r)
	}
}
