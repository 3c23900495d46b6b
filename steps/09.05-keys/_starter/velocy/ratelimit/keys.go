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
	// TODO(09.05-keys): the key is "ip:" and the address clientIP returns,
	// or, without one, the address of r.RemoteAddr; an IPv4 address mapped
	// into IPv6 in its plain form, no zone, and an IPv6 address as its /64.
	return func(r *http.Request) string { return "" }
}

// ByRoute counts requests per route: the pattern that matched, such as
// "GET /users/{id}", from r.Pattern, so that all users share one limit
// per route (protecting an expensive endpoint as a whole). r.Pattern is
// set by the router when it picks the handler: wrap the handler of a
// route, not the router, with a Middleware keyed by route.
func ByRoute() KeyFunc {
	// TODO(09.05-keys): "route:" and the pattern that matched.
	return func(r *http.Request) string { return "" }
}

// ByUser counts requests per user: user returns the user's id from the
// request's context (set by the authentication middleware), or "" for an
// anonymous request, which is counted by anonymous instead. With a nil
// anonymous, anonymous requests are not limited.
func ByUser(user func(context.Context) string, anonymous KeyFunc) KeyFunc {
	// TODO(09.05-keys): "user:" and the id, or anonymous's key (none if nil).
	return func(r *http.Request) string { return "" }
}
