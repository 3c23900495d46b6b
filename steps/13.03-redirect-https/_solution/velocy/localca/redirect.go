package localca

import (
	"net"
	"net/http"
	"strings"
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
	allowed := make(map[string]bool, len(hosts))
	for _, h := range hosts {
		allowed[strings.ToLower(h)] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host := strings.ToLower(r.Host)
		if h, _, err := net.SplitHostPort(host); err == nil {
			host = h
		}
		host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
		if !validHost(host) || len(allowed) > 0 && !allowed[host] {
			http.Error(w, "misdirected request", http.StatusMisdirectedRequest)
			return
		}
		if strings.Contains(host, ":") { // IPv6
			host = "[" + host + "]"
		}
		if httpsPort != "" && httpsPort != "443" {
			host += ":" + httpsPort
		}
		target := "https://" + host + r.URL.RequestURI()
		if r.RequestURI != "" && r.RequestURI[0] == '/' {
			target = "https://" + host + r.RequestURI // as the client sent it
		}
		w.Header().Set("Location", target)
		w.WriteHeader(http.StatusPermanentRedirect)
	})
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
