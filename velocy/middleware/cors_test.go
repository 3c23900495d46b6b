package middleware

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
)

// corsDo sends a request with the given method, path and header lines
// ("Name: value") through h and returns the recorder.
func corsDo(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for _, line := range header {
		name, value, _ := strings.Cut(line, ":")
		req.Header.Add(name, strings.TrimSpace(value))
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	return w
}

// corsHello answers "hello" and counts its calls.
type corsHello struct{ calls int }

func (h *corsHello) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	h.calls++
	io.WriteString(w, "hello")
}

// corsHeaders lists the Access-Control-* headers of h, for messages.
func corsHeaders(h http.Header) string {
	var out []string
	for name, values := range h {
		if strings.HasPrefix(name, "Access-Control-") {
			out = append(out, name+": "+strings.Join(values, " | "))
		}
	}
	slices.Sort(out)
	return "[" + strings.Join(out, "; ") + "]"
}

func TestCORSSimpleRequest(t *testing.T) {
	next := &corsHello{}
	h := CORS(CORSOptions{
		AllowedOrigins: []string{"https://app.example.com", "HTTP://LocalHost:5173"},
		ExposedHeaders: []string{"X-Total", "ETag"},
	})(next)
	tests := []struct {
		origin, want string
	}{
		{"https://app.example.com", "https://app.example.com"},
		{"http://localhost:5173", "http://localhost:5173"},
		{"https://evil.example.net", ""},
		{"http://app.example.com", ""},       // another scheme
		{"https://app.example.com:8443", ""}, // another port
		{"http://localhost:5174", ""},
		{"https://app.example.com.evil.net", ""},
	}
	for _, tt := range tests {
		w := corsDo(h, "GET", "/", "Origin: "+tt.origin)
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != tt.want {
			t.Errorf("Origin %s: Access-Control-Allow-Origin %q, want %q", tt.origin, got, tt.want)
		}
		if w.Body.String() != "hello" {
			t.Errorf("Origin %s: body %q, want the handler's: a disallowed origin is still served", tt.origin, w.Body)
		}
		if got := w.Header().Values("Vary"); !slices.Equal(got, []string{"Origin"}) {
			t.Errorf("Origin %s: Vary %q, want [Origin]", tt.origin, got)
		}
		if tt.want == "" {
			if s := corsHeaders(w.Header()); s != "[]" {
				t.Errorf("disallowed Origin %s: got %s, want no CORS header", tt.origin, s)
			}
			continue
		}
		if got := w.Header().Get("Access-Control-Expose-Headers"); got != "X-Total, ETag" {
			t.Errorf("Origin %s: Access-Control-Expose-Headers %q, want %q", tt.origin, got, "X-Total, ETag")
		}
		if w.Header().Get("Access-Control-Allow-Credentials") != "" {
			t.Errorf("Origin %s: Access-Control-Allow-Credentials sent without AllowCredentials", tt.origin)
		}
	}
	if next.calls != len(tests) {
		t.Errorf("handler ran %d times for %d requests", next.calls, len(tests))
	}
}

func TestCORSNoOrigin(t *testing.T) {
	h := CORS(CORSOptions{AllowedOrigins: []string{"https://a.test"}})(&corsHello{})
	w := corsDo(h, "GET", "/")
	if s := corsHeaders(w.Header()); s != "[]" {
		t.Errorf("same-origin request (no Origin): got %s, want no CORS header", s)
	}
	// A cache must not hand this answer to a page of https://a.test.
	if got := w.Header().Get("Vary"); got != "Origin" {
		t.Errorf("request without Origin: Vary %q, want Origin", got)
	}
}

func TestCORSVaryAppends(t *testing.T) {
	h := CORS(CORSOptions{AllowedOrigins: []string{"https://a.test"}})(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) { w.Header().Add("Vary", "Cookie") }))
	outer := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Add("Vary", "Accept-Encoding, Accept-Language")
			next.ServeHTTP(w, r)
		})
	}
	w := corsDo(outer(h), "GET", "/", "Origin: https://a.test")
	want := []string{"Accept-Encoding, Accept-Language", "Origin", "Cookie"}
	if got := w.Header().Values("Vary"); !slices.Equal(got, want) {
		t.Errorf("Vary lines %q, want %q: add a line, never replace one", got, want)
	}
	// Twice through CORS, or an outer Vary: origin, lists it once.
	w = corsDo(CORS(CORSOptions{AllowedOrigins: []string{"https://a.test"}})(h), "GET", "/",
		"Origin: https://a.test")
	if got := w.Header().Values("Vary"); !slices.Equal(got, []string{"Origin", "Cookie"}) {
		t.Errorf("through CORS twice: Vary lines %q, want [Origin Cookie]", got)
	}
	star := httptest.NewRecorder()
	star.Header().Set("Vary", "*")
	h.ServeHTTP(star, httptest.NewRequest("GET", "/", nil))
	if got := star.Header().Values("Vary"); !slices.Equal(got, []string{"*", "Cookie"}) {
		t.Errorf("with Vary: * already: Vary lines %q, want [* Cookie]", got)
	}
}

func TestCORSWildcardSubdomains(t *testing.T) {
	h := CORS(CORSOptions{AllowedOrigins: []string{"https://*.example.com", "http://*.dev.test:8080"}})(&corsHello{})
	tests := []struct {
		origin string
		ok     bool
	}{
		{"https://a.example.com", true},
		{"https://a.b.example.com", true},
		{"https://x-1.example.com", true},
		{"https://example.com", false},
		{"https://.example.com", false},
		{"https://a..example.com", false},
		{"https://example.com.evil.net", false},
		{"https://a.example.com.evil.net", false},
		{"https://evilexample.com", false},
		{"https://a.evilexample.com", false},
		{"http://a.example.com", false},
		{"https://a.example.com:443", false},
		{"https://a.example.com:8443", false},
		{"https://evil.net/.example.com", false},
		{"https://evil.net?.example.com", false},
		{"https://user@a.example.com", false},
		{"https://a_b.example.com", false},
		{"http://a.dev.test:8080", true},
		{"http://a.dev.test", false},
		{"http://a.dev.test:80801", false},
		{"http://a:1.dev.test:8080", false},
	}
	for _, tt := range tests {
		w := corsDo(h, "GET", "/", "Origin: "+tt.origin)
		got := w.Header().Get("Access-Control-Allow-Origin")
		if tt.ok && got != tt.origin {
			t.Errorf("Origin %s: Access-Control-Allow-Origin %q, want it echoed", tt.origin, got)
		}
		if !tt.ok && got != "" {
			t.Errorf("Origin %s: Access-Control-Allow-Origin %q, want none", tt.origin, got)
		}
	}
}

func TestCORSAnyOrigin(t *testing.T) {
	h := CORS(CORSOptions{AllowedOrigins: []string{"https://a.test", "*"}})(&corsHello{})
	w := corsDo(h, "GET", "/", "Origin: https://anything.example")
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf(`AllowedOrigins "*": Access-Control-Allow-Origin %q, want "*"`, got)
	}
	if got := w.Header().Values("Vary"); len(got) != 0 {
		t.Errorf(`AllowedOrigins "*": Vary %q, want none: the answer is the same for every origin`, got)
	}
	if w.Header().Get("Access-Control-Allow-Credentials") != "" {
		t.Error(`AllowedOrigins "*": Access-Control-Allow-Credentials sent`)
	}
}

func TestCORSCredentials(t *testing.T) {
	h := CORS(CORSOptions{
		AllowedOrigins:   []string{"https://a.test", "https://*.b.test"},
		AllowCredentials: true,
	})(&corsHello{})
	for _, origin := range []string{"https://a.test", "https://x.b.test"} {
		w := corsDo(h, "GET", "/", "Origin: "+origin, "Cookie: s=1")
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != origin {
			t.Errorf("Origin %s: Access-Control-Allow-Origin %q, want the origin itself", origin, got)
		}
		if got := w.Header().Get("Access-Control-Allow-Credentials"); got != "true" {
			t.Errorf("Origin %s: Access-Control-Allow-Credentials %q, want true", origin, got)
		}
	}
	w := corsDo(h, "GET", "/", "Origin: https://c.test")
	if s := corsHeaders(w.Header()); s != "[]" {
		t.Errorf("disallowed origin with AllowCredentials: got %s, want no CORS header", s)
	}
}

func TestCORSPanicsOnBadOptions(t *testing.T) {
	tests := []struct {
		opts CORSOptions
		want string
	}{
		{CORSOptions{AllowedOrigins: []string{"*"}, AllowCredentials: true}, "AllowCredentials"},
		{CORSOptions{AllowedOrigins: []string{"https://a.test/"}}, "no path"},
		{CORSOptions{AllowedOrigins: []string{"https://a.test/app"}}, "no path"},
		{CORSOptions{AllowedOrigins: []string{"a.test"}}, "scheme://host"},
		{CORSOptions{AllowedOrigins: []string{"https://"}}, "scheme://host"},
		{CORSOptions{AllowedOrigins: []string{"https://u@a.test"}}, "user"},
		{CORSOptions{AllowedOrigins: []string{"https://*example.com"}}, "star"},
		{CORSOptions{AllowedOrigins: []string{"https://a.*.example.com"}}, "star"},
		{CORSOptions{AllowedOrigins: []string{"https://*.*.example.com"}}, "star"},
		{CORSOptions{AllowedOrigins: []string{"https://*."}}, "star"},
		{CORSOptions{AllowedOrigins: []string{"https://*.:443"}}, "star"},
	}
	for _, tt := range tests {
		got := func() (msg string) {
			defer func() { msg = fmt.Sprint(recover()) }()
			CORS(tt.opts)
			return
		}()
		if !strings.Contains(got, tt.want) || !strings.HasPrefix(got, "middleware: CORS: ") {
			t.Errorf("CORS(%+v): panic %q, want one that mentions %q", tt.opts, got, tt.want)
		}
	}
}

func TestCORSPreflightAsksVelocy(t *testing.T) {
	r := velocy.New()
	r.Use(CORS(CORSOptions{
		AllowedOrigins: []string{"https://a.test"},
		AllowedHeaders: []string{"Content-Type", "X-Request-ID"},
		MaxAge:         10 * time.Minute,
	}))
	calls := 0
	count := func(w http.ResponseWriter, _ *http.Request) { calls++ }
	r.Get("/items/{id}", count)
	r.Put("/items/{id}", count)
	r.Delete("/items/{id}", count)
	w := corsDo(r, "OPTIONS", "/items/7", "Origin: https://a.test",
		"Access-Control-Request-Method: PUT",
		"Access-Control-Request-Headers: content-type,x-request-id")
	want := map[string]string{
		"Access-Control-Allow-Origin":  "https://a.test",
		"Access-Control-Allow-Methods": "DELETE, GET, HEAD, OPTIONS, PUT",
		"Access-Control-Allow-Headers": "content-type, x-request-id",
		"Access-Control-Max-Age":       "600",
	}
	if w.Code != http.StatusNoContent {
		t.Errorf("preflight: status %d, want 204", w.Code)
	}
	for name, value := range want {
		if got := w.Header().Get(name); got != value {
			t.Errorf("preflight: %s %q, want %q", name, got, value)
		}
	}
	if calls != 0 {
		t.Errorf("preflight ran a route handler %d times", calls)
	}
	wantVary := []string{"Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers"}
	if got := w.Header().Values("Vary"); !slices.Equal(got, wantVary) {
		t.Errorf("preflight: Vary %q, want %q", got, wantVary)
	}
	if w.Body.Len() != 0 {
		t.Errorf("preflight: body %q, want none", w.Body)
	}
	// A path with no route: the preflight is answered, with no methods.
	w = corsDo(r, "OPTIONS", "/nope", "Origin: https://a.test", "Access-Control-Request-Method: PUT")
	if w.Code != http.StatusNoContent || w.Header().Get("Access-Control-Allow-Methods") != "" {
		t.Errorf("preflight for a path without routes: %d, Allow-Methods %q; want 204 and none",
			w.Code, w.Header().Get("Access-Control-Allow-Methods"))
	}
}

func TestCORSPreflightAsksServeMux(t *testing.T) {
	mux := http.NewServeMux()
	calls := 0
	mux.HandleFunc("GET /a", func(http.ResponseWriter, *http.Request) { calls++ })
	mux.HandleFunc("POST /a", func(http.ResponseWriter, *http.Request) { calls++ })
	h := CORS(CORSOptions{AllowedOrigins: []string{"https://a.test"}})(mux)
	w := corsDo(h, "OPTIONS", "/a", "Origin: https://a.test", "Access-Control-Request-Method: POST")
	if w.Code != http.StatusNoContent {
		t.Errorf("preflight through a ServeMux: status %d, want 204 (not the mux's 405)", w.Code)
	}
	if got, want := w.Header().Get("Access-Control-Allow-Methods"), "GET, HEAD, POST"; got != want {
		t.Errorf("preflight through a ServeMux: Access-Control-Allow-Methods %q, want %q", got, want)
	}
	if got := w.Header().Get("Allow"); got != "" {
		t.Errorf("preflight: Allow %q leaked from the probe into the answer", got)
	}
	if calls != 0 {
		t.Errorf("preflight ran a handler %d times", calls)
	}
}

func TestCORSPreflightAllowedMethods(t *testing.T) {
	next := &corsHello{}
	h := CORS(CORSOptions{
		AllowedOrigins: []string{"https://a.test"},
		AllowedMethods: []string{"GET", "PATCH"},
		MaxAge:         -1,
	})(next)
	w := corsDo(h, "OPTIONS", "/", "Origin: https://a.test", "Access-Control-Request-Method: PATCH")
	if got := w.Header().Get("Access-Control-Allow-Methods"); got != "GET, PATCH" {
		t.Errorf("AllowedMethods [GET PATCH]: Access-Control-Allow-Methods %q, want %q", got, "GET, PATCH")
	}
	if got := w.Header().Get("Access-Control-Max-Age"); got != "0" {
		t.Errorf("MaxAge -1: Access-Control-Max-Age %q, want 0", got)
	}
	if next.calls != 0 {
		t.Errorf("with AllowedMethods, a preflight still called the handler")
	}
}

func TestCORSPreflightHeaders(t *testing.T) {
	allowList := CORS(CORSOptions{
		AllowedOrigins: []string{"https://a.test"},
		AllowedMethods: []string{"POST"},
		AllowedHeaders: []string{"content-TYPE", " X-Api-Key "},
	})(&corsHello{})
	echo := CORS(CORSOptions{
		AllowedOrigins:   []string{"https://a.test"},
		AllowedMethods:   []string{"POST"},
		AllowedHeaders:   []string{"*"},
		AllowCredentials: true,
	})(&corsHello{})
	none := CORS(CORSOptions{AllowedOrigins: []string{"https://a.test"}, AllowedMethods: []string{"POST"}})(&corsHello{})
	tests := []struct {
		h         http.Handler
		requested []string
		want      string
	}{
		{allowList, nil, ""},
		{allowList, []string{"content-type"}, "content-type"},
		{allowList, []string{"Content-Type , X-API-KEY"}, "Content-Type, X-API-KEY"},
		{allowList, []string{"content-type", "x-api-key"}, "content-type, x-api-key"},
		{allowList, []string{"content-type,x-other"}, ""},
		{allowList, []string{"x-api-key-2"}, ""},
		{allowList, []string{"content"}, ""},
		{echo, []string{"authorization,x-anything"}, "authorization, x-anything"},
		{none, []string{"content-type"}, ""},
	}
	for i, tt := range tests {
		header := []string{"Origin: https://a.test", "Access-Control-Request-Method: POST"}
		for _, v := range tt.requested {
			header = append(header, "Access-Control-Request-Headers: "+v)
		}
		w := corsDo(tt.h, "OPTIONS", "/", header...)
		if got := w.Header().Get("Access-Control-Allow-Headers"); got != tt.want {
			t.Errorf("case %d: Access-Control-Request-Headers %q: Access-Control-Allow-Headers %q, want %q",
				i, tt.requested, got, tt.want)
		}
		if got := w.Header().Get("Access-Control-Allow-Origin"); got != "https://a.test" {
			t.Errorf("case %d: Access-Control-Allow-Origin %q, want the origin", i, got)
		}
	}
}

func TestCORSPreflightDisallowedOrigin(t *testing.T) {
	next := &corsHello{}
	h := CORS(CORSOptions{AllowedOrigins: []string{"https://a.test"}, MaxAge: time.Hour})(next)
	w := corsDo(h, "OPTIONS", "/", "Origin: https://evil.test", "Access-Control-Request-Method: DELETE")
	if w.Code != http.StatusNoContent {
		t.Errorf("preflight from a disallowed origin: status %d, want 204", w.Code)
	}
	if s := corsHeaders(w.Header()); s != "[]" {
		t.Errorf("preflight from a disallowed origin: got %s, want no CORS header", s)
	}
	if next.calls != 0 {
		t.Error("preflight from a disallowed origin reached the handler")
	}
}

func TestCORSPlainOptionsIsNotPreflight(t *testing.T) {
	next := &corsHello{}
	h := CORS(CORSOptions{AllowedOrigins: []string{"https://a.test"}})(next)
	w := corsDo(h, "OPTIONS", "/", "Origin: https://a.test")
	if next.calls != 1 || w.Body.String() != "hello" {
		t.Errorf("OPTIONS without Access-Control-Request-Method: handler ran %d times, body %q; want it served", next.calls, w.Body)
	}
	if got := w.Header().Get("Access-Control-Allow-Origin"); got != "https://a.test" {
		t.Errorf("plain OPTIONS: Access-Control-Allow-Origin %q, want the origin", got)
	}
	if got := w.Header().Get("Access-Control-Allow-Methods"); got != "" {
		t.Errorf("plain OPTIONS: Access-Control-Allow-Methods %q, want none", got)
	}
}

// TestCORSOverTheNetwork plays the browser's part with a real client: the
// preflight, then the request it allows.
func TestCORSOverTheNetwork(t *testing.T) {
	r := velocy.New()
	r.Use(CORS(CORSOptions{
		AllowedOrigins:   []string{"https://*.a.test"},
		AllowedHeaders:   []string{"Content-Type"},
		AllowCredentials: true,
		ExposedHeaders:   []string{"Location"},
	}))
	r.Post("/things", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", "/things/1")
		w.WriteHeader(http.StatusCreated)
	})
	srv := httptest.NewServer(r)
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 10 * time.Second

	pre, _ := http.NewRequest("OPTIONS", srv.URL+"/things", nil)
	pre.Header.Set("Origin", "https://app.a.test")
	pre.Header.Set("Access-Control-Request-Method", "POST")
	pre.Header.Set("Access-Control-Request-Headers", "content-type")
	resp, err := client.Do(pre)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Methods") != "OPTIONS, POST" ||
		resp.Header.Get("Access-Control-Allow-Headers") != "content-type" ||
		resp.Header.Get("Access-Control-Allow-Credentials") != "true" {
		t.Errorf("preflight: %d %s", resp.StatusCode, corsHeaders(resp.Header))
	}

	req, _ := http.NewRequest("POST", srv.URL+"/things", strings.NewReader(`{}`))
	req.Header.Set("Origin", "https://app.a.test")
	req.Header.Set("Content-Type", "application/json")
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 201 || resp.Header.Get("Access-Control-Allow-Origin") != "https://app.a.test" ||
		resp.Header.Get("Access-Control-Expose-Headers") != "Location" {
		t.Errorf("request: %d %s", resp.StatusCode, corsHeaders(resp.Header))
	}
}

// FuzzCORSWildcard checks that a wildcard pattern only ever allows its own
// scheme, a subdomain made of DNS labels, and its own suffix.
func FuzzCORSWildcard(f *testing.F) {
	f.Add("https://a.example.com")
	f.Add("https://example.com.evil.net")
	f.Add("https://a..example.com")
	f.Add("https://.example.com")
	f.Add("https://a/b.example.com")
	w := corsWildcard{prefix: "https://", suffix: ".example.com"}
	f.Fuzz(func(t *testing.T, origin string) {
		if !w.match(origin) {
			return
		}
		sub, ok := strings.CutPrefix(origin, "https://")
		sub, ok2 := strings.CutSuffix(sub, ".example.com")
		if !ok || !ok2 {
			t.Fatalf("%q matched without the pattern's scheme and domain", origin)
		}
		for label := range strings.SplitSeq(sub, ".") {
			if label == "" || strings.Trim(label, "abcdefghijklmnopqrstuvwxyz0123456789-") != "" {
				t.Fatalf("%q matched with the label %q", origin, label)
			}
		}
	})
}

// FuzzCORSPattern checks that any pattern CORS accepts is either exact or a
// wildcard whose halves rebuild it.
func FuzzCORSPattern(f *testing.F) {
	f.Add("https://*.example.com")
	f.Add("https://a.test:8080")
	f.Add("https://*.:1")
	f.Fuzz(func(t *testing.T, o string) {
		w, err := corsParsePattern(o)
		if err != nil || w.prefix == "" {
			return
		}
		if w.prefix+"*"+w.suffix != o {
			t.Fatalf("pattern %q split into %q and %q", o, w.prefix, w.suffix)
		}
		if !strings.HasPrefix(w.suffix, ".") || strings.Contains(w.suffix, "*") || len(w.suffix) < 2 {
			t.Fatalf("pattern %q: suffix %q", o, w.suffix)
		}
	})
}

func ExampleCORS() {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/items", func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, "[]")
	})
	mux.HandleFunc("DELETE /api/items/{id}", func(http.ResponseWriter, *http.Request) {})
	h := CORS(CORSOptions{
		AllowedOrigins: []string{"https://app.example.com"},
		MaxAge:         time.Hour,
	})(mux)

	// What a browser sends before a DELETE from https://app.example.com.
	req := httptest.NewRequest("OPTIONS", "/api/items/3", nil)
	req.Header.Set("Origin", "https://app.example.com")
	req.Header.Set("Access-Control-Request-Method", "DELETE")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	fmt.Println(w.Code)
	for _, name := range []string{"Allow-Origin", "Allow-Methods", "Max-Age"} {
		fmt.Println(name+":", w.Header().Get("Access-Control-"+name))
	}
	// Output:
	// 204
	// Allow-Origin: https://app.example.com
	// Allow-Methods: DELETE
	// Max-Age: 3600
}

func BenchmarkCORS(b *testing.B) {
	h := CORS(CORSOptions{AllowedOrigins: []string{"https://a.test", "https://*.b.test"}})(
		http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	for _, origin := range []string{"", "https://a.test", "https://x.b.test", "https://evil.test"} {
		b.Run("origin="+origin, func(b *testing.B) {
			req := httptest.NewRequest("GET", "/", nil)
			if origin != "" {
				req.Header.Set("Origin", origin)
			}
			w := httptest.NewRecorder()
			b.ReportAllocs()
			for b.Loop() {
				clear(w.Header())
				h.ServeHTTP(w, req)
			}
		})
	}
}
