package velocy

import (
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
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

func TestOptionsListsRandomMethods(t *testing.T) {
	for range 20 {
		choice := []string{"DELETE", "GET", "PATCH", "POST", "PROPFIND", "PUT"}
		rand.Shuffle(len(choice), func(i, j int) { choice[i], choice[j] = choice[j], choice[i] })
		methods := choice[:1+rand.IntN(5)]
		r := New()
		for _, m := range methods {
			r.HandleFunc(m, "/thing", func(http.ResponseWriter, *http.Request) {})
		}
		want := append([]string{"OPTIONS"}, methods...)
		if slices.Contains(methods, "GET") {
			want = append(want, "HEAD")
		}
		slices.Sort(want)
		w := httptest.NewRecorder()
		r.ServeHTTP(w, httptest.NewRequest("OPTIONS", "/thing", nil))
		if allow := w.Header().Get("Allow"); w.Code != 204 || allow != strings.Join(want, ", ") {
			t.Fatalf("with routes for %v on /thing: OPTIONS /thing = %d, Allow %q; want 204, Allow %q", methods, w.Code, allow, strings.Join(want, ", "))
		}
	}
}
