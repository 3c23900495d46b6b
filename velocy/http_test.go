package velocy

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// These tests go through a real net/http server and client on loopback, to
// check what the recorder-based tests cannot: HEAD bodies, redirects as a
// client follows them, and what happens to requests net/http itself refuses.

func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	r := newEchoRouter(matchRoutes...)
	r.Post("/form", echo)
	r.Get("/dir/", echo)
	srv := httptest.NewServer(r)
	t.Cleanup(srv.Close)
	return srv
}

func TestServerWithClient(t *testing.T) {
	srv := newTestServer(t)
	client := srv.Client()
	client.Timeout = 10 * time.Second
	tests := []struct {
		method, path string
		body         string
		wantCode     int
		wantBody     string
		wantAllow    string
	}{
		{"GET", "/users/42", "", 200, "/users/{id} id=42", ""},
		{"GET", "/users/new/profile", "", 200, "/users/{id}/profile id=new", ""},
		{"GET", "/users/a%2Fb", "", 200, "/users/{id} id=a/b", ""},
		{"GET", "/caf%C3%A9/mocha", "", 200, "/caf%C3%A9/{drink} drink=mocha", ""},
		{"GET", "/files/x/y.txt?download=1", "", 200, "/files/{path...} path=x/y.txt", ""},
		{"HEAD", "/users/42", "", 200, "", ""}, // served by GET, body dropped by net/http
		{"DELETE", "/users/42", "", 405, "405 method not allowed\n", "GET, HEAD, OPTIONS"},
		{"OPTIONS", "/users/42", "", 204, "", "GET, HEAD, OPTIONS"},
		{"GET", "/dir", "", 200, "/dir/", ""},            // 301 followed
		{"POST", "/form/", "name=ada", 200, "/form", ""}, // 308 followed, body resent
		{"GET", "/nope", "", 404, "404 page not found\n", ""},
	}
	for _, tt := range tests {
		var body io.Reader
		if tt.body != "" {
			body = strings.NewReader(tt.body)
		}
		req, err := http.NewRequest(tt.method, srv.URL+tt.path, body)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Errorf("%s %s: %v", tt.method, tt.path, err)
			continue
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tt.wantCode || string(got) != tt.wantBody || resp.Header.Get("Allow") != tt.wantAllow {
			t.Errorf("%s %s = %d %q Allow %q, want %d %q Allow %q", tt.method, tt.path, resp.StatusCode, got, resp.Header.Get("Allow"), tt.wantCode, tt.wantBody, tt.wantAllow)
		}
	}
}

// rawRequest sends raw bytes to addr and returns the status line of the
// answer.
func rawRequest(t *testing.T, addr, request string) string {
	t.Helper()
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	if _, err := io.WriteString(conn, request); err != nil {
		t.Fatal(err)
	}
	line, err := bufio.NewReader(conn).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the answer to %q: %v", request, err)
	}
	return strings.TrimSpace(line)
}

func TestServerRawRequests(t *testing.T) {
	srv := newTestServer(t)
	addr := srv.Listener.Addr().String()
	tests := []struct {
		name, request string
		want          string
	}{
		{"plain", "GET /users/42 HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200 OK"},
		{"needless escape", "GET /users/%41 HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200 OK"},
		{"escaped static", "GET /%75sers/new/edit HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200 OK"},
		{"absolute form", "GET http://x/users/42 HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200 OK"},
		{"malformed escape", "GET /users/%zz HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 400 Bad Request"},
		{"truncated escape", "GET /users/%4 HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 400 Bad Request"},
		{"no leading slash", "GET users/42 HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 400 Bad Request"},
		{"garbage request line", "WHAT IS THIS\r\n\r\n", "HTTP/1.1 400 Bad Request"},
		{"no host", "GET /users/42 HTTP/1.1\r\n\r\n", "HTTP/1.1 400 Bad Request"},
		{"lower-case method", "get /users/42 HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 405 Method Not Allowed"},
		{"unknown method", "BREW /users/42 HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 405 Method Not Allowed"},
		{"options star", "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 200 OK"},
		// A path with dot segments is redirected to the cleaned path, as
		// ServeMux does: ".." never reaches a handler.
		{"dot segments", "GET /users/../users/42 HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 301 Moved Permanently"},
	}
	for _, tt := range tests {
		if got := rawRequest(t, addr, tt.request); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%s: %q answered %q, want %q", tt.name, tt.request, got, tt.want)
		}
	}
}

func TestServerHeaderLimit(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := NewServer(ln.Addr().String(), newEchoRouter("GET /"))
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	big := "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", MaxHeaderBytes+8192) + "\r\n\r\n"
	if got, want := rawRequest(t, ln.Addr().String(), big), "HTTP/1.1 431 Request Header Fields Too Large"; got != want {
		t.Errorf("a request with %d bytes of headers answered %q, want %q", len(big), got, want)
	}
}
