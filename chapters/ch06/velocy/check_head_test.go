package velocy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// headRoute returns a handler that names itself in the X-Route header and
// writes a body.
func headRoute(name string) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		w.Header().Set("X-Route", name)
		io.WriteString(w, "the body of "+name)
	}
}

func TestHeadFallsBackToGet(t *testing.T) {
	r := New()
	r.Get("/page", headRoute("GET /page"))
	r.Get("/both", headRoute("GET /both"))
	r.Head("/both", headRoute("HEAD /both"))
	r.Post("/form", headRoute("POST /form"))
	srv := httptest.NewServer(r)
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 5 * time.Second

	tests := []struct {
		method, path string
		wantCode     int
		wantRoute    string
		wantBody     string
	}{
		{"HEAD", "/page", 200, "GET /page", ""}, // net/http drops the body of an answer to HEAD
		{"GET", "/page", 200, "GET /page", "the body of GET /page"},
		{"HEAD", "/both", 200, "HEAD /both", ""},
		{"GET", "/both", 200, "GET /both", "the body of GET /both"},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, srv.URL+tt.path, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", tt.method, tt.path, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if got := resp.Header.Get("X-Route"); resp.StatusCode != tt.wantCode || got != tt.wantRoute || string(body) != tt.wantBody {
			t.Errorf("%s %s = %d, X-Route %q, body %q; want %d from the route %q, body %q", tt.method, tt.path, resp.StatusCode, got, body, tt.wantCode, tt.wantRoute, tt.wantBody)
		}
	}
	// HEAD borrows the GET route only: a POST route does not answer it.
	req, _ := http.NewRequest("HEAD", srv.URL+"/form", nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("HEAD /form: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode == 200 {
		t.Errorf("HEAD /form = 200 from %q, want anything but 200: only a GET route answers HEAD", resp.Header.Get("X-Route"))
	}
}
