package csrf

import (
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func maskTokensKey() []byte {
	k := make([]byte, 32+rand.IntN(32))
	for i := range k {
		k[i] = byte(rand.IntN(256))
	}
	return k
}

// maskTokensCommon returns the length of the longest run of characters
// found in both a and b.
func maskTokensCommon(a, b string) int {
	best := 0
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for i := range len(a) {
		for j := range len(b) {
			cur[j+1] = 0
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
				best = max(best, cur[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return best
}

func TestCsrfMaskTokenRoundTrip(t *testing.T) {
	key := maskTokensKey()
	tok := newToken(key, "s"+strings.Repeat("x", rand.IntN(20)))
	a, b := maskToken(tok), maskToken(tok)
	if a == "" || a == b {
		t.Fatalf("maskToken(tok) = %q, then %q: want a different masked token on every call (a fresh random pad each time)", a, b)
	}
	if len(a) != maskedLen {
		t.Fatalf("len(maskToken(tok)) = %d, want maskedLen = %d: the pad (len(tok) bytes) and tok XOR pad, in base64.RawURLEncoding", len(a), maskedLen)
	}
	if strings.Contains(a, tok[:8]) {
		t.Fatalf("maskToken(%q) = %q still shows the token: XOR each byte with the pad", tok, a)
	}
	for _, m := range []string{a, b} {
		if got := unmaskToken(m); got != tok {
			t.Fatalf("unmaskToken(maskToken(tok)) = %q, want tok %q", got, tok)
		}
	}
	if maskToken("") != "" {
		t.Errorf("maskToken(\"\") = %q, want \"\" (Token outside Protect stays empty)", maskToken(""))
	}
	// Any single character changed (the last one excepted: it also holds
	// bits past the end, which only a strict decoder refuses).
	i := rand.IntN(len(a) - 1)
	g := []byte(a)
	g[i] = "AB"[rand.IntN(2)]
	if g[i] == a[i] {
		g[i] = "CD"[rand.IntN(2)]
	}
	for _, bad := range []string{
		"", tok, a[:len(a)-1], a[:len(a)-1-rand.IntN(8)], a + "A", a + strings.Repeat("A", 1+rand.IntN(8)),
		string(g), a[:i] + "!" + a[i+1:], a[:len(a)-2] + "==",
	} {
		if got := unmaskToken(bad); got == tok || (got != "" && len(bad) != maskedLen) {
			t.Errorf("unmaskToken(%q) = %q: want \"\" (or at least not the token) for a truncated, padded, garbled or unmasked token", bad, got)
		}
	}
}

func TestCsrfMaskedTokensInPages(t *testing.T) {
	key := maskTokensKey()
	h := Protect(Options{Key: key, Insecure: true})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			w.Write([]byte(Token(r) + " " + Token(r)))
		}
	}))
	page := func(cookie *http.Cookie) (tokens []string, set *http.Cookie) {
		r := httptest.NewRequest("GET", "http://shop.example/form", nil)
		if cookie != nil {
			r.AddCookie(cookie)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if c := w.Result().Cookies(); len(c) > 0 {
			set = c[0]
		}
		return strings.Fields(w.Body.String()), set
	}
	post := func(tok string, cookie *http.Cookie) int {
		r := httptest.NewRequest("POST", "http://shop.example/transfer", nil)
		r.Header.Set("Origin", "http://shop.example")
		r.Header.Set(HeaderName, tok)
		r.AddCookie(cookie)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w.Code
	}

	first, cookie := page(nil)
	if cookie == nil || len(first) != 2 {
		t.Fatalf("GET /form: cookie %v, Token(r) twice = %q: want the csrf cookie and two tokens", cookie, first)
	}
	if first[0] == first[1] {
		t.Errorf("Token(r) returned %q twice in one request: mask the cookie's token afresh on every call (maskToken), or BREACH can read it from compressed pages", first[0])
	}
	if first[0] == cookie.Value {
		t.Errorf("Token(r) = the cookie's value %q: Token must return maskToken of it", cookie.Value)
	}
	second, _ := page(cookie)
	for _, tok := range append(first, second...) {
		if got := post(tok, cookie); got != 200 {
			t.Errorf("POST with a token from Token(r): %d, want 200: matches must unmaskToken what the request sends, then compare it with the cookie", got)
		}
	}
	if got := post(cookie.Value, cookie); got != 403 {
		t.Errorf("POST with the cookie's value, unmasked: %d, want 403: only masked tokens are accepted", got)
	}
	other, otherCookie := page(nil)
	if len(other) == 2 {
		if got := post(other[0], cookie); got != 403 {
			t.Errorf("POST with a masked token of another cookie: %d, want 403", got)
		}
	}
	if otherCookie != nil {
		if got := post(maskToken(otherCookie.Value), cookie); got != 403 {
			t.Errorf("POST with another cookie's token, masked: %d, want 403", got)
		}
	}
	tok := first[0]
	for _, bad := range []string{tok[:len(tok)-1-rand.IntN(8)], tok + "A", tok[:len(tok)/2]} {
		if got := post(bad, cookie); got != 403 {
			t.Errorf("POST with a truncated or lengthened token %q: %d, want 403", bad, got)
		}
	}
	// Two responses to the same browser must share no run of characters
	// longer than chance gives (about 3): BREACH grows a guess that matches
	// the same secret in every response.
	all := append(first, second...)
	for i, x := range all {
		for _, y := range all[i+1:] {
			if n := maskTokensCommon(x, y); n >= 8 {
				t.Errorf("tokens %q and %q of two pages share %d characters in a row: each needs its own random pad", x, y, n)
				return
			}
		}
	}
}
