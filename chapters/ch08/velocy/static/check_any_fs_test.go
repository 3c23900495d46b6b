package static

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"path"
	"testing"
	"testing/fstest"
)

// anyFSWord returns a random lower-case word.
func anyFSWord() string {
	b := make([]byte, 4+rand.IntN(8))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

// anyFSHandler returns FS(fsys, opts), failing the test on nil.
func anyFSHandler(t *testing.T, fsys fstest.MapFS, opts Options) http.Handler {
	t.Helper()
	h := FS(fsys, opts)
	if h == nil {
		t.Fatal("FS(fsys, Options{}) returned a nil *Handler: make a Handler that opens its files through fsys")
	}
	return http.StripPrefix("/static", h)
}

func TestFSServesAnyFileSystem(t *testing.T) {
	dir := anyFSWord()
	files := fstest.MapFS{
		"index.html":             {Data: []byte("<h1>" + anyFSWord() + "</h1>")},
		dir + "/index.html":      {Data: []byte("<h2>" + anyFSWord() + "</h2>")},
		dir + "/a.txt":           {Data: []byte(anyFSWord())},
		anyFSWord() + ".txt":     {Data: []byte(anyFSWord())},
		"." + anyFSWord():        {Data: []byte("SECRET=" + anyFSWord())},
		dir + "/." + anyFSWord(): {Data: []byte("SECRET=" + anyFSWord())},
	}
	h := anyFSHandler(t, files, Options{})
	for name, f := range files {
		target := "/static/" + name
		want, code := string(f.Data), http.StatusOK
		if path.Base(name)[0] == '.' {
			want, code = "", http.StatusNotFound
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if w.Code != code || code == http.StatusOK && w.Body.String() != want {
			t.Errorf("FS(fstest.MapFS), GET %s = %d %.60q, want %d %q", target, w.Code, w.Body, code, want)
		}
	}
	for target, want := range map[string]string{
		"/static/":             string(files["index.html"].Data),
		"/static/" + dir + "/": string(files[dir+"/index.html"].Data),
	} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		if w.Code != http.StatusOK || w.Body.String() != want {
			t.Errorf("FS(fstest.MapFS), GET %s = %d %.60q, want 200 and the index, %q", target, w.Code, w.Body, want)
		}
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/static/"+dir, nil))
	if w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != "./"+dir+"/" {
		t.Errorf("FS(fstest.MapFS), GET /static/%s = %d, Location %q; want 301 to ./%s/", dir, w.Code, w.Header().Get("Location"), dir)
	}
	w = httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "/static/"+anyFSWord()+".txt", nil))
	if w.Code != http.StatusNotFound {
		t.Errorf("FS(fstest.MapFS), GET of a missing file = %d, want 404", w.Code)
	}
}
