package admin

import (
	"crypto/sha256"
	"net/http"
)

// GuardOptions says who may reach the guarded handler. Each option that is
// set is a requirement, and a request must meet all of them:
//
//   - Token: the request carries "Authorization: Bearer <Token>";
//   - AllowLoopback: the connection comes from a loopback address
//     (127.0.0.0/8, ::1).
//
// With neither set, nobody is let in: a guard that was not configured
// fails closed.
type GuardOptions struct {
	// Token is the bearer token a request must present. Compare against
	// a long random value (32 bytes from crypto/rand, base64-encoded):
	// it is the only secret the profiler's endpoint has.
	Token string
	// AllowLoopback lets in connections from loopback addresses only. It
	// looks at the connection's address (Request.RemoteAddr), never at
	// X-Forwarded-For or Forwarded, which any client can write. Behind a
	// reverse proxy on the same host every request comes from loopback:
	// there, set a Token too, or serve the admin endpoints on a listener
	// the proxy does not forward to.
	AllowLoopback bool
}

// Guard returns middleware that lets through the requests opts allows and
// answers every other with 404 Not Found, as if nothing were there: a
// 401 or a 403 would tell a scanner that an admin surface exists and is
// worth attacking.
//
// The token is compared in constant time (crypto/subtle) over SHA-256
// digests of both values, so that neither the token's bytes nor its
// length leak through the time an answer takes.
func Guard(opts GuardOptions) func(http.Handler) http.Handler {
	// TODO(12.09): work out once, here, what is required (the SHA-256
	// digest of the token, when there is one; loopback); with neither
	// option set, refuse everyone. The middleware lets a request through
	// when it meets every requirement (tokenMatches, fromLoopback) and
	// answers http.NotFound otherwise.
	return func(next http.Handler) http.Handler {
		return http.NotFoundHandler()
	}
}

// tokenMatches reports whether r carries the bearer token whose SHA-256
// digest is want.
func tokenMatches(r *http.Request, want *[sha256.Size]byte) bool {
	// TODO(12.09): exactly one Authorization header, "Bearer <token>" (the
	// scheme in any case); compare the token's digest with want using
	// crypto/subtle.ConstantTimeCompare.
	return false
}

// fromLoopback reports whether r's connection comes from a loopback
// address. A RemoteAddr that is not an IP address and port (a Unix
// socket's, a test's "pipe") is not loopback.
func fromLoopback(r *http.Request) bool {
	// TODO(12.09): split r.RemoteAddr (net.SplitHostPort), parse the host
	// (net/netip), and ask IsLoopback of the address, unmapped. Never look
	// at X-Forwarded-For or Forwarded: any client writes those.
	return false
}
