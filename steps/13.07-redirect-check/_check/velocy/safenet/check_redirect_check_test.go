package safenet

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"sync/atomic"
	"testing"
)

var redirectCheckAllow = Options{Allow: []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32")}}

func TestSafenetRedirectSchemeAndCredentials(t *testing.T) {
	var hits atomic.Int32
	final := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hits.Add(1) }))
	defer final.Close()
	u, _ := url.Parse(final.URL)
	u.User = url.UserPassword(fmt.Sprintf("u%d", rand.IntN(1000)), fmt.Sprintf("p%d", rand.Int()))
	for _, target := range []string{u.String(), fmt.Sprintf("ftp://127.0.0.1:%d/", 1024+rand.IntN(60000)), "file:///etc/passwd"} {
		s := httptest.NewServer(http.RedirectHandler(target, http.StatusFound))
		_, err := redirectCheckAllow.Client().Get(s.URL)
		s.Close()
		if !errors.Is(err, ErrForbidden) {
			t.Fatalf("a redirect to %s: %v, want ErrForbidden from checkRedirect", target, err)
		}
	}
	if hits.Load() != 0 {
		t.Fatal("the redirect with credentials was followed")
	}
}

func TestSafenetRedirectLimit(t *testing.T) {
	var hits atomic.Int32
	chain := 6 + rand.IntN(10)
	var s *httptest.Server
	s = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := hits.Add(1); int(n) <= chain {
			http.Redirect(w, r, fmt.Sprintf("%s/%d", s.URL, n), http.StatusFound)
		}
	}))
	defer s.Close()
	_, err := redirectCheckAllow.Client().Get(s.URL)
	if !errors.Is(err, ErrForbidden) || int(hits.Load()) != MaxRedirects {
		t.Fatalf("a chain of %d redirects: %d requests and %v; want %d requests (stop when len(via) reaches MaxRedirects) and ErrForbidden",
			chain, hits.Load(), err, MaxRedirects)
	}
}

func TestSafenetCheckRedirectIPs(t *testing.T) {
	via := []*http.Request{httptest.NewRequest("GET", "http://example.com/", nil)}
	for _, host := range []string{
		fmt.Sprintf("10.%d.%d.%d", rand.IntN(256), rand.IntN(256), 1+rand.IntN(254)),
		"[::ffff:169.254.169.254]",
		fmt.Sprintf("127.0.0.%d", 2+rand.IntN(250)),
	} {
		req := httptest.NewRequest("GET", "http://"+host+"/latest/meta-data/", nil)
		if err := redirectCheckAllow.checkRedirect(req, via); !errors.Is(err, ErrForbidden) {
			t.Fatalf("checkRedirect(http://%s/) = %v, want ErrForbidden before anything is dialled", host, err)
		}
	}
	ok := httptest.NewRequest("GET", fmt.Sprintf("https://52.%d.%d.%d/", rand.IntN(256), rand.IntN(256), 1+rand.IntN(254)), nil)
	if err := redirectCheckAllow.checkRedirect(ok, via); err != nil {
		t.Fatalf("checkRedirect(%s) = %v, want nil", ok.URL, err)
	}
}
