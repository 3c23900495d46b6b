package csrf

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"mime"
	"net/http"
)

// FieldName is the form field, and HeaderName the header, that carry the
// token on an unsafe request.
const (
	FieldName  = "csrf_token"
	HeaderName = "X-CSRF-Token"
)

// A token is a random nonce and its HMAC-SHA256 under the key (over the
// session ID, when tokens are bound to sessions), in URL-safe base64.
const (
	nonceLen = 32
	macLen   = sha256.Size
)

type tokenKey struct{}

// Token returns the CSRF token for the page being answered, for a form's
// hidden field:
//
//	<input type="hidden" name="csrf_token" value="{{.CSRF}}">
//
// The token is masked: each call returns a different string, every one of
// which passes, so that no two responses carry the same secret bytes (see
// the package documentation on BREACH). It is "" outside [Protect], or
// when Protect's Options have no Key.
func Token(r *http.Request) string {
	t, _ := r.Context().Value(tokenKey{}).(string)
	return maskToken(t)
}

// tokens holds what Protect needs to give and check tokens.
type tokens struct {
	key     []byte
	session func(*http.Request) string
	cookie  string
	secure  bool
}

func newTokens(opts Options) *tokens {
	if len(opts.Key) < 32 {
		panic("csrf: Options.Key must hold at least 32 random bytes")
	}
	t := &tokens{key: opts.Key, session: opts.SessionID, cookie: opts.CookieName, secure: !opts.Insecure}
	if t.cookie == "" {
		t.cookie = "__Host-csrf"
		if opts.Insecure {
			t.cookie = "csrf"
		}
	}
	return t
}

// sign returns the MAC of nonce for session under key.
func sign(key []byte, session string, nonce []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("velocy/csrf v1\x00"))
	m.Write([]byte(session))
	m.Write([]byte{0})
	m.Write(nonce)
	return m.Sum(nil)
}

// newToken returns a fresh token for session.
func newToken(key []byte, session string) string {
	b := make([]byte, nonceLen, nonceLen+macLen)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(append(b, sign(key, session, b)...))
}

// validToken reports whether tok is a token newToken made with key for
// session.
func validToken(key []byte, session, tok string) bool {
	if len(tok) != base64.RawURLEncoding.EncodedLen(nonceLen+macLen) {
		return false
	}
	b, err := base64.RawURLEncoding.DecodeString(tok)
	if err != nil || len(b) != nonceLen+macLen {
		return false
	}
	return hmac.Equal(b[nonceLen:], sign(key, session, b[:nonceLen]))
}

// exchange reads the token r sends (header, or field of a URL-encoded
// form) and the one in its cookie. When the cookie holds no valid token,
// it sets a new one on w and returns it with sent "", so that this
// request fails and the next one can pass.
func (t *tokens) exchange(w http.ResponseWriter, r *http.Request) (sent, cookie string) {
	session := ""
	if t.session != nil {
		session = t.session(r)
	}
	if c, err := r.Cookie(t.cookie); err == nil && validToken(t.key, session, c.Value) {
		cookie = c.Value
	} else {
		cookie = newToken(t.key, session)
		http.SetCookie(w, &http.Cookie{Name: t.cookie, Value: cookie, Path: "/", Secure: t.secure, HttpOnly: true, SameSite: http.SameSiteLaxMode})
		return "", cookie
	}
	if safeMethod(r.Method) {
		return "", cookie
	}
	sent = r.Header.Get(HeaderName)
	if sent == "" && isURLEncodedForm(r) {
		sent = r.PostFormValue(FieldName)
	}
	return sent, cookie
}

// matches reports whether the token sent, unmasked, equals the cookie's,
// in constant time. A token that is not masked (the cookie's value itself,
// a truncated or garbled one, an empty one) never matches.
func (t *tokens) matches(sent, cookie string) bool {
	tok := unmaskToken(sent)
	return tok != "" && subtle.ConstantTimeCompare([]byte(tok), []byte(cookie)) == 1
}

// isURLEncodedForm reports whether r's body is an HTML form's default
// encoding. A multipart body is left to the handler (it may be a large
// upload): send the token in the header there.
func isURLEncodedForm(r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return err == nil && mt == "application/x-www-form-urlencoded"
}
