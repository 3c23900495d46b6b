package safenet

import (
	"net/http"
	"time"
)

// MaxRedirects is how many redirects [Options.Client] follows.
const MaxRedirects = 5

// Transport returns an http.Transport that dials with [Options.Dialer]
// and uses no proxy: a proxy would connect on our behalf, where the
// dialer's check cannot see the address.
func (o Options) Transport() *http.Transport {
	return &http.Transport{
		Proxy:                 nil,
		DialContext:           o.Dialer().DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// Client returns an http.Client for URLs that users supply: its transport
// is [Options.Transport], so every connection, to the first URL or to a
// redirect's, is checked when dialled. Each redirect is also checked
// before it is followed: at most MaxRedirects, only to http and https,
// no credentials in the URL, and no IP address the options refuse.
func (o Options) Client() *http.Client {
	timeout := o.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	return &http.Client{
		Transport:     o.Transport(),
		CheckRedirect: o.checkRedirect,
		Timeout:       timeout,
	}
}

// checkRedirect vets the next hop of a redirect chain. The dialer checks
// the address anyway; refusing here gives a clearer error, and refuses
// what a dialer cannot see (a scheme, a password in the URL).
func (o Options) checkRedirect(req *http.Request, via []*http.Request) error {
	// TODO(13.07): refuse (wrapping ErrForbidden) a chain of MaxRedirects
	// redirects, a scheme other than http and https, a URL with a user
	// name or password, and a host that is an IP address o.Check refuses.
	return nil
}
