package middleware

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

const corsPreOrigin = "https://app.example.test"

// corsPreflight sends the preflight a browser sends before a request with
// method and, if not empty, the request headers listed.
func corsPreflight(h http.Handler, origin, method, headers string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("OPTIONS", "/things/7", nil)
	req.Header.Set("Origin", origin)
	req.Header.Set("Access-Control-Request-Method", method)
	if headers != "" {
		req.Header.Set("Access-Control-Request-Headers", headers)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// corsPreMux returns a ServeMux with a route for /things/{id} for a random
// non-empty set of methods, the Allow header it answers OPTIONS with, and a
// pointer to the number of times a route ran.
func corsPreMux() (*http.ServeMux, string, *int) {
	mux := http.NewServeMux()
	calls := new(int)
	methods := []string{"GET", "POST", "PUT", "PATCH", "DELETE"}
	rand.Shuffle(len(methods), func(i, j int) { methods[i], methods[j] = methods[j], methods[i] })
	for _, m := range methods[:1+rand.IntN(len(methods))] {
		mux.HandleFunc(m+" /things/{id}", func(http.ResponseWriter, *http.Request) { *calls++ })
	}
	w := httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest("OPTIONS", "/things/7", nil))
	return mux, w.Header().Get("Allow"), calls
}

func TestCORSPreflightAsksTheRouter(t *testing.T) {
	mux, allow, calls := corsPreMux()
	h := CORS(CORSOptions{AllowedOrigins: []string{corsPreOrigin}})(mux)
	w := corsPreflight(h, corsPreOrigin, "PUT", "")
	if w.Code != http.StatusNoContent {
		t.Fatalf("preflight (OPTIONS with Origin and Access-Control-Request-Method): status %d, want 204 No Content from CORS itself", w.Code)
	}
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != corsPreOrigin {
		t.Errorf("preflight: Access-Control-Allow-Origin %q, want %q", got, corsPreOrigin)
	}
	if got := w.Header().Get("Access-Control-Allow-Methods"); got != allow {
		t.Errorf("preflight for a ServeMux whose OPTIONS answer says Allow: %s: Access-Control-Allow-Methods %q, want %q", allow, got, allow)
	}
	if *calls != 0 {
		t.Errorf("preflight ran a route %d times; a route must not run for a preflight", *calls)
	}
}

func TestCORSPreflightAllowedMethods(t *testing.T) {
	mux, _, _ := corsPreMux()
	methods := []string{"GET", "POST", "PUT", "PATCH", "DELETE", "QUERY"}
	methods = methods[:1+rand.IntN(len(methods))]
	h := CORS(CORSOptions{AllowedOrigins: []string{corsPreOrigin}, AllowedMethods: methods})(mux)
	w := corsPreflight(h, corsPreOrigin, methods[0], "")
	if got, want := w.Header().Get("Access-Control-Allow-Methods"), strings.Join(methods, ", "); got != want || w.Code != http.StatusNoContent {
		t.Errorf("AllowedMethods %q: preflight answered %d with Access-Control-Allow-Methods %q, want 204 and %q", methods, w.Code, got, want)
	}
}

func TestCORSPreflightRequestHeaders(t *testing.T) {
	names := []string{"Content-Type", "X-Request-Id", "X-Api-Key", "If-Match", "X-Trace"}
	rand.Shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	allowed, other := names[:3], names[4]
	mux, _, _ := corsPreMux()
	h := CORS(CORSOptions{
		AllowedOrigins: []string{corsPreOrigin},
		AllowedHeaders: []string{strings.ToUpper(allowed[0]), allowed[1], strings.ToLower(allowed[2])},
	})(mux)
	asked := strings.ToLower(allowed[1] + "," + allowed[0])
	w := corsPreflight(h, corsPreOrigin, "PUT", asked)
	want := strings.ToLower(allowed[1] + ", " + allowed[0])
	if got := w.Header().Get("Access-Control-Allow-Headers"); got != want {
		t.Errorf("AllowedHeaders %q, Access-Control-Request-Headers %q: Access-Control-Allow-Headers %q, want %q (names compare without regard to case)",
			allowed, asked, got, want)
	}
	asked = strings.ToLower(allowed[0] + "," + other)
	w = corsPreflight(h, corsPreOrigin, "PUT", asked)
	if got := w.Header().Get("Access-Control-Allow-Headers"); got != "" {
		t.Errorf("AllowedHeaders %q, Access-Control-Request-Headers %q: Access-Control-Allow-Headers %q, want none: %s is not allowed",
			allowed, asked, got, other)
	}
	echo := CORS(CORSOptions{AllowedOrigins: []string{corsPreOrigin}, AllowedHeaders: []string{"*"}})(mux)
	asked = strings.ToLower(other + "," + allowed[2])
	w = corsPreflight(echo, corsPreOrigin, "PUT", asked)
	if got, want := w.Header().Get("Access-Control-Allow-Headers"), strings.ToLower(other+", "+allowed[2]); got != want {
		t.Errorf(`AllowedHeaders ["*"], Access-Control-Request-Headers %q: Access-Control-Allow-Headers %q, want %q`, asked, got, want)
	}
}

func TestCORSPreflightMaxAge(t *testing.T) {
	minutes := 1 + rand.IntN(120)
	mux, _, _ := corsPreMux()
	h := CORS(CORSOptions{AllowedOrigins: []string{corsPreOrigin}, MaxAge: time.Duration(minutes) * time.Minute})(mux)
	w := corsPreflight(h, corsPreOrigin, "GET", "")
	if got, want := w.Header().Get("Access-Control-Max-Age"), strconv.Itoa(minutes*60); got != want {
		t.Errorf("MaxAge %dm: Access-Control-Max-Age %q, want %q (whole seconds)", minutes, got, want)
	}
}

func TestCORSPreflightOtherOrigin(t *testing.T) {
	mux, _, calls := corsPreMux()
	h := CORS(CORSOptions{AllowedOrigins: []string{corsPreOrigin}, MaxAge: time.Hour})(mux)
	w := corsPreflight(h, "https://evil.example.test", "DELETE", "x-api-key")
	if w.Code != http.StatusNoContent || *calls != 0 {
		t.Errorf("preflight from an origin not listed: status %d, %d route calls; want 204 from CORS itself and none", w.Code, *calls)
	}
	for name := range w.Header() {
		if strings.HasPrefix(name, "Access-Control-") {
			t.Errorf("preflight from an origin not listed: %s: %s, want no CORS header", name, w.Header().Get(name))
		}
	}
}
