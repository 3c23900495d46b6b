package middleware

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// secureGet runs one request through SecureHeaders(opts) around h (a
// handler that writes "ok" when nil) and returns the response's header.
func secureGet(t *testing.T, opts SecureOptions, h http.HandlerFunc, req *http.Request) http.Header {
	t.Helper()
	if h == nil {
		h = func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") }
	}
	if req == nil {
		req = httptest.NewRequest("GET", "/", nil)
	}
	w := httptest.NewRecorder()
	SecureHeaders(opts)(h).ServeHTTP(w, req)
	return w.Result().Header
}

func secureWant(t *testing.T, h http.Header, name, want string) {
	t.Helper()
	got, ok := h[http.CanonicalHeaderKey(name)]
	switch {
	case want == "" && ok:
		t.Errorf("%s = %q, want no such header", name, got)
	case want != "" && (len(got) != 1 || got[0] != want):
		t.Errorf("%s = %q, want %q", name, got, want)
	}
}

func TestSecureDefaults(t *testing.T) {
	h := secureGet(t, SecureOptions{}, nil, nil)
	secureWant(t, h, "X-Content-Type-Options", "nosniff")
	secureWant(t, h, "X-Frame-Options", "DENY")
	secureWant(t, h, "Referrer-Policy", "strict-origin-when-cross-origin")
	secureWant(t, h, "Strict-Transport-Security", "")
	secureWant(t, h, "Content-Security-Policy", "")
	secureWant(t, h, "Content-Security-Policy-Report-Only", "")
}

func TestSecureOptions(t *testing.T) {
	h := secureGet(t, SecureOptions{FrameOptions: "sameorigin", ReferrerPolicy: "no-referrer, same-origin"}, nil, nil)
	secureWant(t, h, "X-Frame-Options", "SAMEORIGIN")
	secureWant(t, h, "Referrer-Policy", "no-referrer, same-origin")

	h = secureGet(t, SecureOptions{FrameOptions: NoHeader, ReferrerPolicy: NoHeader}, nil, nil)
	secureWant(t, h, "X-Frame-Options", "")
	secureWant(t, h, "Referrer-Policy", "")
	secureWant(t, h, "X-Content-Type-Options", "nosniff")
}

// TestSecureOnEveryAnswer: the headers are set before the handler runs,
// so errors and empty answers carry them too.
func TestSecureOnEveryAnswer(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /empty", func(http.ResponseWriter, *http.Request) {})
	for _, target := range []string{"/missing", "/empty"} {
		w := httptest.NewRecorder()
		SecureHeaders(SecureOptions{})(mux).ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if got := w.Header().Get("X-Frame-Options"); got != "DENY" {
			t.Errorf("GET %s (%d): X-Frame-Options = %q, want DENY", target, w.Code, got)
		}
	}
}

// TestSecureHandlerHasTheLastWord: a handler may change or drop a header
// for its own route, and a SecureHeaders further in overrides one further
// out.
func TestSecureHandlerHasTheLastWord(t *testing.T) {
	h := secureGet(t, SecureOptions{}, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Frame-Options", "SAMEORIGIN")
		w.Header().Del("Referrer-Policy")
		w.Header().Add("X-Content-Type-Options", "extra")
	}, nil)
	secureWant(t, h, "X-Frame-Options", "SAMEORIGIN")
	secureWant(t, h, "Referrer-Policy", "")
	if got := h.Values("X-Content-Type-Options"); fmt.Sprint(got) != "[nosniff extra]" {
		t.Errorf("after Add: X-Content-Type-Options = %q", got)
	}
	// The Add above must not have written into the value shared by every
	// response.
	secureWant(t, secureGet(t, SecureOptions{}, nil, nil), "X-Content-Type-Options", "nosniff")

	inner := SecureHeaders(SecureOptions{FrameOptions: "SAMEORIGIN", ContentSecurityPolicy: "default-src 'self'"})
	w := httptest.NewRecorder()
	SecureHeaders(SecureOptions{})(inner(http.NotFoundHandler())).ServeHTTP(w, httptest.NewRequest("GET", "/", nil))
	secureWant(t, w.Header(), "X-Frame-Options", "SAMEORIGIN")
	secureWant(t, w.Header(), "Content-Security-Policy", "default-src 'self'")
}

func TestSecureCSP(t *testing.T) {
	h := secureGet(t, SecureOptions{ContentSecurityPolicy: "default-src 'self'"}, nil, nil)
	secureWant(t, h, "Content-Security-Policy", "default-src 'self'")

	h = secureGet(t, SecureOptions{ContentSecurityPolicy: "default-src 'self'", CSPReportOnly: true}, nil, nil)
	secureWant(t, h, "Content-Security-Policy", "")
	secureWant(t, h, "Content-Security-Policy-Report-Only", "default-src 'self'")

	perPath := SecureOptions{ContentSecurityPolicyFunc: func(r *http.Request) string {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			return "default-src 'none'"
		}
		return ""
	}}
	secureWant(t, secureGet(t, perPath, nil, httptest.NewRequest("GET", "/api/x", nil)), "Content-Security-Policy", "default-src 'none'")
	secureWant(t, secureGet(t, perPath, nil, httptest.NewRequest("GET", "/page", nil)), "Content-Security-Policy", "")
}

func TestSecureCSPNonce(t *testing.T) {
	opts := SecureOptions{
		CSPNonce: true,
		ContentSecurityPolicyFunc: func(r *http.Request) string {
			return "script-src 'nonce-" + CSPNonceFrom(r.Context()) + "'"
		},
	}
	seen := map[string]bool{}
	for range 20 {
		var inHandler string
		h := secureGet(t, opts, func(w http.ResponseWriter, r *http.Request) {
			inHandler = CSPNonceFrom(r.Context())
		}, nil)
		if len(inHandler) < 22 {
			t.Fatalf("nonce %q: want at least 128 bits of randomness", inHandler)
		}
		if strings.Trim(inHandler, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_") != "" {
			t.Fatalf("nonce %q holds characters a CSP nonce may not", inHandler)
		}
		secureWant(t, h, "Content-Security-Policy", "script-src 'nonce-"+inHandler+"'")
		if seen[inHandler] {
			t.Fatalf("nonce %q used twice", inHandler)
		}
		seen[inHandler] = true
	}
	if got := CSPNonceFrom(httptest.NewRequest("GET", "/", nil).Context()); got != "" {
		t.Errorf("CSPNonceFrom without SecureHeaders = %q, want \"\"", got)
	}
}

func TestSecureRefusesMistakes(t *testing.T) {
	year := 365 * 24 * time.Hour
	csp := func(*http.Request) string { return "" }
	for _, tt := range []struct {
		opts SecureOptions
		want string
	}{
		{SecureOptions{FrameOptions: "ALLOW-FROM https://a.example"}, "FrameOptions"},
		{SecureOptions{ReferrerPolicy: "strict-origin, nope"}, `unknown policy "nope"`},
		{SecureOptions{ReferrerPolicy: "origin,"}, `unknown policy ""`},
		{SecureOptions{HSTSMaxAge: -time.Second}, "HSTSMaxAge"},
		{SecureOptions{HSTSMaxAge: time.Millisecond}, "HSTSMaxAge"},
		{SecureOptions{HSTSIncludeSubdomains: true}, "HSTS is off"},
		{SecureOptions{HSTSMaxAge: year, HSTSPreload: true}, "HSTSPreload needs"},
		{SecureOptions{HSTSMaxAge: year - time.Second, HSTSPreload: true, HSTSIncludeSubdomains: true}, "HSTSPreload needs"},
		{SecureOptions{ContentSecurityPolicy: "a", ContentSecurityPolicyFunc: csp}, "set one"},
		{SecureOptions{CSPNonce: true, ContentSecurityPolicy: "a"}, "CSPNonce needs"},
		{SecureOptions{ContentSecurityPolicy: "a\r\nSet-Cookie: x=1"}, "line break"},
	} {
		func() {
			defer func() {
				got := fmt.Sprint(recover())
				if !strings.HasPrefix(got, "middleware: SecureHeaders: ") || !strings.Contains(got, tt.want) {
					t.Errorf("SecureHeaders(%+v) panicked with %q, want a message with %q", tt.opts, got, tt.want)
				}
			}()
			SecureHeaders(tt.opts)
		}()
	}
}

// secureSink is a ResponseWriter that keeps one header map, to count the
// middleware's own allocations.
type secureSink struct{ h http.Header }

func (s *secureSink) Header() http.Header         { return s.h }
func (s *secureSink) Write(p []byte) (int, error) { return len(p), nil }
func (s *secureSink) WriteHeader(int)             {}

func TestSecureAllocatesNothing(t *testing.T) {
	h := SecureHeaders(SecureOptions{HSTSMaxAge: time.Hour, ContentSecurityPolicy: "default-src 'self'"})(
		http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	w := &secureSink{h: http.Header{}}
	r := httptest.NewRequest("GET", "https://example.com/", nil)
	if n := testing.AllocsPerRun(100, func() { h.ServeHTTP(w, r) }); n != 0 {
		t.Errorf("SecureHeaders allocates %v times per request, want 0", n)
	}
	if len(w.h) != 5 {
		t.Errorf("header = %v, want 5 fields", w.h)
	}
}

func BenchmarkSecureHeaders(b *testing.B) {
	h := SecureHeaders(SecureOptions{})(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	w := &secureSink{h: http.Header{}}
	r := httptest.NewRequest("GET", "/", nil)
	b.ReportAllocs()
	for b.Loop() {
		h.ServeHTTP(w, r)
	}
}

func ExampleSecureHeaders() {
	page := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		nonce := CSPNonceFrom(r.Context())
		fmt.Fprintf(w, "<script nonce=%q>hello()</script>", nonce)
	})
	h := SecureHeaders(SecureOptions{
		FrameOptions: "SAMEORIGIN",
		HSTSMaxAge:   180 * 24 * time.Hour, // sent on TLS requests only
		CSPNonce:     true,
		ContentSecurityPolicyFunc: func(r *http.Request) string {
			return "script-src 'nonce-" + CSPNonceFrom(r.Context()) + "'"
		},
	})(page)

	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "https://example.com/", nil))
	for _, k := range []string{"X-Content-Type-Options", "X-Frame-Options",
		"Referrer-Policy", "Strict-Transport-Security"} {
		fmt.Printf("%s: %s\n", k, w.Header().Get(k))
	}
	csp := w.Header().Get("Content-Security-Policy")
	fmt.Println(strings.Contains(w.Body.String(), csp[len("script-src 'nonce-"):len(csp)-1]))
	// Output:
	// X-Content-Type-Options: nosniff
	// X-Frame-Options: SAMEORIGIN
	// Referrer-Policy: strict-origin-when-cross-origin
	// Strict-Transport-Security: max-age=15552000
	// true
}

// TestSecureKeepsThePattern: with CSPNonce the handler gets a copy of the
// request; a log around SecureHeaders still reads the route.
func TestSecureKeepsThePattern(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /pages/{name}", func(http.ResponseWriter, *http.Request) {})
	h := SecureHeaders(SecureOptions{CSPNonce: true, ContentSecurityPolicyFunc: func(r *http.Request) string {
		return "script-src 'nonce-" + CSPNonceFrom(r.Context()) + "'"
	}})(mux)
	r := httptest.NewRequest("GET", "/pages/about", nil)
	h.ServeHTTP(httptest.NewRecorder(), r)
	if r.Pattern != "GET /pages/{name}" {
		t.Errorf("the outer request's Pattern = %q, want \"GET /pages/{name}\"", r.Pattern)
	}
}

// FuzzSecureOptions feeds newSecure any frame option, referrer policy and
// fixed policy: it must never panic, and what it accepts must be sendable.
func FuzzSecureOptions(f *testing.F) {
	f.Add("DENY", "no-referrer, same-origin", "default-src 'self'")
	f.Add("sameorigin", "", "")
	f.Add("-", "-", "a\nb")
	f.Add("allow-from x", "origin,,", "x")
	f.Fuzz(func(t *testing.T, frame, referrer, csp string) {
		s, err := newSecure(SecureOptions{FrameOptions: frame, ReferrerPolicy: referrer, ContentSecurityPolicy: csp})
		if err != nil {
			return
		}
		if s.frame != nil && s.frame[0] != "DENY" && s.frame[0] != "SAMEORIGIN" {
			t.Errorf("FrameOptions %q accepted as %q", frame, s.frame[0])
		}
		if s.referrer != nil {
			for tok := range strings.SplitSeq(s.referrer[0], ",") {
				if !referrerPolicies[strings.TrimSpace(tok)] {
					t.Errorf("ReferrerPolicy %q accepted with the token %q", referrer, tok)
				}
			}
		}
		if strings.ContainsFunc(csp, secureControl) {
			t.Errorf("a policy with a control character accepted: %q", csp)
		}
	})
}
