package middleware

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestSecureHSTS(t *testing.T) {
	year := 365 * 24 * time.Hour
	tlsReq := httptest.NewRequest("GET", "https://example.com/", nil) // sets req.TLS
	plain := func(proto ...string) *http.Request {
		r := httptest.NewRequest("GET", "/", nil)
		for _, p := range proto {
			r.Header.Add("X-Forwarded-Proto", p)
		}
		return r
	}
	tests := []struct {
		name string
		opts SecureOptions
		req  *http.Request
		want string
	}{
		{"off by default, even on TLS", SecureOptions{}, tlsReq, ""},
		{"max-age on TLS", SecureOptions{HSTSMaxAge: 90*time.Second + 500*time.Millisecond}, tlsReq, "max-age=90"},
		{"all", SecureOptions{HSTSMaxAge: 2 * year, HSTSIncludeSubdomains: true, HSTSPreload: true}, tlsReq,
			"max-age=63072000; includeSubDomains; preload"},
		{"subdomains", SecureOptions{HSTSMaxAge: time.Hour, HSTSIncludeSubdomains: true}, tlsReq, "max-age=3600; includeSubDomains"},
		{"never on plain HTTP", SecureOptions{HSTSMaxAge: year}, plain(), ""},
		{"forwarded proto, untrusted", SecureOptions{HSTSMaxAge: year}, plain("https"), ""},
		{"forwarded proto, trusted", SecureOptions{HSTSMaxAge: year, TrustForwardedProto: true}, plain("HTTPS"), "max-age=31536000"},
		{"forwarded http, trusted", SecureOptions{HSTSMaxAge: year, TrustForwardedProto: true}, plain("http"), ""},
		{"first of a list", SecureOptions{HSTSMaxAge: year, TrustForwardedProto: true}, plain(" https , http"), "max-age=31536000"},
		{"first of two headers", SecureOptions{HSTSMaxAge: year, TrustForwardedProto: true}, plain("http", "https"), ""},
		{"trusted, no header", SecureOptions{HSTSMaxAge: year, TrustForwardedProto: true}, plain(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			secureWant(t, secureGet(t, tt.opts, nil, tt.req), "Strict-Transport-Security", tt.want)
		})
	}
}

// TestSecureHSTSOverRealTLS checks r.TLS as a real TLS server sets it.
func TestSecureHSTSOverRealTLS(t *testing.T) {
	h := SecureHeaders(SecureOptions{HSTSMaxAge: time.Hour})(http.NotFoundHandler())
	for _, srv := range []*httptest.Server{httptest.NewTLSServer(h), httptest.NewServer(h)} {
		defer srv.Close()
		resp, err := srv.Client().Get(srv.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		want := ""
		if resp.TLS != nil {
			want = "max-age=3600"
		}
		if got := resp.Header.Get("Strict-Transport-Security"); got != want {
			t.Errorf("%s: Strict-Transport-Security = %q, want %q", srv.URL, got, want)
		}
	}
}

func FuzzSecureForwardedHTTPS(f *testing.F) {
	for _, s := range []string{"https", "HTTPS", " https,http", "http", "", ",https", "httpsx", "wss"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		got := forwardedHTTPS(v)
		first := strings.ToLower(strings.TrimSpace(strings.SplitN(v, ",", 2)[0]))
		if got != (first == "https") {
			t.Errorf("forwardedHTTPS(%q) = %v, first value %q", v, got, first)
		}
	})
}
