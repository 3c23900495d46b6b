package velocy

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestOptionsListsMethods(t *testing.T) {
	r := New()
	echo := func(w http.ResponseWriter, req *http.Request) { io.WriteString(w, req.Method+" "+req.URL.Path) }
	r.Put("/items/1", echo)
	r.Delete("/items/1", echo)
	r.Get("/items/1", echo)
	r.Get("/custom", echo)
	r.Options("/custom", echo)
	srv := httptest.NewServer(r)
	defer srv.Close()
	client := srv.Client()
	client.Timeout = 5 * time.Second

	tests := []struct {
		path      string
		wantCode  int
		wantAllow string
		wantBody  string
	}{
		{"/items/1", 204, "DELETE, GET, HEAD, OPTIONS, PUT", ""},
		{"/custom", 200, "", "OPTIONS /custom"}, // a route of its own wins
		{"/nope", 404, "", "404 page not found\n"},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest("OPTIONS", srv.URL+tt.path, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("OPTIONS %s: %v", tt.path, err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if allow := resp.Header.Get("Allow"); resp.StatusCode != tt.wantCode || allow != tt.wantAllow || string(body) != tt.wantBody {
			t.Errorf("OPTIONS %s = %d, Allow %q, body %q; want %d, Allow %q, body %q", tt.path, resp.StatusCode, allow, body, tt.wantCode, tt.wantAllow, tt.wantBody)
		}
	}
}
