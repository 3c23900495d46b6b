package middleware

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
)

// corsSubLabel returns a random DNS label of lower-case letters and digits,
// with a hyphen inside now and then.
func corsSubLabel() string {
	const chars = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 3+rand.IntN(6))
	for i := range b {
		b[i] = chars[rand.IntN(len(chars))]
	}
	if rand.IntN(2) == 0 {
		b[1] = '-'
	}
	return string(b)
}

// corsSubBuild returns CORS(opts) around an empty handler, failing the test
// with a message if CORS panics.
func corsSubBuild(t *testing.T, opts CORSOptions) (h http.Handler) {
	t.Helper()
	defer func() {
		if v := recover(); v != nil {
			t.Fatalf("CORS(AllowedOrigins %q) panicked: %v; want the pattern accepted", opts.AllowedOrigins, v)
		}
	}()
	return CORS(opts)(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
}

// corsSubPanics reports whether CORS(opts) panics.
func corsSubPanics(opts CORSOptions) (panicked bool) {
	defer func() { panicked = recover() != nil }()
	CORS(opts)
	return false
}

func TestCORSSubdomainPatterns(t *testing.T) {
	domain := corsSubLabel() + ".test"
	port := 1024 + rand.IntN(60000)
	pattern := "https://*." + domain
	withPort := fmt.Sprintf("http://*.%s:%d", domain, port)
	h := corsSubBuild(t, CORSOptions{AllowedOrigins: []string{pattern, withPort}})
	a, b := corsSubLabel(), corsSubLabel()
	tests := []struct {
		origin string
		ok     bool
	}{
		{"https://" + a + "." + domain, true},
		{"https://" + a + "." + b + "." + domain, true},
		{fmt.Sprintf("http://%s.%s:%d", a, domain, port), true},
		{"https://" + domain, false},                         // the domain itself is not a subdomain
		{"https://." + domain, false},                        // an empty label
		{"https://" + a + ".." + domain, false},              // an empty label
		{"https://" + domain + ".evil.net", false},           // the domain, then someone else's
		{"https://" + a + "." + domain + ".evil.net", false}, // the same
		{"https://" + a + domain, false},                     // no dot: another domain
		{"http://" + a + "." + domain, false},                // another scheme
		{"https://" + a + "." + domain + ":8443", false},     // another port
		{fmt.Sprintf("http://%s.%s", a, domain), false},      // no port
		{"https://evil.net/." + domain, false},               // a path is not a label
		{"https://user@" + a + "." + domain, false},          // neither is a user name
		{"https://" + a + "_x." + domain, false},             // nor a name with "_"
	}
	for _, tt := range tests {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Origin", tt.origin)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		got := w.Header().Get("Access-Control-Allow-Origin")
		if tt.ok && got != tt.origin {
			t.Errorf("AllowedOrigins %q, Origin %s: Access-Control-Allow-Origin %q, want the origin echoed", []string{pattern, withPort}, tt.origin, got)
		}
		if !tt.ok && got != "" {
			t.Errorf("AllowedOrigins %q, Origin %s: Access-Control-Allow-Origin %q, want none", []string{pattern, withPort}, tt.origin, got)
		}
	}
	for _, bad := range []string{"https://" + a + ".*." + domain, "https://*" + domain, "https://*.*." + domain, "https://*."} {
		if !corsSubPanics(CORSOptions{AllowedOrigins: []string{bad}}) {
			t.Errorf("CORS(AllowedOrigins [%q]) did not panic: a star may only stand for the first labels", bad)
		}
	}
}
