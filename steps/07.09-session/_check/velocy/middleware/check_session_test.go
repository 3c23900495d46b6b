package middleware

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// sessionCheckApp answers /set?k=&v= and /get?k= with the request's
// session, and 500 "no session" when there is none.
func sessionCheckApp() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := SessionFrom(r.Context())
		if s == nil {
			http.Error(w, "no session: SessionFrom returned nil", http.StatusInternalServerError)
			return
		}
		switch r.URL.Path {
		case "/set":
			s.Set(r.FormValue("k"), r.FormValue("v"))
		case "/get":
			v, _ := s.Get(r.FormValue("k"))
			io.WriteString(w, v)
		case "/delete":
			s.Delete(r.FormValue("k"))
		}
	})
}

// sessionCheckServe serves a GET of target through h, with cookies.
func sessionCheckServe(h http.Handler, target string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", target, nil)
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// sessionCheckCookie returns the cookie "session" set in rec, or nil.
func sessionCheckCookie(rec *httptest.ResponseRecorder) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == "session" {
			return c
		}
	}
	return nil
}

func TestSessionRoundTrip(t *testing.T) {
	store := NewMemoryStore(10)
	h := Sessions(SessionOptions{Store: store})(sessionCheckApp())
	if rec := sessionCheckServe(h, "/get?k=a"); rec.Code != 200 || rec.Header().Get("Set-Cookie") != "" {
		t.Fatalf("a first visit that stores nothing: %d %q, Set-Cookie %q; want 200, no cookie",
			rec.Code, strings.TrimSpace(rec.Body.String()), rec.Header().Get("Set-Cookie"))
	}
	if store.Len() != 0 {
		t.Errorf("a visit that stores nothing left %d sessions in the store, want 0", store.Len())
	}
	v := fmt.Sprint("dark", rand.IntN(1e6))
	c := sessionCheckCookie(sessionCheckServe(h, "/set?k=theme&v="+v))
	if c == nil {
		t.Fatal("GET /set?k=theme (a handler that calls Set and writes nothing) set no session cookie: commit once more after the handler")
	}
	if raw, err := b64.DecodeString(c.Value); err != nil || len(raw) < 16 {
		t.Errorf("session ID %q is not base64url of at least 16 random bytes: use newSessionID", c.Value)
	}
	if rec := sessionCheckServe(h, "/get?k=theme", c); rec.Body.String() != v {
		t.Errorf("GET /get?k=theme with the cookie = %q, want %q", rec.Body.String(), v)
	}
	if rec := sessionCheckServe(h, "/get?k=theme"); rec.Body.String() != "" {
		t.Errorf("GET /get?k=theme without a cookie = %q, want \"\"", rec.Body.String())
	}
	sessionCheckServe(h, "/delete?k=theme", c)
	if rec := sessionCheckServe(h, "/get?k=theme", c); rec.Body.String() != "" {
		t.Errorf("after /delete?k=theme, GET /get?k=theme = %q, want \"\"", rec.Body.String())
	}
}

func TestSessionCookieBeforeTheBody(t *testing.T) {
	v := fmt.Sprint(rand.IntN(1e6), " apples")
	store := NewMemoryStore(10)
	h := Sessions(SessionOptions{Store: store})(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			if s := SessionFrom(r.Context()); s != nil {
				s.Set("cart", v)
			}
			w.Write(bytes.Repeat([]byte("x"), 64<<10))
			http.NewResponseController(w).Flush()
		}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	client := &http.Client{Timeout: 10 * time.Second}
	resp, err := client.Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	var c *http.Cookie
	for _, rc := range resp.Cookies() {
		if rc.Name == "session" {
			c = rc
		}
	}
	if c == nil {
		t.Fatalf("the handler called Set, then wrote and flushed its body: no session cookie arrived (Set-Cookie %q): commit from BeforeHeader, saving after the handler is too late", resp.Header.Values("Set-Cookie"))
	}
	if got := sessionCheckServe(Sessions(SessionOptions{Store: store})(sessionCheckApp()), "/get?k=cart", c).Body.String(); got != v {
		t.Errorf("the next request with that cookie: cart = %q, want %q", got, v)
	}
}

func TestSessionCookieDefaults(t *testing.T) {
	h := Sessions(SessionOptions{Store: NewMemoryStore(10)})(sessionCheckApp())
	rec := sessionCheckServe(h, "/set?k=a&v=b")
	line := rec.Header().Get("Set-Cookie")
	if line == "" {
		t.Fatal("GET /set?k=a&v=b set no cookie")
	}
	for _, want := range []string{"session=", "Path=/", "HttpOnly", "Secure", "SameSite=Lax", "Max-Age=86400"} {
		if !strings.Contains(line, want) {
			t.Errorf("with default options, Set-Cookie %q lacks %s", line, want)
		}
	}
	name := fmt.Sprint("sid", rand.IntN(100))
	h = Sessions(SessionOptions{Store: NewMemoryStore(10), CookieName: name, Insecure: true,
		Lifetime: time.Hour, SameSite: http.SameSiteStrictMode})(sessionCheckApp())
	line = sessionCheckServe(h, "/set?k=a&v=b").Header().Get("Set-Cookie")
	for _, want := range []string{name + "=", "HttpOnly", "SameSite=Strict", "Max-Age=3600"} {
		if !strings.Contains(line, want) {
			t.Errorf("with CookieName %q, Insecure, Lifetime 1h and SameSite Strict, Set-Cookie %q lacks %s", name, line, want)
		}
	}
	if strings.Contains(line, "Secure") {
		t.Errorf("with Insecure: true, Set-Cookie %q still says Secure", line)
	}
}

func TestSessionUnknownIDIsNotAdopted(t *testing.T) {
	store := NewMemoryStore(10)
	h := Sessions(SessionOptions{Store: store})(sessionCheckApp())
	made := &http.Cookie{Name: "session", Value: newSessionID()}
	c := sessionCheckCookie(sessionCheckServe(h, "/set?k=a&v=b", made))
	if c == nil {
		t.Fatal("a request with an unknown session ID that calls Set got no session cookie")
	}
	if c.Value == made.Value {
		t.Errorf("the server stored a session under an ID the client made up: give a new session a new ID")
	}
}

// sessionCheckFailingStore fails every Load.
type sessionCheckFailingStore struct{ Store }

func (sessionCheckFailingStore) Load(context.Context, string) ([]byte, bool, error) {
	return nil, false, errors.New("dial tcp 10.0.0.7:6379: connection refused")
}

func TestSessionStoreErrorIs500(t *testing.T) {
	var logs bytes.Buffer
	good := NewMemoryStore(10)
	c := sessionCheckCookie(sessionCheckServe(Sessions(SessionOptions{Store: good})(sessionCheckApp()), "/set?k=a&v=b"))
	if c == nil {
		t.Fatal("no session cookie after /set")
	}
	ran := false
	h := Sessions(SessionOptions{
		Store:  sessionCheckFailingStore{good},
		Logger: slog.New(slog.NewTextHandler(&logs, nil)),
	})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { ran = true }))
	rec := sessionCheckServe(h, "/", c)
	if rec.Code != http.StatusInternalServerError || ran {
		t.Errorf("the store's Load failed: status %d, handler ran %v; want 500 and the handler not run", rec.Code, ran)
	}
	if strings.Contains(rec.Body.String(), "10.0.0.7") {
		t.Errorf("the 500 shows the store's error to the client: %q", rec.Body.String())
	}
	if !strings.Contains(logs.String(), "10.0.0.7") {
		t.Errorf("the store's error was not logged to SessionOptions.Logger (log: %q)", logs.String())
	}
}
