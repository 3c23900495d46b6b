package safenet

import (
	"net/http"
)

// MaxRedirects is how many redirects [Options.Client] follows.
const MaxRedirects = 5

// Transport returns an http.Transport that dials with [Options.Dialer]
// and uses no proxy: a proxy would connect on our behalf, where the
// dialer's check cannot see the address.
func (o Options) Transport() *http.Transport {
	// TODO(13.07): dial with o.Dialer().DialContext, Proxy nil, and the
	// timeouts and pool sizes of http.DefaultTransport.
	return &http.Transport{}
}

// Client returns an http.Client for URLs that users supply: its transport
// is [Options.Transport], so every connection, to the first URL or to a
// redirect's, is checked when dialled. Each redirect is also checked
// before it is followed: at most MaxRedirects, only to http and https,
// no credentials in the URL, and no IP address the options refuse.
func (o Options) Client() *http.Client {
	// TODO(13.07): o.Transport(), o.checkRedirect as CheckRedirect, and
	// o.Timeout (30 s when zero) as Timeout.
	return &http.Client{}
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
