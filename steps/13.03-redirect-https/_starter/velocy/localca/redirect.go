package localca

import (
	"net"
	"net/http"
)

// RedirectHTTPS returns the handler for a server's plain HTTP port. It
// answers every request with 308 Permanent Redirect to the same host,
// path and query over HTTPS: a bookmark or a link with a query string
// still lands where it pointed, and 308 (unlike 301) keeps the method and
// body, so a form that posts to http:// is not turned into a GET.
//
// httpsPort is the HTTPS server's port; "" or "443" leave it out of the
// URL. When hosts are given, only requests for one of them are
// redirected, and others get 421 Misdirected Request: the Host header is
// the client's to write, and a redirect to any name it likes is an open
// redirect.
func RedirectHTTPS(httpsPort string, hosts ...string) http.Handler {
	// TODO(13.03): lower-case the allowed hosts into a set. In the handler:
	// the host is r.Host without its port (net.SplitHostPort) and without
	// the brackets of an IPv6 address, lower-cased; if it is not
	// validHost, or hosts were given and it is not one of them, answer 421
	// Misdirected Request. Otherwise 308 Permanent Redirect with Location
	// https://host[:httpsPort] followed by r.RequestURI, exactly as the
	// client sent it (r.URL.RequestURI() when r.RequestURI is empty).
	return http.NotFoundHandler()
}

// validHost reports whether h can stand as the host of a URL: a DNS
// name's letters, digits, hyphens and dots, or an IP address.
func validHost(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	if net.ParseIP(h) != nil {
		return true
	}
	for _, c := range h {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}
