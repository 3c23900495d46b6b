package csrf

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// csrfBank is a naive form handler: a POST moves money for whoever
// holds the session cookie.
type csrfBank struct{ transfers atomic.Int32 }

func (b *csrfBank) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie("session"); err != nil || c.Value != "alice" {
		http.Error(w, "sign in first", http.StatusUnauthorized)
		return
	}
	if r.Method == http.MethodPost {
		b.transfers.Add(1)
	}
	io.WriteString(w, "ok")
}

// csrfPost sends what a browser sends when a page submits a form to
// url: the user's cookie, and the headers given.
func csrfPost(t *testing.T, method, url string, headers map[string]string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(method, url+"/transfer", strings.NewReader("to=mallory&amount=1000"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "session", Value: "alice"})
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode == http.StatusForbidden {
		if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
			t.Errorf("403 with Content-Type %q, want application/problem+json", ct)
		}
		var p struct {
			Title  string
			Status int
			Detail string
		}
		if err := json.Unmarshal(b, &p); err != nil || p.Status != 403 || p.Title != "Forbidden" || p.Detail == "" {
			t.Errorf("403 body %q: want a JSON problem with title Forbidden, status 403 and a detail saying why", b)
		}
	}
	return resp.StatusCode, string(b)
}

func TestCsrfProtect(t *testing.T) {
	b := &csrfBank{}
	srv := httptest.NewServer(Protect(Options{})(b))
	defer srv.Close()
	evil := fmt.Sprintf("https://evil%d.example", rand.IntN(10000))
	for _, h := range []map[string]string{
		{"Origin": evil, "Sec-Fetch-Site": "cross-site"},
		{"Origin": evil},
		nil, // neither header: not a current browser, refused by default
	} {
		method := []string{"POST", "PUT", "DELETE", "PATCH"}[rand.IntN(4)]
		if code, body := csrfPost(t, method, srv.URL, h); code != http.StatusForbidden {
			t.Errorf("%s with headers %v: %d %q, want 403", method, h, code, body)
		}
	}
	if n := b.transfers.Load(); n != 0 {
		t.Fatalf("%d forged transfers went through", n)
	}
	for _, h := range []map[string]string{
		{"Origin": srv.URL, "Sec-Fetch-Site": "same-origin"},
		{"Sec-Fetch-Site": "none"},
		{"Origin": srv.URL},
	} {
		if code, body := csrfPost(t, "POST", srv.URL, h); code != 200 {
			t.Errorf("POST with headers %v (the site itself): %d %q, want 200", h, code, body)
		}
	}
	for _, m := range []string{"GET", "HEAD", "OPTIONS"} {
		if code, _ := csrfPost(t, m, srv.URL, map[string]string{"Origin": evil, "Sec-Fetch-Site": "cross-site"}); code != 200 {
			t.Errorf("cross-site %s: %d, want 200: safe methods always pass", m, code)
		}
	}
}

func TestCsrfProtectOptions(t *testing.T) {
	app := fmt.Sprintf("https://app%d.example", rand.IntN(10000))
	b := &csrfBank{}
	srv := httptest.NewServer(Protect(Options{TrustedOrigins: []string{app}, AllowMissingOrigin: true})(b))
	defer srv.Close()
	if code, body := csrfPost(t, "POST", srv.URL, map[string]string{"Origin": app, "Sec-Fetch-Site": "cross-site"}); code != 200 {
		t.Errorf("POST from trusted origin %s: %d %q", app, code, body)
	}
	if code, body := csrfPost(t, "POST", srv.URL, nil); code != 200 {
		t.Errorf("POST with neither header, AllowMissingOrigin set: %d %q", code, body)
	}
	if code, _ := csrfPost(t, "POST", srv.URL, map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}); code != 403 {
		t.Errorf("cross-site POST with AllowMissingOrigin set: %d, want 403", code)
	}
	for _, bad := range []string{"app.example.com", app + "/", app + "?x", "https://"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Protect(Options{TrustedOrigins: [%q]}) did not panic: an origin is scheme://host[:port]", bad)
				}
			}()
			Protect(Options{TrustedOrigins: []string{bad}})
		}()
	}
}
