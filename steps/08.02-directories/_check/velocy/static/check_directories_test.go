package static

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// directoriesWord returns a random lower-case word.
func directoriesWord() string {
	b := make([]byte, 4+rand.IntN(8))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

// directoriesServe answers one request to a Handler for dir, mounted under
// /static/ with http.StripPrefix.
func directoriesServe(t *testing.T, dir string, opts Options, target string) *httptest.ResponseRecorder {
	t.Helper()
	h, err := Dir(dir, opts)
	if err != nil || h == nil {
		t.Fatalf("Dir(%q) = %v, %v", dir, h, err)
	}
	defer h.Close()
	w := httptest.NewRecorder()
	http.StripPrefix("/static", h).ServeHTTP(w, httptest.NewRequest("GET", target, nil))
	return w
}

func directoriesWrite(t *testing.T, root, name, content string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestHandlerServesIndexFiles(t *testing.T) {
	root := t.TempDir()
	sub := directoriesWord() + "/" + directoriesWord()
	top, inner := "<h1>"+directoriesWord()+"</h1>", "<h1>"+directoriesWord()+"</h1>"
	directoriesWrite(t, root, "index.html", top)
	directoriesWrite(t, root, sub+"/index.html", inner)
	for target, want := range map[string]string{"/static/": top, "/static/" + sub + "/": inner} {
		w := directoriesServe(t, root, Options{}, target)
		if w.Code != http.StatusOK || w.Body.String() != want {
			t.Errorf("GET %s = %d %.60q, want 200 and the directory's index.html, %q", target, w.Code, w.Body, want)
		}
	}
	index := directoriesWord() + ".html"
	home := "<p>" + directoriesWord() + "</p>"
	directoriesWrite(t, root, sub+"/"+index, home)
	if w := directoriesServe(t, root, Options{Index: index}, "/static/"+sub+"/"); w.Code != http.StatusOK || w.Body.String() != home {
		t.Errorf("Options{Index: %q}, GET /static/%s/ = %d %.60q, want 200 and %q", index, sub, w.Code, w.Body, home)
	}
	empty := directoriesWord()
	if err := os.Mkdir(filepath.Join(root, empty), 0o755); err != nil {
		t.Fatal(err)
	}
	if w := directoriesServe(t, root, Options{}, "/static/"+empty+"/"); w.Code != http.StatusNotFound {
		t.Errorf("GET /static/%s/, a directory without index.html = %d %.60q, want 404: no listings", empty, w.Code, w.Body)
	}
	if w := directoriesServe(t, root, Options{}, "/static/index.html/"); w.Code != http.StatusNotFound {
		t.Errorf("GET /static/index.html/, a file with a trailing slash = %d, want 404", w.Code)
	}
}

func TestHandlerRedirectsDirectories(t *testing.T) {
	root := t.TempDir()
	dir, name := directoriesWord(), directoriesWord()
	content := "<p>" + directoriesWord() + "</p>"
	directoriesWrite(t, root, dir+"/"+name+"/index.html", content)
	query := ""
	if rand.IntN(2) == 0 {
		query = "?q=" + directoriesWord()
	}
	for target, want := range map[string]string{
		"/static/" + dir + query:              "./" + dir + "/" + query,
		"/static/" + dir + "/" + name + query: "./" + name + "/" + query,
	} {
		w := directoriesServe(t, root, Options{}, target)
		if w.Code != http.StatusMovedPermanently || w.Header().Get("Location") != want {
			t.Errorf("GET %s = %d, Location %q; want 301 to %q: relative, so the mount prefix /static/ stays", target, w.Code, w.Header().Get("Location"), want)
		}
	}

	// A browser follows the redirect, relative to the URL it asked for.
	h, err := Dir(root, Options{})
	if err != nil || h == nil {
		t.Fatalf("Dir(%q) = %v, %v", root, h, err)
	}
	defer h.Close()
	mux := http.NewServeMux()
	mux.Handle("/static/", http.StripPrefix("/static", h))
	srv := httptest.NewServer(mux)
	defer srv.Close()
	client := &http.Client{Timeout: 5 * time.Second}
	res, err := client.Get(srv.URL + "/static/" + dir + "/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.HasSuffix(res.Request.URL.Path, "/static/"+dir+"/"+name+"/") {
		t.Errorf("following the redirect from /static/%s/%s ends at %s with %d, want /static/%s/%s/ and 200", dir, name, res.Request.URL.Path, res.StatusCode, dir, name)
	}
}
