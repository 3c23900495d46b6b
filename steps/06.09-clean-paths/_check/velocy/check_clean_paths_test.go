package velocy

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path"
	"strings"
	"testing"
)

// cleanPathsWord returns a random lower-case word.
func cleanPathsWord() string {
	b := make([]byte, 2+rand.IntN(5))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

// cleanPathsRouter has a catch-all under dir and a param route under user;
// each handler writes its pattern and value, and records any value that
// starts with a slash or holds a dot segment in *bad.
func cleanPathsRouter(dir, user string, bad *string) *Router {
	r := New()
	handler := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, req *http.Request) {
			v := req.PathValue(name)
			for _, seg := range strings.Split(v, "/") {
				if seg == "." || seg == ".." || strings.HasPrefix(v, "/") {
					*bad = fmt.Sprintf("%s got %s=%q", req.Pattern, name, v)
				}
			}
			fmt.Fprintf(w, "%s %s=%s", req.Pattern, name, v)
		}
	}
	r.Get(dir+"/{path...}", handler("path"))
	r.Get(user+"/{id}", handler("id"))
	r.Post(user+"/{id}/edit", handler("id"))
	return r
}

func TestCleanPathsRedirectsToTheCleanedPath(t *testing.T) {
	dir, user, file := "/"+cleanPathsWord(), "/"+cleanPathsWord(), cleanPathsWord()
	var bad string
	r := cleanPathsRouter(dir, user, &bad)
	tests := []struct {
		method, target string
		wantCode       int
		wantLocation   string
	}{
		{"GET", dir + "/../../etc/" + file, 301, "/etc/" + file},
		{"GET", dir + "//etc/" + file, 301, dir + "/etc/" + file},
		{"GET", dir + "/a/./" + file, 301, dir + "/a/" + file},
		{"GET", dir + "/" + file + "/.", 301, dir + "/" + file},
		{"GET", dir + "/" + file + "//", 301, dir + "/" + file + "/"},
		{"GET", user + "/../" + user + "/7?q=" + file, 301, user + "/7?q=" + file},
		{"GET", user + "/..", 301, "/"},
		{"HEAD", user + "/.", 301, user},
		{"POST", user + "/./7/edit", 308, user + "/7/edit"},
	}
	for _, tt := range tests {
		bad = ""
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest(tt.method, tt.target, nil))
		if w.Code != tt.wantCode || w.Header().Get("Location") != tt.wantLocation {
			t.Errorf("%s %s = %d %q, Location %q; want %d, Location %q", tt.method, tt.target, w.Code, w.Body, w.Header().Get("Location"), tt.wantCode, tt.wantLocation)
		}
		if bad != "" {
			t.Errorf("%s %s reached a handler: %s", tt.method, tt.target, bad)
		}
	}
}

func TestCleanPathsEscapedDotsMatchNothing(t *testing.T) {
	dir, user := "/"+cleanPathsWord(), "/"+cleanPathsWord()
	var bad string
	r := cleanPathsRouter(dir, user, &bad)
	// Escapes can hide a dot segment or a leading slash from the cleaning:
	// the wildcard must refuse them itself.
	for _, target := range []string{
		dir + "/%2E%2E/etc/passwd",
		dir + "/%2e/x",
		dir + "/%2Fetc/passwd",
		dir + "/a%2F..%2F..%2Fetc",
		user + "/%2E%2e",
		user + "/%2Froot",
		user + "/a%2F..",
	} {
		bad = ""
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if bad != "" {
			t.Errorf("GET %s reached a handler: %s; want no match, a 404", target, bad)
		} else if w.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d %q, want 404", target, w.Code, w.Body)
		}
	}
	// Dots that are not a whole segment are ordinary text, and an escaped
	// slash inside a value is fine.
	for target, want := range map[string]string{
		dir + "/.well-known/a..b/...": dir + "/{path...} path=.well-known/a..b/...",
		user + "/.x":                  user + "/{id} id=.x",
		dir + "/a%2Fb/c":              dir + "/{path...} path=a/b/c",
		dir + "/":                     dir + "/{path...} path=",
	} {
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if w.Code != http.StatusOK || w.Body.String() != want {
			t.Errorf("GET %s = %d %q, want 200 %q", target, w.Code, w.Body, want)
		}
	}
}

func TestCleanPathsRandom(t *testing.T) {
	dir := "/" + cleanPathsWord()
	var bad string
	r := cleanPathsRouter(dir, "/"+cleanPathsWord(), &bad)
	pieces := []string{".", "..", "", "a", "b", cleanPathsWord()}
	for range 300 {
		segs := []string{}
		for range 1 + rand.IntN(5) {
			segs = append(segs, pieces[rand.IntN(len(pieces))])
		}
		target := dir + "/" + strings.Join(segs, "/")
		want := path.Clean(target) // the oracle: what ServeMux redirects to, slash aside
		if strings.HasSuffix(target, "/") && want != "/" {
			want += "/"
		}
		bad = ""
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if bad != "" {
			t.Fatalf("GET %s reached a handler: %s", target, bad)
		}
		switch {
		case want == target && w.Code != http.StatusOK:
			t.Fatalf("GET %s = %d %q, want 200: the path is clean", target, w.Code, w.Body)
		case want != target && (w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != want):
			t.Fatalf("GET %s = %d, Location %q; want 301 to the cleaned path %q", target, w.Code, w.Header().Get("Location"), want)
		}
	}
}

func TestCleanPathsHelpers(t *testing.T) {
	for p, want := range map[string]bool{
		"/": true, "/a": true, "/a/": true, "/a/b.c/..d": true,
		"//": false, "/a//b": false, "/a/./b": false, "/a/..": false, "/.": false, "/a/b/.": false,
	} {
		if got := cleanPath(p); got != want {
			t.Errorf("cleanPath(%q) = %v, want %v", p, got, want)
		}
	}
	for _, tt := range []struct {
		v    string
		raw  bool
		want bool
	}{
		{"a/b/c.txt", false, true}, {"", false, true}, {"a/", false, true}, {"...", false, true},
		{"..", false, false}, {"a/./b", false, false}, {"/etc", false, false}, {"a//b", false, false},
		{"%2E%2E", true, false}, {"%2Fetc", true, false}, {"a%2F..%2Fb", true, false},
		{"a%2Fb", true, true}, {"%2E%2E", false, true}, // not raw: "%2E%2E" is the text itself
	} {
		if got := safeValue(tt.v, tt.raw); got != tt.want {
			t.Errorf("safeValue(%q, raw=%v) = %v, want %v", tt.v, tt.raw, got, tt.want)
		}
		if !strings.Contains(tt.v, "/") && !(tt.raw && strings.Contains(tt.v, "%2F")) {
			if got := safeSegment(tt.v, tt.raw); got != tt.want && tt.v != "" {
				t.Errorf("safeSegment(%q, raw=%v) = %v, want %v", tt.v, tt.raw, got, tt.want)
			}
		}
	}
}
