package middleware

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// corsSimpleName returns a random lower-case DNS label.
func corsSimpleName() string {
	b := make([]byte, 4+rand.IntN(6))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

// corsSimpleServe sends a GET with the given Origin (none if empty) through
// CORS(opts) around a handler that answers "served", and returns the answer.
func corsSimpleServe(t *testing.T, opts CORSOptions, origin string) *httptest.ResponseRecorder {
	t.Helper()
	h := CORS(opts)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "served")
	}))
	req := httptest.NewRequest("GET", "/data", nil)
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	if w.Body.String() != "served" {
		t.Fatalf("GET with Origin %q: body %q, want the handler's \"served\": CORS never stops a request", origin, w.Body)
	}
	return w
}

// corsSimpleList lists the Access-Control-* headers of h, for messages.
func corsSimpleList(h http.Header) []string {
	var out []string
	for name, values := range h {
		if strings.HasPrefix(name, "Access-Control-") {
			out = append(out, name+": "+strings.Join(values, ", "))
		}
	}
	slices.Sort(out)
	return out
}

func TestCORSAllowsListedOrigins(t *testing.T) {
	a := "https://" + corsSimpleName() + ".test"
	b := fmt.Sprintf("http://%s.test:%d", corsSimpleName(), 1024+rand.IntN(60000))
	expose := []string{"X-" + corsSimpleName(), "X-" + corsSimpleName()}
	opts := CORSOptions{AllowedOrigins: []string{a, b}, ExposedHeaders: expose}
	for _, origin := range []string{a, b} {
		w := corsSimpleServe(t, opts, origin)
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != origin {
			t.Errorf("AllowedOrigins %q, Origin %s: Access-Control-Allow-Origin %q, want the origin itself", opts.AllowedOrigins, origin, got)
		}
		if got, want := w.Header().Get("Access-Control-Expose-Headers"), strings.Join(expose, ", "); got != want {
			t.Errorf("ExposedHeaders %q: Access-Control-Expose-Headers %q, want %q", expose, got, want)
		}
		if got := w.Header().Get("Access-Control-Allow-Credentials"); got != "" {
			t.Errorf("without AllowCredentials: Access-Control-Allow-Credentials %q, want none", got)
		}
	}
	for _, other := range []string{
		"https://" + corsSimpleName() + ".test",
		strings.Replace(a, "https:", "http:", 1), // another scheme
		a + ":8443",                              // another port
		a + ".evil.example",
	} {
		w := corsSimpleServe(t, opts, other)
		if got := corsSimpleList(w.Header()); len(got) != 0 {
			t.Errorf("AllowedOrigins %q, Origin %s: got %q, want no CORS header for an origin not listed", opts.AllowedOrigins, other, got)
		}
	}
}

func TestCORSVaryOrigin(t *testing.T) {
	origin := "https://" + corsSimpleName() + ".test"
	h := CORS(CORSOptions{AllowedOrigins: []string{origin}})(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	for _, from := range []string{origin, "https://other.test", ""} {
		w := httptest.NewRecorder()
		w.Header().Set("Vary", "Accept-Encoding")
		req := httptest.NewRequest("GET", "/", nil)
		if from != "" {
			req.Header.Set("Origin", from)
		}
		h.ServeHTTP(w, req)
		if got, want := w.Header().Values("Vary"), []string{"Accept-Encoding", "Origin"}; !slices.Equal(got, want) {
			t.Errorf("Origin %q, Vary: Accept-Encoding already set: Vary lines %q, want %q (add Origin with addVaryField, on every answer)", from, got, want)
		}
	}
}

func TestCORSCredentialsEchoTheOrigin(t *testing.T) {
	origin := "https://" + corsSimpleName() + ".test"
	w := corsSimpleServe(t, CORSOptions{AllowedOrigins: []string{origin}, AllowCredentials: true}, origin)
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != origin {
		t.Errorf("AllowCredentials: Access-Control-Allow-Origin %q, want the origin %s", got, origin)
	}
	if got := w.Header().Get("Access-Control-Allow-Credentials"); got != "true" {
		t.Errorf("AllowCredentials: Access-Control-Allow-Credentials %q, want true", got)
	}
	w = corsSimpleServe(t, CORSOptions{AllowedOrigins: []string{origin}, AllowCredentials: true}, "https://x"+corsSimpleName()+".test")
	if got := corsSimpleList(w.Header()); len(got) != 0 {
		t.Errorf("AllowCredentials, origin not listed: got %q, want no CORS header", got)
	}
}

func TestCORSAnyOriginStar(t *testing.T) {
	origin := "https://" + corsSimpleName() + ".test"
	w := corsSimpleServe(t, CORSOptions{AllowedOrigins: []string{"*"}}, origin)
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf(`AllowedOrigins ["*"], Origin %s: Access-Control-Allow-Origin %q, want "*"`, origin, got)
	}
	if got := w.Header().Get("Vary"); got != "" {
		t.Errorf(`AllowedOrigins ["*"]: Vary %q, want none: the answer is the same for every origin`, got)
	}
}

// corsSimplePanic returns what CORS(opts) panics with, or "no panic".
func corsSimplePanic(opts CORSOptions) (msg string) {
	defer func() {
		if v := recover(); v != nil {
			msg = fmt.Sprint(v)
		}
	}()
	CORS(opts)
	return "no panic"
}

func TestCORSRefusesBadOptions(t *testing.T) {
	tests := []CORSOptions{
		{AllowedOrigins: []string{"*"}, AllowCredentials: true},
		{AllowedOrigins: []string{"https://" + corsSimpleName() + ".test/"}},
		{AllowedOrigins: []string{"https://" + corsSimpleName() + ".test/app"}},
		{AllowedOrigins: []string{corsSimpleName() + ".test"}},
	}
	for _, opts := range tests {
		if got := corsSimplePanic(opts); !strings.HasPrefix(got, "middleware: CORS: ") {
			t.Errorf("CORS(%+v): %s, want a panic with an error starting \"middleware: CORS: \"", opts, got)
		}
	}
}
