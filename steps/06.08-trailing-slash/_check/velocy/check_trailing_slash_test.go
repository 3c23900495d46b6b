package velocy

import (
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// slashRouter has a route of each kind the redirects care about.
func slashRouter() *Router {
	r := New()
	echo := func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		io.WriteString(w, req.Method+" "+req.URL.Path+" "+string(b))
	}
	for _, rt := range []string{"GET /dir/", "GET /file", "POST /form", "GET /both", "GET /both/", "GET /café/"} {
		method, pattern, _ := strings.Cut(rt, " ")
		r.HandleFunc(method, pattern, echo)
	}
	return r
}

func TestTrailingSlashRedirects(t *testing.T) {
	r := slashRouter()
	tests := []struct {
		method, target string
		wantCode       int
		wantLocation   string
	}{
		{"GET", "/dir", 301, "/dir/"},
		{"HEAD", "/dir", 301, "/dir/"},
		{"GET", "/file/", 301, "/file"},
		{"GET", "/file/?q=1&r=%2F", 301, "/file?q=1&r=%2F"}, // the query goes along
		{"POST", "/form/", 308, "/form"},                    // 308 keeps the method and the body
		{"DELETE", "/file/", 308, "/file"},                  // and there the client gets its 405
		{"GET", "/dir//", 301, "/dir/"},
		{"GET", "/caf%C3%A9", 301, "/caf%C3%A9/"}, // the escaped path: a Location is a URL
		{"GET", "/both", 200, ""},
		{"GET", "/both/", 200, ""},
		{"GET", "/", 404, ""},
		{"GET", "/nope/", 404, ""},
	}
	for _, tt := range tests {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if w.Code != tt.wantCode || w.Header().Get("Location") != tt.wantLocation {
			t.Errorf("%s %s = %d, Location %q; want %d, Location %q", tt.method, tt.target, w.Code, w.Header().Get("Location"), tt.wantCode, tt.wantLocation)
		}
	}

	// Never a Location that starts with "//": a browser reads it as the
	// address of another site. (Lesson 6.9 will clean "//file/" into
	// "/file/", which is fine too.)
	w := httptest.NewRecorder()
	r.ServeHTTP(w, httptest.NewRequest("GET", "//file/", nil))
	if loc := w.Header().Get("Location"); strings.HasPrefix(loc, "//") {
		t.Errorf("GET //file/ = %d, Location %q; want no Location that starts with \"//\": browsers read it as another site", w.Code, loc)
	}

	// A backslash would do the same: browsers read "/\host" as "//host".
	req := httptest.NewRequest("GET", "/", nil)
	req.URL = &url.URL{Path: `/\evil.example/`}
	w = httptest.NewRecorder()
	r.ServeHTTP(w, req)
	if w.Code != 404 {
		t.Errorf(`GET /\evil.example/ = %d, Location %q; want 404: redirecting to "/\evil.example" sends browsers to another site`, w.Code, w.Header().Get("Location"))
	}
}

func TestTrailingSlashWithClient(t *testing.T) {
	srv := httptest.NewServer(slashRouter())
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 5 * time.Second
	for _, tt := range []struct{ method, path, body, want string }{
		{"GET", "/dir", "", "GET /dir/ "},
		{"POST", "/form/", "name=ada", "POST /form name=ada"},
	} {
		req, _ := http.NewRequest(tt.method, srv.URL+tt.path, strings.NewReader(tt.body))
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", tt.method, tt.path, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || string(body) != tt.want {
			t.Errorf("%s %s with body %q, following redirects = %d %q, want 200 %q", tt.method, tt.path, tt.body, resp.StatusCode, body, tt.want)
		}
	}
}

func TestTrailingSlashRandom(t *testing.T) {
	word := func() string {
		b := make([]byte, 2+rand.IntN(6))
		for i := range b {
			b[i] = byte('a' + rand.IntN(26))
		}
		return string(b)
	}
	for range 20 {
		dir, file, q := "/"+word()+"/"+word()+"/", "/"+word(), word()+"="+word()
		r := New()
		r.Get(dir, func(http.ResponseWriter, *http.Request) {})
		r.Put(file, func(http.ResponseWriter, *http.Request) {})
		for _, tt := range []struct {
			method, target string
			wantCode       int
			wantLocation   string
		}{
			{"GET", strings.TrimSuffix(dir, "/") + "?" + q, 301, dir + "?" + q},
			{"HEAD", strings.TrimSuffix(dir, "/"), 301, dir},
			{"PUT", file + "/", 308, file},
			{"GET", file + "/?" + q, 301, file + "?" + q},
		} {
			w := httptest.NewRecorder()
			r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
			if w.Code != tt.wantCode || w.Header().Get("Location") != tt.wantLocation {
				t.Fatalf("with GET %s and PUT %s: %s %s = %d, Location %q; want %d, Location %q", dir, file, tt.method, tt.target, w.Code, w.Header().Get("Location"), tt.wantCode, tt.wantLocation)
			}
		}
	}
}
