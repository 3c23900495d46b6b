package middleware

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// secureStepServe sends GET target through SecureHeaders(opts) around h
// and returns the recorder.
func secureStepServe(opts SecureOptions, h http.Handler, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	SecureHeaders(opts)(h).ServeHTTP(w, httptest.NewRequest("GET", target, nil))
	return w
}

// secureStepExpect reports a header that is not exactly want ("" for
// absent).
func secureStepExpect(t *testing.T, what string, h http.Header, name, want string) {
	t.Helper()
	got, ok := h[http.CanonicalHeaderKey(name)]
	if want == "" && ok {
		t.Errorf("%s: %s = %q, want no such header", what, name, got)
	} else if want != "" && (len(got) != 1 || got[0] != want) {
		t.Errorf("%s: %s = %q, want %q", what, name, got, want)
	}
}

var secureStepOK = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok") })

func TestSecureHeadersDefaults(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("GET /page", secureStepOK)
	for _, target := range []string{"/page", fmt.Sprintf("/missing/%d", rand.IntN(100))} {
		w := secureStepServe(SecureOptions{}, mux, target)
		what := fmt.Sprintf("SecureOptions{}, GET %s (%d)", target, w.Code)
		secureStepExpect(t, what, w.Header(), "X-Content-Type-Options", "nosniff")
		secureStepExpect(t, what, w.Header(), "X-Frame-Options", "DENY")
		secureStepExpect(t, what, w.Header(), "Referrer-Policy", "strict-origin-when-cross-origin")
		secureStepExpect(t, what, w.Header(), "Content-Security-Policy", "")
	}
}

func TestSecureHeadersOptions(t *testing.T) {
	frame := []string{"SAMEORIGIN", "sameorigin", "DENY", "deny"}[rand.IntN(4)]
	tokens := []string{"no-referrer", "same-origin", "origin", "strict-origin", "unsafe-url"}
	referrer := tokens[rand.IntN(len(tokens))] + ", " + tokens[rand.IntN(len(tokens))]
	opts := SecureOptions{FrameOptions: frame, ReferrerPolicy: referrer}
	w := secureStepServe(opts, secureStepOK, "/")
	what := fmt.Sprintf("FrameOptions %q, ReferrerPolicy %q", frame, referrer)
	secureStepExpect(t, what, w.Header(), "X-Frame-Options", strings.ToUpper(frame))
	secureStepExpect(t, what, w.Header(), "Referrer-Policy", referrer)

	opts = SecureOptions{FrameOptions: NoHeader, ReferrerPolicy: NoHeader}
	w = secureStepServe(opts, secureStepOK, "/")
	what = "FrameOptions and ReferrerPolicy NoHeader"
	secureStepExpect(t, what, w.Header(), "X-Frame-Options", "")
	secureStepExpect(t, what, w.Header(), "Referrer-Policy", "")
	secureStepExpect(t, what, w.Header(), "X-Content-Type-Options", "nosniff")
}

func TestSecureHeadersHandlerHasTheLastWord(t *testing.T) {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Frame-Options", "SAMEORIGIN")
		w.Header().Del("Referrer-Policy")
		w.Header().Add("X-Content-Type-Options", "more")
	})
	w := secureStepServe(SecureOptions{}, h, "/")
	what := "a handler that Set X-Frame-Options, Del Referrer-Policy"
	secureStepExpect(t, what, w.Header(), "X-Frame-Options", "SAMEORIGIN")
	secureStepExpect(t, what, w.Header(), "Referrer-Policy", "")
	if got := w.Header().Values("X-Content-Type-Options"); len(got) != 2 || got[0] != "nosniff" {
		t.Errorf("after the handler's Add, X-Content-Type-Options = %q, want [nosniff more]: set the headers before calling next", got)
	}
	w = secureStepServe(SecureOptions{}, secureStepOK, "/")
	secureStepExpect(t, "the next response, after a handler's Add", w.Header(), "X-Content-Type-Options", "nosniff")

	inner := SecureHeaders(SecureOptions{FrameOptions: "SAMEORIGIN"})(secureStepOK)
	w = secureStepServe(SecureOptions{}, inner, "/")
	secureStepExpect(t, "SecureHeaders(DENY) around SecureHeaders(SAMEORIGIN)", w.Header(), "X-Frame-Options", "SAMEORIGIN")
}

func TestSecureHeadersPolicy(t *testing.T) {
	policy := fmt.Sprintf("default-src 'self'; img-src https://img%d.example", rand.IntN(1000))
	w := secureStepServe(SecureOptions{ContentSecurityPolicy: policy}, secureStepOK, "/")
	secureStepExpect(t, "a fixed ContentSecurityPolicy", w.Header(), "Content-Security-Policy", policy)

	w = secureStepServe(SecureOptions{ContentSecurityPolicy: policy, CSPReportOnly: true}, secureStepOK, "/")
	secureStepExpect(t, "CSPReportOnly", w.Header(), "Content-Security-Policy", "")
	secureStepExpect(t, "CSPReportOnly", w.Header(), "Content-Security-Policy-Report-Only", policy)

	perPath := SecureOptions{ContentSecurityPolicyFunc: func(r *http.Request) string {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			return "default-src 'none'; x " + r.URL.Path
		}
		return ""
	}}
	target := fmt.Sprintf("/api/%d", rand.IntN(1000))
	w = secureStepServe(perPath, secureStepOK, target)
	secureStepExpect(t, "ContentSecurityPolicyFunc, GET "+target, w.Header(), "Content-Security-Policy", "default-src 'none'; x "+target)
	w = secureStepServe(perPath, secureStepOK, "/page")
	secureStepExpect(t, "ContentSecurityPolicyFunc returning \"\"", w.Header(), "Content-Security-Policy", "")
}

func TestSecureHeadersNonce(t *testing.T) {
	opts := SecureOptions{
		CSPNonce: true,
		ContentSecurityPolicyFunc: func(r *http.Request) string {
			return "script-src 'nonce-" + CSPNonceFrom(r.Context()) + "'"
		},
	}
	mux := http.NewServeMux()
	var inHandler string
	mux.HandleFunc("GET /pages/{name}", func(w http.ResponseWriter, r *http.Request) {
		inHandler = CSPNonceFrom(r.Context())
	})
	seen := map[string]bool{}
	for range 10 {
		r := httptest.NewRequest("GET", fmt.Sprintf("/pages/p%d", rand.IntN(100)), nil)
		w := httptest.NewRecorder()
		inHandler = ""
		SecureHeaders(opts)(mux).ServeHTTP(w, r)
		if len(inHandler) < 20 {
			t.Fatalf("CSPNonce: the handler read the nonce %q, want rand.Text() (26 characters)", inHandler)
		}
		secureStepExpect(t, "CSPNonce", w.Header(), "Content-Security-Policy", "script-src 'nonce-"+inHandler+"'")
		if seen[inHandler] {
			t.Fatalf("CSPNonce: nonce %q used twice: make a new one for each request", inHandler)
		}
		seen[inHandler] = true
		if r.Pattern != "GET /pages/{name}" {
			t.Fatalf("with CSPNonce, the request SecureHeaders was given has Pattern %q after the router ran, want \"GET /pages/{name}\": copy the copy's Pattern back", r.Pattern)
		}
	}
}

func TestSecureHeadersRefusesMistakes(t *testing.T) {
	csp := func(*http.Request) string { return "" }
	for _, tt := range []struct {
		opts SecureOptions
		why  string
	}{
		{SecureOptions{FrameOptions: "ALLOW-FROM https://a.example"}, "an unknown FrameOptions"},
		{SecureOptions{ReferrerPolicy: "same-origin, nope"}, "an unknown referrer policy"},
		{SecureOptions{ContentSecurityPolicy: "a", ContentSecurityPolicyFunc: csp}, "a fixed policy and a func"},
		{SecureOptions{CSPNonce: true}, "CSPNonce without ContentSecurityPolicyFunc"},
		{SecureOptions{ContentSecurityPolicy: "a\r\nSet-Cookie: x=1"}, "a line break in the policy"},
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
