package ws

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestOriginPolicy(t *testing.T) {
	patterns := []string{"https://app.example.com", "https://*.example.com", "http://*.dev.test:8080", "https://bad.*.com", "not a pattern"}
	for _, tc := range []struct {
		host    string
		origins []string // Origin header lines
		want    bool
	}{
		// No Origin: not a browser.
		{"example.com", nil, true},
		// Same origin, ports by scheme.
		{"example.com", []string{"http://example.com"}, true},
		{"example.com", []string{"https://example.com"}, true},
		{"example.com", []string{"HTTPS://EXAMPLE.COM"}, true},
		{"Example.COM", []string{"https://example.com"}, true},
		{"example.com", []string{"https://example.com:443"}, true},
		{"example.com", []string{"http://example.com:80"}, true},
		{"example.com", []string{"http://example.com:443"}, false},
		{"example.com", []string{"https://example.com:8443"}, false},
		{"example.com:443", []string{"https://example.com"}, true},
		{"example.com:443", []string{"http://example.com"}, false},
		{"example.com:8080", []string{"http://example.com:8080"}, true},
		{"example.com:8080", []string{"http://example.com:08080"}, true},
		{"example.com:8080", []string{"http://example.com"}, false},
		{"example.com:8080", []string{"http://example.com:8081"}, false},
		{"example.com.", []string{"https://example.com"}, true},
		{"example.com", []string{"https://example.com."}, true},
		{"127.0.0.1:8080", []string{"http://127.0.0.1:8080"}, true},
		{"[::1]:8080", []string{"http://[::1]:8080"}, true},
		{"[::1]", []string{"https://[::1]"}, true},
		{"[::1]:8080", []string{"http://[::2]:8080"}, false},
		// Other sites.
		{"example.com", []string{"https://evil.net"}, false},
		{"example.com", []string{"https://example.com.evil.net"}, false},
		{"example.com", []string{"https://evilexample.com"}, false},
		{"example.org", []string{"https://sub.example.org"}, false},
		{"example.com", []string{"ftp://example.com"}, false},
		// Malformed or opaque origins.
		{"example.com", []string{"null"}, false},
		{"example.com", []string{""}, false},
		{"example.com", []string{"example.com"}, false},
		{"example.com", []string{"https://example.com/"}, false},
		{"example.com", []string{"https://user@example.com"}, false},
		{"example.com", []string{"https://example..com"}, false},
		{"example.com", []string{"https://example.com:0"}, false},
		{"example.com", []string{"https://example.com:99999"}, false},
		{"example.com", []string{"https://example.com:+443"}, false},
		{"example.com", []string{"https://exa%6dple.com"}, false},
		{"example.com", []string{"https://example.com", "https://example.com"}, false},
		// Listed origins: exact.
		{"api.example.com", []string{"https://app.example.com"}, true},
		{"api.example.com", []string{"https://APP.example.com:443"}, true},
		{"api.example.com", []string{"https://app.example.com."}, true},
		{"api.example.com", []string{"http://app.example.com"}, false},
		{"api.example.com", []string{"https://app.example.com:8443"}, false},
		// Listed origins: wildcard.
		{"api.other.org", []string{"https://a.example.com"}, true},
		{"api.other.org", []string{"https://a.b.example.com"}, true},
		{"api.other.org", []string{"https://A.Example.Com"}, true},
		{"api.other.org", []string{"https://example.com"}, false},
		{"api.other.org", []string{"https://.example.com"}, false},
		{"api.other.org", []string{"https://example.com.evil.net"}, false},
		{"api.other.org", []string{"https://a.example.com.evil.net"}, false},
		{"api.other.org", []string{"https://evilexample.com"}, false},
		{"api.other.org", []string{"http://a.example.com"}, false},
		{"api.other.org", []string{"https://a.example.com:444"}, false},
		{"api.other.org", []string{"http://x.dev.test:8080"}, true},
		{"api.other.org", []string{"http://x.dev.test"}, false},
		{"api.other.org", []string{"https://bad.x.com"}, false},
		{"api.other.org", []string{"null"}, false},
	} {
		r := httptest.NewRequest(http.MethodGet, "http://"+tc.host+"/ws", nil)
		r.Host = tc.host
		for _, o := range tc.origins {
			r.Header.Add("Origin", o)
		}
		u := &Upgrader{Origins: patterns}
		if got := u.originAllowed(r); got != tc.want {
			t.Errorf("Host %q, Origin %q: allowed = %v, want %v", tc.host, tc.origins, got, tc.want)
		}
	}
}

func TestCheckOriginReplacesPolicy(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "http://example.com/ws", nil)
	r.Header.Set("Origin", "null")
	u := &Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
	if !u.originAllowed(r) {
		t.Errorf("CheckOrigin returning true: refused")
	}
	r.Header.Del("Origin")
	u.CheckOrigin = func(*http.Request) bool { return false }
	if u.originAllowed(r) {
		t.Errorf("CheckOrigin returning false: allowed a request without Origin")
	}
}

func TestMalformedPatternsMatchNothing(t *testing.T) {
	o, ok := parseOrigin("https://a.example.com", false)
	if !ok {
		t.Fatal("parseOrigin refused https://a.example.com")
	}
	for _, p := range []string{"", "*", "https://*", "https://*.", "https://**.example.com", "https://*example.com", "*.example.com", "https://a.example.com/", "https://*.example.com:x"} {
		if matchOrigin(p, o) {
			t.Errorf("pattern %q matched %+v", p, o)
		}
	}
	if _, ok := parseOrigin("https://*.example.com", false); ok {
		t.Errorf("an Origin header with a wildcard parsed")
	}
}

func FuzzParseOrigin(f *testing.F) {
	for _, s := range []string{"https://example.com", "http://[::1]:8080", "null", "https://*.example.com", "HTTP://A.B.:0080", "x://", "https://[", "https://a:b:c"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, ok := parseOrigin(s, false)
		if !ok {
			return
		}
		if o.wildcard || o.host == "" || strings.HasSuffix(o.host, ".") || o.host != strings.ToLower(o.host) {
			t.Fatalf("parseOrigin(%q) = %+v", s, o)
		}
		// An origin listed as itself matches itself.
		if !matchOrigin(s, o) {
			t.Fatalf("pattern %q does not match its own origin %+v", s, o)
		}
	})
}

func TestPackageUpgradeIsTheZeroUpgrader(t *testing.T) {
	r := upgradeRequest("example.com")
	r.Header.Set("Origin", "https://other.example.com")
	w := httptest.NewRecorder()
	if _, err := Upgrade(w, r); w.Code != http.StatusForbidden || err == nil {
		t.Fatalf("Upgrade of a cross-origin request: %d, %v", w.Code, err)
	}
}
