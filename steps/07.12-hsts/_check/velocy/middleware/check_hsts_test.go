package middleware

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// hstsStepHeader serves r through SecureHeaders(opts) and returns its
// Strict-Transport-Security values.
func hstsStepHeader(opts SecureOptions, r *http.Request) []string {
	w := httptest.NewRecorder()
	SecureHeaders(opts)(http.NotFoundHandler()).ServeHTTP(w, r)
	return w.Header().Values("Strict-Transport-Security")
}

func TestHSTSOnTLSRequests(t *testing.T) {
	secs := 1 + rand.IntN(100000)
	age := time.Duration(secs)*time.Second + time.Duration(rand.IntN(1000))*time.Millisecond
	tlsReq := func() *http.Request { return httptest.NewRequest("GET", "https://example.com/", nil) }
	for _, tt := range []struct {
		opts SecureOptions
		want string
	}{
		{SecureOptions{HSTSMaxAge: age}, fmt.Sprintf("max-age=%d", secs)},
		{SecureOptions{HSTSMaxAge: age, HSTSIncludeSubdomains: true}, fmt.Sprintf("max-age=%d; includeSubDomains", secs)},
		{SecureOptions{HSTSMaxAge: 400 * 24 * time.Hour, HSTSIncludeSubdomains: true, HSTSPreload: true},
			"max-age=34560000; includeSubDomains; preload"},
	} {
		got := hstsStepHeader(tt.opts, tlsReq())
		if len(got) != 1 || got[0] != tt.want {
			t.Errorf("HSTSMaxAge %v, subdomains %v, preload %v, a TLS request: Strict-Transport-Security = %q, want %q",
				tt.opts.HSTSMaxAge, tt.opts.HSTSIncludeSubdomains, tt.opts.HSTSPreload, got, tt.want)
		}
	}
	if got := hstsStepHeader(SecureOptions{}, tlsReq()); len(got) != 0 {
		t.Errorf("SecureOptions{}, a TLS request: Strict-Transport-Security = %q, want none: HSTS is opt-in", got)
	}
}

func TestHSTSNeverOnPlainHTTP(t *testing.T) {
	age := time.Duration(1+rand.IntN(1000)) * time.Hour
	want := fmt.Sprintf("max-age=%d", int(age/time.Second))
	for _, tt := range []struct {
		trust bool
		proto []string
		sent  bool
	}{
		{false, nil, false},
		{false, []string{"https"}, false},
		{true, nil, false},
		{true, []string{"http"}, false},
		{true, []string{"https"}, true},
		{true, []string{"HTTPS"}, true},
		{true, []string{" https , http"}, true},
		{true, []string{"http, https"}, false},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		for _, p := range tt.proto {
			r.Header.Add("X-Forwarded-Proto", p)
		}
		got := hstsStepHeader(SecureOptions{HSTSMaxAge: age, TrustForwardedProto: tt.trust}, r)
		if tt.sent && (len(got) != 1 || got[0] != want) {
			t.Errorf("plain HTTP, TrustForwardedProto %v, X-Forwarded-Proto %q: Strict-Transport-Security = %q, want %q", tt.trust, tt.proto, got, want)
		}
		if !tt.sent && len(got) != 0 {
			t.Errorf("plain HTTP, TrustForwardedProto %v, X-Forwarded-Proto %q: Strict-Transport-Security = %q, want none", tt.trust, tt.proto, got)
		}
	}
}

func TestHSTSRefusesMistakes(t *testing.T) {
	year := 365 * 24 * time.Hour
	for _, tt := range []struct {
		opts SecureOptions
		why  string
	}{
		{SecureOptions{HSTSMaxAge: -time.Duration(1+rand.IntN(100)) * time.Second}, "a negative HSTSMaxAge"},
		{SecureOptions{HSTSMaxAge: time.Duration(1+rand.IntN(999)) * time.Millisecond}, "an HSTSMaxAge under a second"},
		{SecureOptions{HSTSIncludeSubdomains: true}, "HSTSIncludeSubdomains without HSTSMaxAge"},
		{SecureOptions{HSTSMaxAge: 2 * year, HSTSPreload: true}, "HSTSPreload without HSTSIncludeSubdomains"},
		{SecureOptions{HSTSMaxAge: year - time.Hour, HSTSPreload: true, HSTSIncludeSubdomains: true}, "HSTSPreload with less than a year"},
	} {
		func() {
			defer func() {
				if got := fmt.Sprint(recover()); !strings.HasPrefix(got, "middleware: SecureHeaders: ") {
					t.Errorf("SecureHeaders with %s: panicked with %q, want a panic whose message starts with \"middleware: SecureHeaders: \"", tt.why, got)
				}
			}()
			SecureHeaders(tt.opts)
		}()
	}
}
