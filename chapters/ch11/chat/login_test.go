package main

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// get sends GET path with the cookie (none if "").
func (ts *testServer) get(path, cookie string) (*http.Response, string) {
	ts.t.Helper()
	req, _ := http.NewRequest(http.MethodGet, ts.srv.URL+path, nil)
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		ts.t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		ts.t.Fatal(err)
	}
	return res, string(body)
}

// TestLogin: the nickname is in the session, and signing in again gives a
// new session id and kills the old one.
func TestLogin(t *testing.T) {
	ts := newTestServer(t)
	if res, _ := ts.get("/me", ""); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("/me without a session: %d, want 401", res.StatusCode)
	}
	first := ts.login("alice")
	if res, body := ts.get("/me", first); res.StatusCode != 200 || body != `{"nick":"alice"}`+"\n" {
		t.Errorf("/me = %d %q", res.StatusCode, body)
	}

	req, _ := http.NewRequest(http.MethodPost, ts.srv.URL+"/login", strings.NewReader("nickname=Zoë"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Cookie", first)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	second := sessionCookie(t, res)
	if second == first {
		t.Fatal("signing in kept the session id")
	}
	if res, _ := ts.get("/me", first); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("/me with the old id: %d, want 401", res.StatusCode)
	}
	if res, body := ts.get("/me", second); res.StatusCode != 200 || body != `{"nick":"Zoë"}`+"\n" {
		t.Errorf("/me = %d %q", res.StatusCode, body)
	}

	req, _ = http.NewRequest(http.MethodPost, ts.srv.URL+"/logout", nil)
	req.Header.Set("Cookie", second)
	if res, err = http.DefaultClient.Do(req); err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNoContent {
		t.Errorf("logout: %d", res.StatusCode)
	}
	if res, _ := ts.get("/me", second); res.StatusCode != http.StatusUnauthorized {
		t.Errorf("/me after logout: %d, want 401", res.StatusCode)
	}
}

// TestLoginRefused: a bad nickname, a body that is not a form, and a form
// posted by another site's page.
func TestLoginRefused(t *testing.T) {
	ts := newTestServer(t)
	post := func(body, contentType string, header ...string) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, ts.srv.URL+"/login", strings.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if len(res.Cookies()) > 0 {
			t.Errorf("a refused login set %v", res.Header["Set-Cookie"])
		}
		return res.StatusCode
	}
	form := "application/x-www-form-urlencoded"
	for _, nick := range []string{"", "a b", "<script>", strings.Repeat("x", 21), "a\x00"} {
		if got := post(url.Values{"nickname": {nick}}.Encode(), form); got != http.StatusBadRequest {
			t.Errorf("nickname %q: %d, want 400", nick, got)
		}
	}
	if got := post(`{"nickname":"alice"}`, "application/json"); got != http.StatusUnsupportedMediaType {
		t.Errorf("JSON body: %d, want 415", got)
	}
	if got := post("nickname=alice", form, "Sec-Fetch-Site", "cross-site"); got != http.StatusForbidden {
		t.Errorf("cross-site form: %d, want 403", got)
	}
	if got := post("nickname=alice", form, "Origin", "http://evil.example"); got != http.StatusForbidden {
		t.Errorf("form from another origin: %d, want 403", got)
	}
	if got := post("nickname="+strings.Repeat("x", 2000), form); got != http.StatusRequestEntityTooLarge {
		t.Errorf("a huge form: %d, want 413", got)
	}
}

// TestPage: the page and its script are served from the binary.
func TestPage(t *testing.T) {
	ts := newTestServer(t)
	for path, want := range map[string]string{
		"/":         "<title>velocy chat</title>",
		"/chat.js":  "new WebSocket(",
		"/chat.css": "#messages",
	} {
		res, body := ts.get(path, "")
		if res.StatusCode != 200 || !strings.Contains(body, want) {
			t.Errorf("GET %s = %d, body without %q", path, res.StatusCode, want)
		}
	}
	res, _ := ts.get("/", "")
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("Content-Security-Policy %q", csp)
	}
	if res, _ := ts.get("/nope.js", ""); res.StatusCode != http.StatusNotFound {
		t.Errorf("GET /nope.js = %d, want 404", res.StatusCode)
	}
	if res, _ := ts.get("/../main.go", ""); res.StatusCode == 200 {
		t.Errorf("GET /../main.go = 200")
	}
}
