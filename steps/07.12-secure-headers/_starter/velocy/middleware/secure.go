package middleware

import (
	"context"
	"net/http"
	"time"
)

// NoHeader, as the value of FrameOptions or ReferrerPolicy in
// [SecureOptions], sends no header at all instead of the default.
const NoHeader = "-"

// SecureOptions configures [SecureHeaders]. The zero value is a sound
// default for an HTML application: no sniffing, no framing, referrers cut
// to the origin across sites, and neither HSTS nor a content security
// policy, which only the application can decide on.
type SecureOptions struct {
	// FrameOptions is the X-Frame-Options header: "DENY" (the default) or
	// "SAMEORIGIN", in any case; NoHeader sends none, for pages meant to be
	// framed (say where with a CSP frame-ancestors directive instead).
	FrameOptions string

	// ReferrerPolicy is the Referrer-Policy header: one policy token, or a
	// comma-separated list of them (browsers use the last they know);
	// "strict-origin-when-cross-origin" by default. NoHeader sends none.
	ReferrerPolicy string

	// HSTSMaxAge, when positive, sends Strict-Transport-Security telling
	// browsers to use only HTTPS for this host for that long (whole
	// seconds). It is sent only on requests that arrived over TLS (see
	// TrustForwardedProto). Off by default, because it cannot be taken
	// back: a browser that has seen it refuses plain HTTP to the host until
	// max-age has passed.
	HSTSMaxAge time.Duration

	// HSTSIncludeSubdomains adds includeSubDomains: every subdomain must
	// serve HTTPS too.
	HSTSIncludeSubdomains bool

	// HSTSPreload adds preload, the consent to be built into browsers'
	// preload lists. The lists require includeSubDomains and a max-age of
	// at least a year; SecureHeaders refuses preload without them.
	HSTSPreload bool

	// TrustForwardedProto counts a request whose X-Forwarded-Proto header
	// starts with "https" as a TLS request, for HSTS. Set it only behind a
	// proxy of yours that terminates TLS and sets that header itself.
	TrustForwardedProto bool

	// ContentSecurityPolicy is a fixed Content-Security-Policy for every
	// response; empty sends none.
	ContentSecurityPolicy string

	// ContentSecurityPolicyFunc returns the policy for one request, in
	// place of ContentSecurityPolicy (set one or the other); an empty
	// result sends none. With CSPNonce, it reads the request's nonce with
	// [CSPNonceFrom].
	ContentSecurityPolicyFunc func(r *http.Request) string

	// CSPNonce makes a fresh random nonce for each request and puts it in
	// the request's context, where ContentSecurityPolicyFunc and the
	// handler find it with [CSPNonceFrom]: the policy allows
	// 'nonce-<value>' and the page marks its own scripts with it. It needs
	// ContentSecurityPolicyFunc.
	CSPNonce bool

	// CSPReportOnly sends the policy as
	// Content-Security-Policy-Report-Only: browsers report violations
	// instead of blocking, to try a policy out before enforcing it.
	CSPReportOnly bool
}

// cspNonceKey is the context key of the request's CSP nonce.
type cspNonceKey struct{}

// CSPNonceFrom returns the nonce [SecureHeaders] made for the request
// whose context is ctx, or "" when there is none (CSPNonce is off).
func CSPNonceFrom(ctx context.Context) string {
	s, _ := ctx.Value(cspNonceKey{}).(string)
	return s
}

// SecureHeaders returns middleware that adds security headers to every
// response:
//
//	X-Content-Type-Options: nosniff
//	X-Frame-Options: DENY                   (FrameOptions)
//	Referrer-Policy: strict-origin-when-cross-origin   (ReferrerPolicy)
//	Strict-Transport-Security: max-age=...  (opt-in, TLS requests only)
//	Content-Security-Policy: ...            (opt-in, fixed or per request)
//
// The headers are set before the handler runs, so they are on every
// answer, errors and 404s included, and the handler has the last word: it
// may Set a header to another value or Del it for one route. For the same
// reason, a SecureHeaders on a group or route (Router.With) overrides the
// router-wide one, because it runs later.
//
// With CSPNonce, the handler gets a copy of the request carrying the
// nonce; SecureHeaders copies the copy's Pattern back when it returns, so
// that an [AccessLog] around it still learns the route.
//
// SecureHeaders panics on options that cannot be right: an unknown frame
// option or referrer policy, preload without its requirements, a header
// value holding a control character, or both a fixed and a per-request policy.
func SecureHeaders(opts SecureOptions) func(http.Handler) http.Handler {
	// TODO(07.12-secure-headers): build the header values once with
	// newSecure (panic with its error, prefixed "middleware: SecureHeaders: "),
	// then, for each request and before calling next, put them in
	// w.Header(): the shared slices for the fixed values; for
	// ContentSecurityPolicyFunc, its result (with CSPNonce, call it with a
	// copy of the request whose context holds rand.Text() under
	// cspNonceKey{}, pass that copy on, and copy its Pattern back).
	return func(next http.Handler) http.Handler { return next }
}

// secureHeaderSet holds the header values SecureHeaders sends, made once.
type secureHeaderSet struct {
	nosniff, frame, referrer, csp []string
	cspHeader                     string
}

// secureValue returns v as a header value that a handler cannot append
// to in place: with no spare capacity, append copies.
func secureValue(v string) []string { return []string{v}[:1:1] }

// newSecure checks the options and makes every value SecureHeaders sends.
func newSecure(o SecureOptions) (*secureHeaderSet, error) {
	// TODO(07.12-secure-headers): check the options and make each value
	// once with secureValue: X-Content-Type-Options always "nosniff";
	// FrameOptions "" or DENY (any case) -> "DENY", SAMEORIGIN ->
	// "SAMEORIGIN", NoHeader -> none, anything else an error; ReferrerPolicy
	// "" -> "strict-origin-when-cross-origin", NoHeader -> none, else a
	// comma-separated list of referrerPolicies; the policy header name
	// (cspHeader) with CSPReportOnly; and an error for a fixed policy and a
	// func together, CSPNonce without the func, or a control character
	// (a line break above all) in the fixed policy.
	return &secureHeaderSet{}, nil
}

// referrerPolicies are the tokens of the Referrer-Policy header.
var referrerPolicies = map[string]bool{
	"no-referrer":                     true,
	"no-referrer-when-downgrade":      true,
	"origin":                          true,
	"origin-when-cross-origin":        true,
	"same-origin":                     true,
	"strict-origin":                   true,
	"strict-origin-when-cross-origin": true,
	"unsafe-url":                      true,
}
