package middleware

import (
	"context"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// rotateApp answers /cart?add=, /login?user= (Renew, then set user),
// /whoami and /logout (Destroy).
func rotateApp() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := SessionFrom(r.Context())
		if s == nil {
			http.Error(w, "no session", http.StatusInternalServerError)
			return
		}
		switch r.URL.Path {
		case "/cart":
			s.Set("cart", r.FormValue("add"))
		case "/login":
			s.Renew()
			s.Set("user", r.FormValue("user"))
			io.WriteString(w, "welcome")
		case "/logout":
			s.Destroy()
			io.WriteString(w, "bye")
		case "/whoami":
			u, ok := s.Get("user")
			if !ok {
				u = "anonymous"
			}
			cart, _ := s.Get("cart")
			fmt.Fprintf(w, "%s %s", u, cart)
		}
	})
}

// rotateServer starts h on an HTTPS test server.
func rotateServer(h http.Handler) *httptest.Server {
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	return srv
}

// rotateClient returns a client of srv with its own cookie jar.
func rotateClient(srv *httptest.Server) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Transport: srv.Client().Transport, Jar: jar, Timeout: 10 * time.Second}
}

// rotateGet GETs srv.URL+path with client, and returns the body.
func rotateGet(t *testing.T, client *http.Client, srv *httptest.Server, path string) string {
	t.Helper()
	resp, err := client.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// rotateSessionCookie returns the session cookie in client's jar, or nil.
func rotateSessionCookie(t *testing.T, client *http.Client, srv *httptest.Server) *http.Cookie {
	t.Helper()
	u, _ := url.Parse(srv.URL)
	for _, c := range client.Jar.Cookies(u) {
		if c.Name == "session" {
			return c
		}
	}
	return nil
}

// TestRotateIDLifecycle: a real client with a cookie jar fills a cart,
// signs in (new ID, the old one dead), and signs out.
func TestRotateIDLifecycle(t *testing.T) {
	store := NewMemoryStore(100)
	srv := rotateServer(Sessions(SessionOptions{Store: store})(rotateApp()))
	defer srv.Close()
	client := rotateClient(srv)

	rotateGet(t, client, srv, "/cart?add=apples")
	before := rotateSessionCookie(t, client, srv)
	if before == nil {
		t.Fatal("no session cookie after /cart?add=apples")
	}
	user := fmt.Sprint("ada", rand.IntN(1e6))
	rotateGet(t, client, srv, "/login?user="+user)
	after := rotateSessionCookie(t, client, srv)
	if after == nil || after.Value == before.Value {
		t.Fatal("signing in (Renew) did not change the session ID: an ID planted before sign-in would now be signed in")
	}
	if got := rotateGet(t, client, srv, "/whoami"); got != user+" apples" {
		t.Errorf("after sign-in, /whoami = %q, want %q: Renew keeps the values", got, user+" apples")
	}
	if _, found, _ := store.Load(context.Background(), before.Value); found {
		t.Error("the ID from before sign-in is still in the store: delete the IDs in s.stale after saving")
	}

	rotateGet(t, client, srv, "/logout")
	if c := rotateSessionCookie(t, client, srv); c != nil {
		t.Errorf("after /logout (Destroy) the client still holds the session cookie: expire it")
	}
	if _, found, _ := store.Load(context.Background(), after.Value); found {
		t.Error("after /logout (Destroy) the session is still in the store")
	}
	if got := rotateGet(t, client, srv, "/whoami"); got != "anonymous " {
		t.Errorf("after /logout, /whoami = %q, want \"anonymous \"", got)
	}
}

// TestRotateIDDefeatsFixation plants an attacker's session in the victim's
// cookie jar before the victim signs in.
func TestRotateIDDefeatsFixation(t *testing.T) {
	srv := rotateServer(Sessions(SessionOptions{Store: NewMemoryStore(10)})(rotateApp()))
	defer srv.Close()
	attacker, victim := rotateClient(srv), rotateClient(srv)
	rotateGet(t, attacker, srv, "/cart?add=bait")
	planted := rotateSessionCookie(t, attacker, srv)
	if planted == nil {
		t.Fatal("no session cookie after /cart")
	}
	u, _ := url.Parse(srv.URL)
	victim.Jar.SetCookies(u, []*http.Cookie{planted})
	user := fmt.Sprint("victim", rand.IntN(1e6))
	rotateGet(t, victim, srv, "/login?user="+user)
	if got := rotateGet(t, attacker, srv, "/whoami"); strings.HasPrefix(got, user) {
		t.Errorf("the attacker's planted session ID is signed in as the victim (/whoami = %q): Renew must give a new ID and delete the old", got)
	}
}

func TestRotateIDDestroyThenSet(t *testing.T) {
	store := NewMemoryStore(10)
	login := Sessions(SessionOptions{Store: store})(rotateApp())
	rec := httptest.NewRecorder()
	login.ServeHTTP(rec, httptest.NewRequest("GET", "/login?user=ada", nil))
	cookies := rec.Result().Cookies()
	if len(cookies) != 1 {
		t.Fatalf("/login set cookies %q, want one", rec.Header().Values("Set-Cookie"))
	}
	old := cookies[0]
	h := Sessions(SessionOptions{Store: store})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := SessionFrom(r.Context())
		s.Destroy()
		if _, ok := s.Get("user"); ok {
			t.Error("after Destroy, Get(\"user\") still finds the value")
		}
		s.Set("flash", "signed out")
	}))
	req := httptest.NewRequest("GET", "/", nil)
	req.AddCookie(old)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	cookies = rec.Result().Cookies()
	if len(cookies) != 1 || cookies[0].Value == old.Value || cookies[0].MaxAge <= 0 {
		t.Errorf("Destroy then Set: Set-Cookie %q, want one cookie with a new ID", rec.Header().Values("Set-Cookie"))
	}
	if _, found, _ := store.Load(context.Background(), old.Value); found {
		t.Error("the destroyed session is still in the store")
	}
}

func TestRotateIDClearsADeadCookie(t *testing.T) {
	h := Sessions(SessionOptions{Store: NewMemoryStore(10)})(rotateApp())
	req := httptest.NewRequest("GET", "/whoami", nil)
	req.AddCookie(&http.Cookie{Name: "session", Value: newSessionID()})
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	line := rec.Header().Get("Set-Cookie")
	if !strings.HasPrefix(line, "session=;") || !strings.Contains(line, "Max-Age=0") {
		t.Errorf("a request with the cookie of an unknown session, storing nothing: Set-Cookie %q, want the cookie expired (Max-Age=0)", line)
	}
}
