package velocy

import (
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// mapRouterText returns a handler that answers with body.
func mapRouterText(body string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		io.WriteString(w, body)
	})
}

// mapRouterDo sends one request to srv, a real server on a loopback port,
// and returns the status code and the body of the answer.
func mapRouterDo(t *testing.T, srv *httptest.Server, method, path, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatalf("building %s %s: %v", method, path, err)
	}
	client := srv.Client()
	client.Timeout = 5 * time.Second
	resp, err := client.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("%s %s: reading the body: %v", method, path, err)
	}
	return resp.StatusCode, string(got)
}

// mapRouterWord returns a random lower-case word, so that no path or body
// of the check can be written into the router.
func mapRouterWord() string {
	b := make([]byte, 4+rand.IntN(6))
	for i := range b {
		b[i] = byte('a' + rand.IntN(26))
	}
	return string(b)
}

func TestMapRouterServesRoutes(t *testing.T) {
	hello, echo, greeting := "/"+mapRouterWord(), "/"+mapRouterWord(), "hello, "+mapRouterWord()+"\n"
	r := New()
	r.Handle("GET", hello, mapRouterText(greeting))
	r.Handle("POST", echo, http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		io.Copy(w, req.Body)
	}))
	srv := httptest.NewServer(r)
	defer srv.Close()

	ping := mapRouterWord()
	tests := []struct {
		method, path, body string
		wantCode           int
		wantBody           string
	}{
		{"GET", hello, "", 200, greeting},
		{"POST", echo, ping, 200, ping},
		{"GET", "/" + mapRouterWord() + "x", "", 404, "404 page not found\n"},
		{"GET", strings.ToUpper(hello), "", 404, "404 page not found\n"}, // paths are case-sensitive
		{"GET", hello + "/again", "", 404, "404 page not found\n"},
	}
	for _, tt := range tests {
		code, body := mapRouterDo(t, srv, tt.method, tt.path, tt.body)
		if code != tt.wantCode || body != tt.wantBody {
			t.Errorf("%s %s = %d %q, want %d with body %q", tt.method, tt.path, code, body, tt.wantCode, tt.wantBody)
		}
	}
	// The method is part of the route: a POST must not reach the GET handler.
	if code, body := mapRouterDo(t, srv, "POST", hello, ""); code == 200 {
		t.Errorf("POST %s = %d %q, want anything but 200: the route is for GET only, so the method must be part of the key", hello, code, body)
	}
}

func TestMapRouterEmpty(t *testing.T) {
	srv := httptest.NewServer(New())
	defer srv.Close()
	for _, rq := range [][2]string{{"GET", "/"}, {"POST", "/anything"}, {"DELETE", "/a/b/c"}} {
		if code, body := mapRouterDo(t, srv, rq[0], rq[1], ""); code != 404 || body != "404 page not found\n" {
			t.Errorf("%s %s on a router without routes = %d %q, want 404 with body %q", rq[0], rq[1], code, body, "404 page not found\n")
		}
	}
}
