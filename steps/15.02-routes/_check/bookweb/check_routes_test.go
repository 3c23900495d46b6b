package bookweb

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

// routesServer loads a book directory with random lessons, linked in reading order, and an image,
// and returns its pages, the image's path and content, and a test server running New on it.
func routesServer(t *testing.T) (pages []Page, asset, content string, srv *httptest.Server) {
	t.Helper()
	dir, idx := loadBookDir(t, 2+rand.IntN(3))
	for i := range idx.Pages {
		if i > 0 {
			idx.Pages[i].Prev = idx.Pages[i-1].URL
			idx.Pages[i-1].Next = idx.Pages[i].URL
		}
	}
	data, _ := json.Marshal(idx)
	dir["book.json"] = &fstest.MapFile{Data: data}
	asset = fmt.Sprintf("assets/ch01/fig%d.svg", rand.IntN(1000))
	content = fmt.Sprintf("<svg>%d</svg>", rand.Int())
	dir[asset] = &fstest.MapFile{Data: []byte(content)}
	b, err := Load(dir)
	if err != nil {
		t.Fatalf("Load: %v (step 15.01 must pass first)", err)
	}
	srv = httptest.NewServer(New(b, Options{Logger: slog.New(slog.DiscardHandler)}))
	t.Cleanup(srv.Close)
	return idx.Pages, asset, content, srv
}

// routesGet sends a request and returns the status and body.
func routesGet(t *testing.T, srv *httptest.Server, method, path string) (int, string) {
	t.Helper()
	req, _ := http.NewRequestWithContext(t.Context(), method, srv.URL+path, nil)
	resp, err := srv.Client().Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	return resp.StatusCode, string(body)
}

func TestRoutesServePages(t *testing.T) {
	pages, _, _, srv := routesServer(t)
	code, body := routesGet(t, srv, "GET", "/")
	if code != http.StatusOK || !strings.Contains(body, "body of index.html") || !strings.Contains(body, "<title>A book</title>") {
		t.Fatalf("GET / = %d\n%.300s\nwant 200 with the home page's fragment inside the layout", code, body)
	}
	for _, p := range pages[1:] {
		code, body := routesGet(t, srv, "GET", "/"+p.URL)
		if code != http.StatusOK || !strings.Contains(body, "body of "+p.URL) {
			t.Errorf("GET /%s = %d\n%.300s\nwant 200 with its fragment", p.URL, code, body)
			continue
		}
		if want := `rel="prev" href="../` + p.Prev + `"`; !strings.Contains(body, want) {
			t.Errorf("GET /%s: the page lacks %s (render builds it from the page)", p.URL, want)
		}
	}
}

func TestRoutesServeFilesAndNothingElse(t *testing.T) {
	pages, asset, content, srv := routesServer(t)
	if code, body := routesGet(t, srv, "GET", "/"+asset); code != http.StatusOK || body != content {
		t.Errorf("GET /%s = %d %q, want 200 %q: files under assets/ come from the directory", asset, code, body, content)
	}
	for _, path := range []string{"/book.json", "/" + pages[1].Fragment, "/nope.html", "/assets/", "/assets/gone.svg"} {
		if code, _ := routesGet(t, srv, "GET", path); code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404: only pages, assets/ and static/ are served", path, code)
		}
	}
	if code, _ := routesGet(t, srv, "POST", "/"+pages[1].URL); code != http.StatusMethodNotAllowed {
		t.Errorf("POST /%s = %d, want 405 from your router", pages[1].URL, code)
	}
}
