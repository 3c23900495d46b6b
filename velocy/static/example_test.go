package static_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing/fstest"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy/static"
)

// A Handler mounted under /static/ with http.StripPrefix; an embed.FS
// works the same way as this in-memory file system.
func ExampleFS() {
	files := fstest.MapFS{
		"index.html":      {Data: []byte("<h1>home</h1>")},
		"app.3f9a2c1b.js": {Data: []byte("console.log(1)")},
		"docs/index.html": {Data: []byte("<h1>docs</h1>")},
		".env":            {Data: []byte("SECRET=1")},
	}
	mux := http.NewServeMux()
	mux.Handle("/static/", http.StripPrefix("/static", static.FS(files, static.Options{})))

	for _, path := range []string{"/static/", "/static/app.3f9a2c1b.js", "/static/docs", "/static/.env", "/static/%2e%2e/x"} {
		w := httptest.NewRecorder()
		mux.ServeHTTP(w, httptest.NewRequest("GET", path, nil))
		fmt.Println(strings.TrimSpace(fmt.Sprintln(path, w.Code, w.Header().Get("Cache-Control"), w.Header().Get("Location"))))
	}
	// Output:
	// /static/ 200 no-cache
	// /static/app.3f9a2c1b.js 200 public, max-age=31536000, immutable
	// /static/docs 301  ./docs/
	// /static/.env 404
	// /static/%2e%2e/x 400
}

// Serving a directory: nothing outside it can be reached, not even through
// a symlink.
func ExampleDir() {
	h, err := static.Dir("testdata/site", static.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer h.Close()
	w := httptest.NewRecorder()
	r := httptest.NewRequest("GET", "/hello.txt", nil)
	r.Header.Set("Range", "bytes=0-4")
	h.ServeHTTP(w, r)
	fmt.Println(w.Code, w.Header().Get("Content-Range"), w.Body)
	// Output:
	// 206 bytes 0-4/17 hello
}
