package localca

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
)

// caRedirect sends a request for target with Host host through h.
func caRedirect(h http.Handler, method, host, target string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, nil)
	r.Host = host
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func caRandomTarget() string {
	seg := []string{"a", "search", "users", "%2F", "p%20q", "caf%C3%A9", "x.y"}
	target := ""
	for range 1 + rand.IntN(3) {
		target += "/" + seg[rand.IntN(len(seg))]
	}
	switch rand.IntN(3) {
	case 0:
		target += fmt.Sprintf("?q=%d&next=%%2Fhome", rand.IntN(1000))
	case 1:
		target += "?"
	}
	return target
}

func TestCARedirectHTTPSKeepsPathAndQuery(t *testing.T) {
	for range 20 {
		port := fmt.Sprint(1024 + rand.IntN(60000))
		target := caRandomTarget()
		method := []string{"GET", "HEAD", "POST"}[rand.IntN(3)]
		w := caRedirect(RedirectHTTPS(port), method, "Shop.Example:8080", target)
		want := "https://shop.example:" + port + target
		if w.Code != http.StatusPermanentRedirect || w.Header().Get("Location") != want {
			t.Fatalf("%s http://Shop.Example:8080%s with httpsPort %s: %d %q, want 308 %q (same path and query, exactly as sent; 308 keeps the method)",
				method, target, port, w.Code, w.Header().Get("Location"), want)
		}
	}
	for _, port := range []string{"", "443"} {
		target := caRandomTarget()
		if got := caRedirect(RedirectHTTPS(port), "GET", "shop.example", target).Header().Get("Location"); got != "https://shop.example"+target {
			t.Errorf("httpsPort %q, %s: Location %q, want no port in the URL", port, target, got)
		}
	}
	if got := caRedirect(RedirectHTTPS("8443"), "GET", "[::1]:80", "/x").Header().Get("Location"); got != "https://[::1]:8443/x" {
		t.Errorf("Host [::1]:80: Location %q, want https://[::1]:8443/x", got)
	}
}

func TestCARedirectHTTPSHosts(t *testing.T) {
	n := rand.IntN(1000)
	mine, www := fmt.Sprintf("shop%d.example", n), fmt.Sprintf("www.shop%d.example", n)
	h := RedirectHTTPS("", mine, www)
	for host, want := range map[string]int{mine: 308, www + ":80": 308, "evil.example": 421, "evil.example:80": 421} {
		if w := caRedirect(h, "GET", host, "/"); w.Code != want {
			t.Errorf("RedirectHTTPS(\"\", %q, %q) with Host %s: %d, want %d", mine, www, host, w.Code, want)
		}
	}
	for _, bad := range []string{"", "evil\".example", "a b", "evil.example/@x"} {
		if w := caRedirect(RedirectHTTPS(""), "GET", bad, "/"); w.Code != http.StatusMisdirectedRequest {
			t.Errorf("Host %q: %d %q, want 421: never put a Host that is not a host name into a URL", bad, w.Code, w.Header().Get("Location"))
		}
	}
}
