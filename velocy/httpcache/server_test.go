package httpcache

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestOverARealServer runs the cache and ETag in front of a handler on a
// loopback server and talks to it with net/http's client: what the
// recorder-based tests check must hold on a real connection too.
func TestOverARealServer(t *testing.T) {
	calls := 0
	mux := http.NewServeMux()
	mux.HandleFunc("GET /page", func(w http.ResponseWriter, r *http.Request) {
		calls++
		w.Header().Set("Cache-Control", "max-age=60")
		fmt.Fprint(w, strings.Repeat("page ", 100))
	})
	mux.HandleFunc("GET /events", func(w http.ResponseWriter, r *http.Request) {
		// A streaming handler reaches the connection through both
		// wrappers: a deadline (Unwrap) and Flush.
		rc := http.NewResponseController(w)
		if err := rc.SetWriteDeadline(time.Now().Add(10 * time.Second)); err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		fmt.Fprint(w, "data: 1\n\n")
		if err := rc.Flush(); err != nil {
			http.Error(w, err.Error(), 500)
		}
	})
	srv := httptest.NewServer(New(newMemStore(), Options{})(ETag(1 << 10)(mux)))
	defer srv.Close()

	get := func(method, path string, header ...string) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	first, body := get("GET", "/page")
	tag := first.Header.Get("ETag")
	if first.StatusCode != 200 || len(body) != 500 || tag == "" {
		t.Fatalf("first GET: %d, %d bytes, ETag %q", first.StatusCode, len(body), tag)
	}
	hit, body := get("GET", "/page")
	if !strings.Contains(hit.Header.Get("Cache-Status"), "; hit") || len(body) != 500 || hit.ContentLength != 500 {
		t.Errorf("second GET: Cache-Status %q, %d bytes, Content-Length %d", hit.Header.Get("Cache-Status"), len(body), hit.ContentLength)
	}
	head, body := get("HEAD", "/page")
	if head.ContentLength != 500 || body != "" {
		t.Errorf("HEAD: Content-Length %d, body %q; want 500 and none", head.ContentLength, body)
	}
	nm, body := get("GET", "/page", "If-None-Match", "W/"+tag)
	if nm.StatusCode != 304 || body != "" || calls != 1 {
		t.Errorf("If-None-Match: %d, body %q, %d handler calls; want 304 from the cache", nm.StatusCode, body, calls)
	}
	ev, body := get("GET", "/events")
	if ev.StatusCode != 200 || body != "data: 1\n\n" || ev.Header.Get("ETag") != "" {
		t.Errorf("streaming handler: %d %q ETag %q; want 200, the event, no tag", ev.StatusCode, body, ev.Header.Get("ETag"))
	}
}
