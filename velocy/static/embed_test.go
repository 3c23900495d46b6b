package static

import (
	"embed"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

//go:embed testdata/site
var site embed.FS

func siteFS(t *testing.T) fs.FS {
	sub, err := fs.Sub(site, "testdata/site")
	if err != nil {
		t.Fatal(err)
	}
	return sub
}

func TestEmbedFS(t *testing.T) {
	h := FS(siteFS(t), Options{})
	get := func(path string, hdr map[string]string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", path, nil)
		for k, v := range hdr {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	w := get("/hello.txt", nil)
	tag := w.Header().Get("ETag")
	if w.Code != 200 || w.Body.String() != "hello from embed\n" {
		t.Fatalf("GET /hello.txt = %d %q", w.Code, w.Body)
	}
	if !strings.HasPrefix(tag, `"`) || len(tag) < 20 {
		t.Errorf("ETag %q: want a strong content hash", tag)
	}
	if lm := w.Header().Get("Last-Modified"); lm != "" {
		t.Errorf("Last-Modified %q for a file without a time", lm)
	}
	if again := get("/hello.txt", nil).Header().Get("ETag"); again != tag {
		t.Errorf("ETag changed between requests: %q, %q", tag, again)
	}
	if w := get("/hello.txt", map[string]string{"If-None-Match": tag}); w.Code != 304 {
		t.Errorf("If-None-Match: %d, want 304", w.Code)
	}
	if w := get("/hello.txt", map[string]string{"Range": "bytes=6-9", "If-Range": tag}); w.Code != 206 || w.Body.String() != "from" {
		t.Errorf("Range with If-Range: %d %q, want 206 from", w.Code, w.Body)
	}
	if w := get("/", nil); w.Code != 200 || w.Body.String() != "<h1>embedded</h1>\n" || w.Header().Get("Cache-Control") != "no-cache" {
		t.Errorf("GET / = %d %q Cache-Control %q", w.Code, w.Body, w.Header().Get("Cache-Control"))
	}
	if w := get("/css/app.3f9a2c1b.css", nil); w.Code != 200 || w.Header().Get("Cache-Control") != Immutable || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/css") {
		t.Errorf("GET the fingerprinted css = %d %q %q", w.Code, w.Header().Get("Cache-Control"), w.Header().Get("Content-Type"))
	}
	if w := get("/css", nil); w.Code != 301 || w.Header().Get("Location") != "./css/" {
		t.Errorf("GET /css = %d %q", w.Code, w.Header().Get("Location"))
	}
	if w := get("/../doc.go", nil); w.Code != 400 {
		t.Errorf("GET /../doc.go = %d, want 400", w.Code)
	}
}

// TestMapFSContentTag: two different contents of the same name get
// different tags (a MapFS file with a zero time is hashed, like embed's).
func TestMapFSContentTag(t *testing.T) {
	tag := func(data string) string {
		h := FS(fstest.MapFS{"f.txt": {Data: []byte(data)}}, Options{})
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", "/f.txt", nil))
		if w.Body.String() != data {
			t.Fatalf("body %q, want %q", w.Body, data)
		}
		return w.Header().Get("ETag")
	}
	if a, b := tag("one"), tag("two"); a == b {
		t.Errorf("different contents, same tag %q", a)
	}
}

// notSeekable is a file system whose files cannot seek.
type notSeekable struct{ fs.FS }

func (n notSeekable) Open(name string) (fs.File, error) {
	f, err := n.FS.Open(name)
	if err != nil {
		return nil, err
	}
	return onlyFile{f}, nil
}

// onlyFile hides every method but those of fs.File.
type onlyFile struct{ f fs.File }

func (o onlyFile) Stat() (fs.FileInfo, error) { return o.f.Stat() }
func (o onlyFile) Read(p []byte) (int, error) { return o.f.Read(p) }
func (o onlyFile) Close() error               { return o.f.Close() }

func TestNotSeekable(t *testing.T) {
	h := FS(notSeekable{fstest.MapFS{"f.txt": {Data: []byte("x")}}}, Options{})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/f.txt", nil))
	if w.Code != http.StatusInternalServerError {
		t.Errorf("a file that cannot seek: %d, want 500", w.Code)
	}
}
