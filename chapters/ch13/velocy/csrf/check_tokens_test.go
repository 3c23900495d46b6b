package csrf

import (
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func csrfKey() []byte {
	k := make([]byte, 32+rand.IntN(32))
	for i := range k {
		k[i] = byte(rand.IntN(256))
	}
	return k
}

func TestCsrfTokenSigning(t *testing.T) {
	key := csrfKey()
	session := "s" + strings.Repeat("x", rand.IntN(20))
	tok := newToken(key, session)
	if tok == "" || tok == newToken(key, session) {
		t.Fatalf("newToken = %q twice: want a fresh random token each time", tok)
	}
	if !validToken(key, session, tok) {
		t.Fatalf("validToken(key, %q, newToken(key, %q)) = false", session, session)
	}
	if validToken(csrfKey(), session, tok) {
		t.Fatal("a token is valid under another key: the MAC must use the key")
	}
	if validToken(key, session+"2", tok) {
		t.Fatal("a token is valid in another session: put the session into the MAC")
	}
	b := []byte(tok)
	i := rand.IntN(len(b))
	b[i] = "AB"[rand.IntN(2)]
	if b[i] == tok[i] {
		b[i] = "CD"[rand.IntN(2)]
	}
	if validToken(key, session, string(b)) {
		t.Fatalf("an altered token %q is valid", b)
	}
	for _, bad := range []string{"", "x", strings.Repeat("A", len(tok)), tok + "AA", tok[:len(tok)-2]} {
		if validToken(key, session, bad) {
			t.Errorf("validToken(%q) = true", bad)
		}
	}
}

func TestCsrfTokensInForms(t *testing.T) {
	key := csrfKey()
	var transfers atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("GET /form", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, Token(r)) })
	mux.HandleFunc("POST /transfer", func(w http.ResponseWriter, r *http.Request) { transfers.Add(1) })
	srv := httptest.NewServer(Protect(Options{Key: key, Insecure: true})(mux))
	defer srv.Close()
	client := &http.Client{Timeout: 10 * time.Second}

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
	if cookie == nil || string(page) == "" {
		t.Fatalf("GET /form: cookie %v and Token(r) %q: want a csrf cookie (Insecure: no __Host- prefix) and, from Token, the token it holds", cookie, page)
	}
	if !validToken(key, "", cookie.Value) {
		t.Fatal("the cookie's token is not one newToken made with the key")
	}
	post := func(field, header string, cookies ...*http.Cookie) int {
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
		for _, c := range cookies {
			req.AddCookie(c)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	tok := string(page) // the cookie's value here; masked from step 13.05-mask-tokens on
	if got := post(tok, "", cookie); got != 200 {
		t.Errorf("POST with the token in the form field %s: %d, want 200", FieldName, got)
	}
	if got := post("", tok, cookie); got != 200 {
		t.Errorf("POST with the token in the header %s: %d, want 200", HeaderName, got)
	}
	if got := post("", "", cookie); got != 403 {
		t.Errorf("POST from our own origin with no token: %d, want 403 (with Key set, every unsafe request needs one)", got)
	}
	if got := post(tok, ""); got != 403 {
		t.Errorf("POST with a token and no cookie: %d, want 403", got)
	}
	if got := post(newToken(key, ""), "", cookie); got != 403 {
		t.Errorf("POST with a valid token that is not the cookie's: %d, want 403", got)
	}
	planted := newToken(csrfKey(), "")
	if got := post(planted, "", &http.Cookie{Name: "csrf", Value: planted}); got != 403 {
		t.Errorf("POST with a planted cookie and a matching field, signed with another key: %d, want 403", got)
	}
	if n := transfers.Load(); n != 2 {
		t.Errorf("%d transfers, want 2", n)
	}
}
