package admin

import (
	"crypto/sha256"
	"crypto/subtle"
	"net"
	"net/http"
	"net/netip"
	"strings"
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
	var want [sha256.Size]byte
	useToken := opts.Token != ""
	if useToken {
		want = sha256.Sum256([]byte(opts.Token))
	}
	loopback := opts.AllowLoopback
	closed := !useToken && !loopback
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ok := !closed
			if ok && loopback && !fromLoopback(r) {
				ok = false
			}
			if ok && useToken && !tokenMatches(r, &want) {
				ok = false
			}
			if !ok {
				http.NotFound(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// tokenMatches reports whether r carries the bearer token whose SHA-256
// digest is want.
func tokenMatches(r *http.Request, want *[sha256.Size]byte) bool {
	v := r.Header.Values("Authorization")
	if len(v) != 1 {
		return false
	}
	scheme, token, ok := strings.Cut(v[0], " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return false
	}
	got := sha256.Sum256([]byte(strings.TrimLeft(token, " ")))
	return subtle.ConstantTimeCompare(got[:], want[:]) == 1
}

// fromLoopback reports whether r's connection comes from a loopback
// address. A RemoteAddr that is not an IP address and port (a Unix
// socket's, a test's "pipe") is not loopback.
func fromLoopback(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	return ip.Unmap().IsLoopback()
}
