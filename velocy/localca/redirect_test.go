package localca

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

func TestRedirectHTTPS(t *testing.T) {
	for _, c := range []struct {
		port, target, host, want string
		code                     int
	}{
		{"", "/a/b?x=1&y=%2F", "shop.example", "https://shop.example/a/b?x=1&y=%2F", 308},
		{"443", "/", "shop.example:80", "https://shop.example/", 308},
		{"8443", "/p%20q?r", "Shop.Example:8080", "https://shop.example:8443/p%20q?r", 308},
		{"8443", "//evil.example/x", "shop.example", "https://shop.example:8443//evil.example/x", 308},
		{"", "/", "[::1]:80", "https://[::1]/", 308},
		{"", "/", "evil\".example", "", 421},
	} {
		r := httptest.NewRequest("POST", "http://placeholder"+c.target, nil)
		r.Host = c.host
		r.RequestURI = c.target
		w := httptest.NewRecorder()
		RedirectHTTPS(c.port).ServeHTTP(w, r)
		if w.Code != c.code || w.Header().Get("Location") != c.want {
			t.Errorf("%s%s with port %q: %d %q, want %d %q", c.host, c.target, c.port, w.Code, w.Header().Get("Location"), c.code, c.want)
		}
	}
}

func TestRedirectHTTPSOnlyItsHosts(t *testing.T) {
	h := RedirectHTTPS("", "shop.example", "www.shop.example")
	for host, want := range map[string]int{"shop.example": 308, "WWW.shop.example:80": 308, "evil.example": 421} {
		r := httptest.NewRequest("GET", "/", nil)
		r.Host = host
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != want {
			t.Errorf("Host %s: %d, want %d", host, w.Code, want)
		}
	}
}

func TestRedirectHTTPSOverTheWire(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: RedirectHTTPS("8443"), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	defer srv.Close()
	c := &http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get("http://localhost:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port) + "/search?q=go+tls&page=2")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if want := "https://localhost:8443/search?q=go+tls&page=2"; resp.StatusCode != 308 || resp.Header.Get("Location") != want {
		t.Fatalf("%d %q, want 308 %q", resp.StatusCode, resp.Header.Get("Location"), want)
	}
}
