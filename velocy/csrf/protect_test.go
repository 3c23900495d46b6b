package csrf

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// bank is the naive form handler: POST /transfer moves money for whoever
// holds the session cookie. It counts the transfers it made.
type bank struct{ transfers atomic.Int32 }

func (b *bank) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie("session"); err != nil || c.Value != "alice" {
		http.Error(w, "sign in first", http.StatusUnauthorized)
		return
	}
	if r.Method == http.MethodPost && r.PostFormValue("to") != "" {
		b.transfers.Add(1)
	}
	io.WriteString(w, "ok")
}

var client = &http.Client{Timeout: 10 * time.Second}

// forgedPost sends what a browser sends when a page on evil.example
// submits a form to the bank: the user's cookie, and the headers the page
// cannot control.
func forgedPost(t *testing.T, url string, headers map[string]string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest("POST", url+"/transfer", strings.NewReader("to=mallory&amount=1000"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: "session", Value: "alice"})
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

var crossSite = map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}

func TestTheAttackWorksOnTheNaiveHandler(t *testing.T) {
	b := &bank{}
	srv := httptest.NewServer(b)
	defer srv.Close()
	if resp := forgedPost(t, srv.URL, crossSite); resp.StatusCode != 200 || b.transfers.Load() != 1 {
		t.Fatalf("the naive handler answered %d and made %d transfers; the lesson says the forgery works", resp.StatusCode, b.transfers.Load())
	}
}

func TestProtectRefusesTheForgery(t *testing.T) {
	b := &bank{}
	srv := httptest.NewServer(Protect(Options{})(b))
	defer srv.Close()
	resp := forgedPost(t, srv.URL, crossSite)
	if resp.StatusCode != http.StatusForbidden || b.transfers.Load() != 0 {
		t.Fatalf("forged POST: %d and %d transfers, want 403 and none", resp.StatusCode, b.transfers.Load())
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type %q", ct)
	}
	var p problem
	if err := json.NewDecoder(resp.Body).Decode(&p); err != nil || p.Status != 403 || !strings.Contains(p.Detail, "cross-site") {
		t.Errorf("body %+v, %v", p, err)
	}
	// An older browser sends Origin without Sec-Fetch-Site.
	if resp := forgedPost(t, srv.URL, map[string]string{"Origin": "https://evil.example"}); resp.StatusCode != 403 {
		t.Errorf("forged POST with Origin only: %d, want 403", resp.StatusCode)
	}
	// No header at all: not a current browser. Refused by default.
	if resp := forgedPost(t, srv.URL, nil); resp.StatusCode != 403 {
		t.Errorf("POST with neither Origin nor Sec-Fetch-Site: %d, want 403", resp.StatusCode)
	}
	if b.transfers.Load() != 0 {
		t.Fatalf("%d transfers made", b.transfers.Load())
	}
}

func TestProtectLetsTheSiteItselfThrough(t *testing.T) {
	b := &bank{}
	srv := httptest.NewServer(Protect(Options{})(b))
	defer srv.Close()
	host := strings.TrimPrefix(srv.URL, "http://")
	for _, h := range []map[string]string{
		{"Origin": srv.URL, "Sec-Fetch-Site": "same-origin"},
		{"Origin": srv.URL},
		{"Origin": "https://" + host}, // scheme is not compared, as in net/http
	} {
		if resp := forgedPost(t, srv.URL, h); resp.StatusCode != 200 {
			t.Errorf("same-origin POST %v: %d", h, resp.StatusCode)
		}
	}
	req, _ := http.NewRequest("GET", srv.URL+"/transfer", nil)
	req.AddCookie(&http.Cookie{Name: "session", Value: "alice"})
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("cross-site GET: %d; safe methods pass", resp.StatusCode)
	}
}

func TestProtectOptions(t *testing.T) {
	b := &bank{}
	srv := httptest.NewServer(Protect(Options{TrustedOrigins: []string{"https://app.example.com"}, AllowMissingOrigin: true})(b))
	defer srv.Close()
	if resp := forgedPost(t, srv.URL, map[string]string{"Origin": "https://app.example.com", "Sec-Fetch-Site": "cross-site"}); resp.StatusCode != 200 {
		t.Errorf("trusted origin: %d", resp.StatusCode)
	}
	if resp := forgedPost(t, srv.URL, nil); resp.StatusCode != 200 {
		t.Errorf("no headers with AllowMissingOrigin: %d", resp.StatusCode)
	}
	if resp := forgedPost(t, srv.URL, crossSite); resp.StatusCode != 403 {
		t.Errorf("cross-site with AllowMissingOrigin: %d", resp.StatusCode)
	}
	for _, bad := range []Options{{TrustedOrigins: []string{"app.example.com"}}, {TrustedOrigins: []string{"https://app.example.com/"}}, {Key: []byte("short")}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Protect(%+v) did not panic", bad)
				}
			}()
			Protect(bad)
		}()
	}
}

// TestStandardLibraryAllowsMissingHeaders shows the one difference with
// net/http's CrossOriginProtection: it lets a POST with neither header
// through.
func TestStandardLibraryAllowsMissingHeaders(t *testing.T) {
	b := &bank{}
	srv := httptest.NewServer(http.NewCrossOriginProtection().Handler(b))
	defer srv.Close()
	if resp := forgedPost(t, srv.URL, crossSite); resp.StatusCode != 403 {
		t.Errorf("net/http, cross-site: %d", resp.StatusCode)
	}
	if resp := forgedPost(t, srv.URL, nil); resp.StatusCode != 200 {
		t.Errorf("net/http, no headers: %d", resp.StatusCode)
	}
}

func TestTokens(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	b := &bank{}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /form", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, Token(r)) })
	mux.Handle("POST /transfer", b)
	srv := httptest.NewServer(Protect(Options{Key: key, Insecure: true})(mux))
	defer srv.Close()

	resp, err := client.Get(srv.URL + "/form")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var cookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "csrf" {
			cookie = c
		}
	}
	if cookie == nil || !cookie.HttpOnly || unmaskToken(string(page)) != cookie.Value {
		t.Fatalf("GET /form: cookie %v, page token %q: want the cookie's token, masked", cookie, page)
	}
	post := func(field, header string, c *http.Cookie) int {
		form := url.Values{"to": {"bob"}}
		if field != "" {
			form.Set(FieldName, field)
		}
		req, _ := http.NewRequest("POST", srv.URL+"/transfer", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Origin", srv.URL)
		if header != "" {
			req.Header.Set(HeaderName, header)
		}
		req.AddCookie(&http.Cookie{Name: "session", Value: "alice"})
		if c != nil {
			req.AddCookie(c)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	tok := string(page)
	if got := post(tok, "", cookie); got != 200 {
		t.Errorf("form with the token: %d", got)
	}
	if got := post("", tok, cookie); got != 200 {
		t.Errorf("header with the token: %d", got)
	}
	if got := post("", "", cookie); got != 403 {
		t.Errorf("no token: %d", got)
	}
	if got := post(tok, "", nil); got != 403 {
		t.Errorf("token without its cookie: %d", got)
	}
	if got := post(cookie.Value, "", cookie); got != 403 {
		t.Errorf("the cookie's token, unmasked: %d", got)
	}
	other := maskToken(newToken(key, ""))
	if got := post(other, "", cookie); got != 403 {
		t.Errorf("another valid token than the cookie's: %d", got)
	}
	forged := newToken([]byte("another key, also 32 bytes long."), "")
	if got := post(maskToken(forged), "", &http.Cookie{Name: "csrf", Value: forged}); got != 403 {
		t.Errorf("a planted cookie and field signed with another key: %d", got)
	}
	if b.transfers.Load() != 2 {
		t.Errorf("%d transfers, want 2", b.transfers.Load())
	}
}

func TestTokensBoundToSession(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	tok := newToken(key, "session-a")
	if !validToken(key, "session-a", tok) {
		t.Fatal("token refused in its own session")
	}
	if validToken(key, "session-b", tok) {
		t.Fatal("token accepted in another session")
	}
	if validToken(key, "session-a", tok[:len(tok)-1]+"A") && !strings.HasSuffix(tok, "A") {
		t.Fatal("altered token accepted")
	}
	for _, bad := range []string{"", "x", strings.Repeat("A", len(tok)), tok + "A"} {
		if validToken(key, "session-a", bad) {
			t.Errorf("validToken(%q) = true", bad)
		}
	}
}

func TestTokenCookieDefaults(t *testing.T) {
	h := Protect(Options{Key: []byte("0123456789abcdef0123456789abcdef")})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("GET", "https://shop.example/", nil))
	c := (&http.Response{Header: w.Header()}).Cookies()
	if len(c) != 1 || c[0].Name != "__Host-csrf" || !c[0].Secure || c[0].Path != "/" || c[0].Domain != "" || !c[0].HttpOnly || c[0].SameSite != http.SameSiteLaxMode {
		t.Fatalf("cookies %v: want one __Host-csrf, Secure, Path=/, no Domain, HttpOnly, SameSite=Lax", c)
	}
}

func TestTokensFollowTheSession(t *testing.T) {
	key := []byte("0123456789abcdef0123456789abcdef")
	h := Protect(Options{Key: key, Insecure: true, SessionID: func(r *http.Request) string {
		c, _ := r.Cookie("session")
		if c == nil {
			return ""
		}
		return c.Value
	}})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	send := func(session, tok string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("POST", "http://shop.example/x", nil)
		r.Header.Set("Origin", "http://shop.example")
		r.Header.Set(HeaderName, maskToken(tok))
		r.AddCookie(&http.Cookie{Name: "session", Value: session})
		r.AddCookie(&http.Cookie{Name: "csrf", Value: tok})
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	tok := newToken(key, "attacker")
	if w := send("attacker", tok); w.Code != 200 {
		t.Fatalf("token in its own session: %d", w.Code)
	}
	w := send("victim", tok)
	if w.Code != 403 {
		t.Fatalf("the attacker's token planted in the victim's session: %d, want 403", w.Code)
	}
	if c := (&http.Response{Header: w.Header()}).Cookies(); len(c) != 1 || !validToken(key, "victim", c[0].Value) {
		t.Fatalf("the refusal should set a fresh token for the victim's session, got %v", c)
	}
}
