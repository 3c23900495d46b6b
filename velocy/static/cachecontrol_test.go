package static

import (
	"net/http/httptest"
	"testing"
)

func TestFingerprinted(t *testing.T) {
	for name, want := range map[string]bool{
		"app.3f9a2c1b.js":              true,
		"css/app.3f9a2c1b.css":         true,
		"main.3F9A2C1B0D.chunk.js":     true,
		"chunk-3f9a2c1b.js":            true,
		"vendor.min.js":                false,
		"app.js":                       false,
		"app.3f9a2c1.js":               false, // 7 digits: too short to be a hash
		"3f9a2c1b.js":                  false, // the whole stem: a name, not a fingerprint
		"app.3f9a2c1g.js":              false,
		"deadbeef":                     false,
		"dir.3f9a2c1b/app.js":          false, // only the last element counts
		"report-2024-01-01.pdf":        false,
		"photo-20240101.jpg":           true, // 8 digits after a hyphen: looks the same, the rule cannot tell
		"archive.tar.gz":               false,
		"logo.a1b2c3d4e5f6a7b8.svg":    true,
		"index.html":                   false,
		".3f9a2c1b.js":                 true,
		"app.3f9a2c1b.3f9a2c1b.map.js": true,
		"app.0123456789abcdef.woff2":   true,
		"app.0123456789abcdef.":        false,
		"":                             false,
		"app.3f9a2c1b":                 false, // no extension after the hash
	} {
		if got := Fingerprinted(name); got != want {
			t.Errorf("Fingerprinted(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestCacheControl(t *testing.T) {
	h, err := Dir(tree(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	for path, want := range map[string]string{
		"/app.3f9a2c1b.js": Immutable,
		"/index.html":      "no-cache",
		"/":                "no-cache", // the index file's rule
		"/sub/":            "no-cache",
		"/a.txt":           "",
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if got := w.Header().Get("Cache-Control"); w.Code != 200 || got != want {
			t.Errorf("GET %s = %d, Cache-Control %q, want %q", path, w.Code, got, want)
		}
	}
	// Rules of one's own, first match wins; errors get none.
	own, _ := Dir(tree(t), Options{CacheRules: []CacheRule{
		{Match: Glob("*.txt"), Value: "public, max-age=60"},
		{Match: func(string) bool { return true }, Value: "private"},
	}})
	defer own.Close()
	for path, want := range map[string]string{"/a.txt": "public, max-age=60", "/app.js": "private", "/missing": ""} {
		w := httptest.NewRecorder()
		own.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		if got := w.Header().Get("Cache-Control"); got != want {
			t.Errorf("own rules: GET %s: Cache-Control %q, want %q", path, got, want)
		}
	}
}

func TestGlobPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("Glob(\"[\") did not panic")
		}
	}()
	Glob("[")
}
