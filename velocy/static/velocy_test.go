package static

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/learn-go-hard-way/learn-go-hard-way/velocy"
)

// TestThroughVelocyMount serves the tree under /static with velocy's
// Router.Mount, which cuts the prefix from Path and RawPath, and sends the
// traversal list: velocy itself redirects a path with dot segments to its
// cleaned form (as http.ServeMux does), and the Handler refuses the rest;
// nothing outside the root is ever served.
func TestThroughVelocyMount(t *testing.T) {
	h, err := Dir(tree(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	r := velocy.New()
	r.Mount("/static", h)
	srv := httptest.NewServer(r)
	defer srv.Close()
	addr := srv.Listener.Addr().String()
	for _, target := range traversals {
		resp, body := rawGet(t, addr, "GET", target)
		switch {
		case resp.StatusCode == http.StatusBadRequest, resp.StatusCode == http.StatusForbidden, resp.StatusCode == http.StatusNotFound:
		case resp.StatusCode == http.StatusMovedPermanently || resp.StatusCode == http.StatusPermanentRedirect:
			// The router's own redirect to the cleaned path: the
			// client asks again, for a path inside the mount or not.
			if loc := resp.Header.Get("Location"); strings.HasPrefix(loc, "//") || strings.Contains(loc, "://") {
				t.Errorf("GET %s: redirect to %q, another host", target, loc)
			}
		default:
			t.Errorf("GET %s = %d, want 400, 403, 404 or the router's redirect", target, resp.StatusCode)
		}
		if strings.Contains(body, secret) {
			t.Errorf("GET %s leaked the file outside the root", target)
		}
	}
	for target, want := range map[string]string{"/static/a.txt": "file a", "/static/sub/b.txt": "file b", "/static/link-in": "file a"} {
		resp, body := rawGet(t, addr, "GET", target)
		if resp.StatusCode != 200 || body != want {
			t.Errorf("GET %s = %d %q, want 200 %q", target, resp.StatusCode, body, want)
		}
	}
	resp, _ := rawGet(t, addr, "GET", "/static/sub")
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "./sub/" {
		t.Errorf("GET /static/sub = %d %q, want 301 ./sub/", resp.StatusCode, resp.Header.Get("Location"))
	}
}
