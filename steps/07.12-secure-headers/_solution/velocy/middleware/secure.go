package middleware

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"strings"
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
	s, err := newSecure(opts)
	if err != nil {
		panic(fmt.Errorf("middleware: SecureHeaders: %w", err))
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			// The slices are shared by every response: cap == len, so a
			// handler's Add copies before appending; Set replaces them.
			h["X-Content-Type-Options"] = s.nosniff
			if s.frame != nil {
				h["X-Frame-Options"] = s.frame
			}
			if s.referrer != nil {
				h["Referrer-Policy"] = s.referrer
			}
			if s.csp != nil {
				h[s.cspHeader] = s.csp
			} else if opts.ContentSecurityPolicyFunc != nil {
				if opts.CSPNonce {
					outer := r
					r = r.WithContext(context.WithValue(r.Context(), cspNonceKey{}, rand.Text()))
					// The router sets the copy's Pattern; a log around
					// SecureHeaders reads the request it was given.
					defer func() { outer.Pattern = r.Pattern }()
				}
				if policy := opts.ContentSecurityPolicyFunc(r); policy != "" {
					h.Set(s.cspHeader, policy)
				}
			}
			next.ServeHTTP(w, r)
		})
	}
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
	s := &secureHeaderSet{nosniff: secureValue("nosniff"), cspHeader: "Content-Security-Policy"}
	switch v := strings.ToUpper(o.FrameOptions); v {
	case "", "DENY":
		s.frame = secureValue("DENY")
	case "SAMEORIGIN":
		s.frame = secureValue(v)
	case NoHeader:
	default:
		return nil, fmt.Errorf("FrameOptions %q: want DENY, SAMEORIGIN or NoHeader", o.FrameOptions)
	}
	switch o.ReferrerPolicy {
	case "":
		s.referrer = secureValue("strict-origin-when-cross-origin")
	case NoHeader:
	default:
		for tok := range strings.SplitSeq(o.ReferrerPolicy, ",") {
			if !referrerPolicies[strings.TrimSpace(tok)] {
				return nil, fmt.Errorf("ReferrerPolicy %q: unknown policy %q", o.ReferrerPolicy, strings.TrimSpace(tok))
			}
		}
		s.referrer = secureValue(o.ReferrerPolicy)
	}

	if o.CSPReportOnly {
		s.cspHeader = "Content-Security-Policy-Report-Only"
	}
	switch {
	case o.ContentSecurityPolicy != "" && o.ContentSecurityPolicyFunc != nil:
		return nil, errors.New("both ContentSecurityPolicy and ContentSecurityPolicyFunc: set one")
	case o.CSPNonce && o.ContentSecurityPolicyFunc == nil:
		return nil, errors.New("CSPNonce needs ContentSecurityPolicyFunc to put the nonce in the policy")
	case strings.ContainsFunc(o.ContentSecurityPolicy, secureControl):
		return nil, fmt.Errorf("ContentSecurityPolicy %q holds a line break or another control character", o.ContentSecurityPolicy)
	case o.ContentSecurityPolicy != "":
		s.csp = secureValue(o.ContentSecurityPolicy)
	}
	return s, nil
}

// secureControl reports whether r may not appear in a header value: a
// control character other than tab (a line break would end the header).
func secureControl(r rune) bool { return r < ' ' && r != '\t' || r == 0x7f }

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
