package middleware

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// hstsValue returns the Strict-Transport-Security value the options ask
// for, "" when HSTS is off, or an error for options that cannot be right.
func hstsValue(o SecureOptions) (string, error) {
	if o.HSTSMaxAge < 0 || o.HSTSMaxAge > 0 && o.HSTSMaxAge < time.Second {
		return "", fmt.Errorf("HSTSMaxAge %v: want 0 (no HSTS) or at least a second", o.HSTSMaxAge)
	}
	if o.HSTSMaxAge == 0 {
		if o.HSTSIncludeSubdomains || o.HSTSPreload {
			return "", errors.New("HSTSIncludeSubdomains or HSTSPreload without HSTSMaxAge: HSTS is off")
		}
		return "", nil
	}
	if o.HSTSPreload && (!o.HSTSIncludeSubdomains || o.HSTSMaxAge < 365*24*time.Hour) {
		return "", errors.New("HSTSPreload needs HSTSIncludeSubdomains and an HSTSMaxAge of a year or more")
	}
	v := "max-age=" + strconv.FormatInt(int64(o.HSTSMaxAge/time.Second), 10)
	if o.HSTSIncludeSubdomains {
		v += "; includeSubDomains"
	}
	if o.HSTSPreload {
		v += "; preload"
	}
	return v, nil
}

// isHTTPS reports whether r reached us over TLS: r.TLS is set by the
// server that did the handshake; behind a proxy that terminates TLS, only
// the proxy's X-Forwarded-Proto header can say so, if it is trusted.
func isHTTPS(r *http.Request, trustForwardedProto bool) bool {
	return r.TLS != nil ||
		trustForwardedProto && forwardedHTTPS(r.Header.Get("X-Forwarded-Proto"))
}

// forwardedHTTPS reports whether an X-Forwarded-Proto value names https.
// A chain of proxies may append to the header; the first value is what
// the outermost one saw from the client.
func forwardedHTTPS(v string) bool {
	first, _, _ := strings.Cut(v, ",")
	return strings.EqualFold(strings.TrimSpace(first), "https")
}
