// Package ssrf is lesson 13.7's "fetch this URL" feature in three
// versions: the naive one, one that checks the URL's host name before
// fetching, and one built on velocy/safenet. Its tests are the attacks:
// the first two versions hand out a fake cloud metadata service's
// credentials, the third refuses.
package ssrf

import (
	"errors"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/safenet"
)

// Preview answers GET /preview?url=U with the first 512 bytes of U, the
// way a link preview or an avatar importer would, fetched with client.
func Preview(client *http.Client, allowed func(*url.URL) error) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u, err := url.Parse(r.URL.Query().Get("url"))
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
			http.Error(w, "bad url", http.StatusBadRequest)
			return
		}
		if allowed != nil {
			if err := allowed(u); err != nil {
				http.Error(w, err.Error(), http.StatusForbidden)
				return
			}
		}
		resp, err := client.Get(u.String())
		if err != nil {
			status := http.StatusBadGateway
			if errors.Is(err, safenet.ErrForbidden) {
				status = http.StatusForbidden
			}
			http.Error(w, "cannot fetch", status)
			return
		}
		defer resp.Body.Close()
		io.Copy(w, io.LimitReader(resp.Body, 512))
	})
}

// HostCheck is the check most code starts with: look at the host name in
// the URL and refuse the ones that look internal.
func HostCheck(u *url.URL) error {
	host := u.Hostname()
	if host == "localhost" || strings.HasSuffix(host, ".internal") {
		return errors.New("internal host")
	}
	if ip := net.ParseIP(host); ip != nil {
		if a, ok := netip.AddrFromSlice(ip); ok && safenet.Classify(a.Unmap()) != "" {
			return errors.New("internal address")
		}
	}
	return nil
}
