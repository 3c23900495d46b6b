package velocy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// allowServer serves a router with one echo route per "METHOD /path" on a
// loopback port.
func allowServer(t *testing.T, routes ...string) *httptest.Server {
	t.Helper()
	r := New()
	for _, rt := range routes {
		method, pattern, _ := strings.Cut(rt, " ")
		r.HandleFunc(method, pattern, func(w http.ResponseWriter, req *http.Request) {
			io.WriteString(w, req.Method+" "+req.URL.Path)
		})
	}
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv
}

// allowDo sends one request and returns the status, the Allow header and the body.
func allowDo(t *testing.T, srv *httptest.Server, method, path string) (int, string, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	client := srv.Client()
	client.Timeout = 5 * time.Second
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Allow"), string(body)
}

func TestMethodNotAllowed(t *testing.T) {
	srv := allowServer(t, "GET /items", "POST /items", "PUT /items/1", "DELETE /items/1", "PATCH /items/1",
		"PROPFIND /dav", "HEAD /only-head")
	const body405 = "405 method not allowed\n"
	tests := []struct {
		method, path string
		wantCode     int
		wantAllow    string
		wantBody     string
	}{
		{"GET", "/items", 200, "", "GET /items"},
		{"DELETE", "/items", 405, "GET, HEAD, OPTIONS, POST", body405},
		{"BREW", "/items", 405, "GET, HEAD, OPTIONS, POST", body405},
		{"POST", "/items/1", 405, "DELETE, OPTIONS, PATCH, PUT", body405},
		{"GET", "/items/1", 405, "DELETE, OPTIONS, PATCH, PUT", body405},
		{"GET", "/dav", 405, "OPTIONS, PROPFIND", body405},
		{"GET", "/only-head", 405, "HEAD, OPTIONS", body405},
		{"GET", "/nope", 404, "", "404 page not found\n"},
		{"DELETE", "/items/2", 404, "", "404 page not found\n"},
	}
	for _, tt := range tests {
		code, allow, body := allowDo(t, srv, tt.method, tt.path)
		if code != tt.wantCode || allow != tt.wantAllow || body != tt.wantBody {
			t.Errorf("%s %s = %d, Allow %q, body %q; want %d, Allow %q, body %q", tt.method, tt.path, code, allow, body, tt.wantCode, tt.wantAllow, tt.wantBody)
		}
	}
}
