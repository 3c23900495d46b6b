package middleware

import "net/http"

// hstsValue returns the Strict-Transport-Security value the options ask
// for, "" when HSTS is off, or an error for options that cannot be right.
func hstsValue(o SecureOptions) (string, error) {
	// TODO(07.12-hsts): "" when o.HSTSMaxAge is 0 (an error if
	// HSTSIncludeSubdomains or HSTSPreload is set anyway); an error for a
	// negative max-age or one under a second, and for HSTSPreload without
	// HSTSIncludeSubdomains and a year; else "max-age=<whole seconds>",
	// then "; includeSubDomains" and "; preload" when asked.
	return "", nil
}

// isHTTPS reports whether r reached us over TLS: r.TLS is set by the
// server that did the handshake; behind a proxy that terminates TLS, only
// the proxy's X-Forwarded-Proto header can say so, if it is trusted.
func isHTTPS(r *http.Request, trustForwardedProto bool) bool {
	// TODO(07.12-hsts): r.TLS, or a trusted X-Forwarded-Proto that
	// forwardedHTTPS accepts.
	return false
}

// forwardedHTTPS reports whether an X-Forwarded-Proto value names https.
// A chain of proxies may append to the header; the first value is what
// the outermost one saw from the client.
func forwardedHTTPS(v string) bool {
	// TODO(07.12-hsts): the part before the first comma, without spaces
	// around it, is "https" in any case.
	return false
}
