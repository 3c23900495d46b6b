package middleware

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"log/slog"
	mrand "math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// sessApp is a small application: /whoami, /login?user=, /logout,
// /set?k=&v=, /get?k=.
func sessApp() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/whoami", func(w http.ResponseWriter, r *http.Request) {
		if u, ok := SessionFrom(r.Context()).Get("user"); ok {
			fmt.Fprint(w, u)
			return
		}
		fmt.Fprint(w, "anonymous")
	})
	mux.HandleFunc("/login", func(w http.ResponseWriter, r *http.Request) {
		s := SessionFrom(r.Context())
		s.Renew()
		s.Set("user", r.FormValue("user"))
		fmt.Fprint(w, "welcome")
	})
	mux.HandleFunc("/logout", func(w http.ResponseWriter, r *http.Request) {
		SessionFrom(r.Context()).Destroy()
		fmt.Fprint(w, "bye")
	})
	mux.HandleFunc("/set", func(w http.ResponseWriter, r *http.Request) {
		SessionFrom(r.Context()).Set(r.FormValue("k"), r.FormValue("v"))
	})
	mux.HandleFunc("/get", func(w http.ResponseWriter, r *http.Request) {
		v, _ := SessionFrom(r.Context()).Get(r.FormValue("k"))
		fmt.Fprint(w, v)
	})
	return mux
}

// sessCookie returns the session cookie a client with jar would send to
// srv, or nil.
func sessCookie(t *testing.T, jar http.CookieJar, srv *httptest.Server, name string) *http.Cookie {
	t.Helper()
	for _, c := range jar.Cookies(sessURL(t, srv.URL)) {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// sessGetWith GETs url with the cookie c and no jar; it returns the
// status, the body and the Set-Cookie lines.
func sessGetWith(t *testing.T, client *http.Client, url string, c *http.Cookie) (int, string, []string) {
	t.Helper()
	req, err := http.NewRequest("GET", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c != nil {
		req.AddCookie(c)
	}
	plain := *client
	plain.Jar = nil
	resp, err := plain.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body), resp.Header.Values("Set-Cookie")
}

// sessTLSServer starts h on an HTTPS test server that does not log the
// handshakes its Close cuts short.
func sessTLSServer(h http.Handler) *httptest.Server {
	srv := httptest.NewUnstartedServer(h)
	srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	srv.StartTLS()
	return srv
}

// sessClient returns a new client of srv with its own cookie jar.
func sessClient(srv *httptest.Server) *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Transport: srv.Client().Transport, Jar: jar, Timeout: 10 * time.Second}
}

// TestSessionsLifecycle goes through a real TLS server with a real client
// and a cookie jar: anonymous, sign in, the old ID is dead, sign out.
func TestSessionsLifecycle(t *testing.T) {
	store := NewMemoryStore(100)
	srv := sessTLSServer(Sessions(SessionOptions{Store: store})(sessApp()))
	defer srv.Close()
	client := sessClient(srv)
	jar := client.Jar

	// A visitor who stores nothing gets no cookie and costs no storage.
	sessGet(t, client, srv.URL+"/set?k=theme&v=dark")
	before := sessCookie(t, jar, srv, "session")
	if before == nil {
		t.Fatal("no session cookie after a value was set")
	}
	if code, body := sessGet(t, client, srv.URL+"/get?k=theme"); code != 200 || body != "dark" {
		t.Errorf("GET /get?k=theme = %d %q, want 200 \"dark\"", code, body)
	}

	user := fmt.Sprintf("ada%d", mrand.IntN(1000))
	sessGet(t, client, srv.URL+"/login?user="+user)
	after := sessCookie(t, jar, srv, "session")
	if after == nil || after.Value == before.Value {
		t.Fatalf("sign-in did not change the session ID (before %v, after %v)", before, after)
	}
	if _, body := sessGet(t, client, srv.URL+"/whoami"); body != user {
		t.Errorf("after sign-in, /whoami = %q, want %q", body, user)
	}
	if _, body := sessGet(t, client, srv.URL+"/get?k=theme"); body != "dark" {
		t.Errorf("Renew lost a value: /get?k=theme = %q, want \"dark\"", body)
	}
	// The ID from before the sign-in is dead, and its cookie is cleared.
	_, body, setCookie := sessGetWith(t, client, srv.URL+"/whoami", before)
	if body != "anonymous" {
		t.Errorf("the pre-sign-in ID still works: /whoami = %q", body)
	}
	if len(setCookie) != 1 || !strings.Contains(setCookie[0], "Max-Age=0") {
		t.Errorf("a dead ID's cookie was not cleared: Set-Cookie %q", setCookie)
	}
	if store.Len() != 1 {
		t.Errorf("store holds %d sessions, want 1", store.Len())
	}

	sessGet(t, client, srv.URL+"/logout")
	if c := sessCookie(t, jar, srv, "session"); c != nil {
		t.Errorf("after sign-out the client still has cookie %v", c)
	}
	if _, body := sessGet(t, client, srv.URL+"/whoami"); body != "anonymous" {
		t.Errorf("after sign-out, /whoami = %q", body)
	}
	if _, body, _ := sessGetWith(t, client, srv.URL+"/whoami", after); body != "anonymous" {
		t.Errorf("after sign-out, the old cookie still works: /whoami = %q", body)
	}
	if store.Len() != 0 {
		t.Errorf("after sign-out the store holds %d sessions, want 0", store.Len())
	}
}

// TestSessionsFixation plants an attacker's valid session in the victim's
// client before the victim signs in.
func TestSessionsFixation(t *testing.T) {
	srv := sessTLSServer(Sessions(SessionOptions{Store: NewMemoryStore(10)})(sessApp()))
	defer srv.Close()
	attacker := sessClient(srv)
	sessGet(t, attacker, srv.URL+"/set?k=x&v=y")
	planted := sessCookie(t, attacker.Jar, srv, "session")

	victim := sessClient(srv)
	victim.Jar.SetCookies(sessURL(t, srv.URL), []*http.Cookie{planted})
	sessGet(t, victim, srv.URL+"/login?user=victim")

	if _, body := sessGet(t, attacker, srv.URL+"/whoami"); body != "anonymous" {
		t.Errorf("the attacker's planted ID is signed in as %q", body)
	}
	if _, body := sessGet(t, victim, srv.URL+"/whoami"); body != "victim" {
		t.Errorf("victim /whoami = %q", body)
	}
}

// TestSessionsConcurrentRequests is for the race detector.
func TestSessionsConcurrentRequests(t *testing.T) {
	srv := sessTLSServer(Sessions(SessionOptions{Store: NewMemoryStore(10)})(sessApp()))
	defer srv.Close()
	client := sessClient(srv)
	sessGet(t, client, srv.URL+"/login?user=ada")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			if i%2 == 0 {
				sessGet(t, client, fmt.Sprintf("%s/set?k=k%d&v=v", srv.URL, i))
			} else if _, body := sessGet(t, client, srv.URL+"/whoami"); body != "ada" {
				t.Errorf("/whoami = %q during concurrent requests", body)
			}
		})
	}
	wg.Wait()
}

// sessServe runs h on a GET of target with cookies, without a network,
// so that it works inside a synctest bubble.
func sessServe(h http.Handler, target string, cookies ...*http.Cookie) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", target, nil)
	for _, c := range cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// sessSetCookie returns the cookie named name that rec set, or nil.
func sessSetCookie(rec *httptest.ResponseRecorder, name string) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func TestSessionsCookieAttributes(t *testing.T) {
	h := Sessions(SessionOptions{Store: NewMemoryStore(10)})(sessApp())
	rec := sessServe(h, "/login?user=ada")
	line := rec.Header().Get("Set-Cookie")
	for _, want := range []string{"session=", "Path=/", "HttpOnly", "Secure", "SameSite=Lax", "Max-Age=86400"} {
		if !strings.Contains(line, want) {
			t.Errorf("Set-Cookie %q lacks %s", line, want)
		}
	}
	if strings.Contains(line, "Domain=") {
		t.Errorf("Set-Cookie %q has a Domain; the default is host-only", line)
	}
	c := sessSetCookie(rec, "session")
	if raw, err := b64.DecodeString(c.Value); err != nil || len(raw) < 16 {
		t.Errorf("session ID %q is not base64url of at least 128 bits", c.Value)
	}

	h = Sessions(SessionOptions{
		Store: NewMemoryStore(10), CookieName: "sid", Path: "/app", Domain: "example.com",
		SameSite: http.SameSiteStrictMode, Insecure: true, Lifetime: time.Hour,
	})(sessApp())
	line = sessServe(h, "/login?user=ada").Header().Get("Set-Cookie")
	for _, want := range []string{"sid=", "Path=/app", "Domain=example.com", "HttpOnly", "SameSite=Strict", "Max-Age=3600"} {
		if !strings.Contains(line, want) {
			t.Errorf("Set-Cookie %q lacks %s", line, want)
		}
	}
	if strings.Contains(line, "Secure") {
		t.Errorf("Set-Cookie %q is Secure with Insecure: true", line)
	}
}

func TestSessionsIDs(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := newSessionID()
		raw, err := b64.DecodeString(id)
		if err != nil || len(raw) != 32 || !validSessionID(id) || seen[id] {
			t.Fatalf("newSessionID() = %q: not 32 fresh bytes of base64url", id)
		}
		seen[id] = true
	}
	for _, id := range []string{"", "abc", strings.Repeat("A", 42), strings.Repeat("A", 44), strings.Repeat("=", 43), strings.Repeat("A", 42) + "B"} {
		if validSessionID(id) {
			t.Errorf("validSessionID(%q) = true", id)
		}
	}
}

func TestSessionsAnonymousCostsNothing(t *testing.T) {
	store := NewMemoryStore(10)
	h := Sessions(SessionOptions{Store: store})(sessApp())
	for _, target := range []string{"/whoami", "/get?k=a", "/set?k=a&v=", "/logout"} {
		rec := sessServe(h, target)
		if line := rec.Header().Get("Set-Cookie"); line != "" && target != "/set?k=a&v=" {
			t.Errorf("GET %s without a session set a cookie: %q", target, line)
		}
	}
	// /set with an empty value does store a key; Delete then leaves an
	// empty session, which is not stored.
	h = Sessions(SessionOptions{Store: store})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := SessionFrom(r.Context())
		s.Set("a", "b")
		s.Delete("a")
	}))
	if line := sessServe(h, "/").Header().Get("Set-Cookie"); line != "" {
		t.Errorf("a session emptied in the same request set a cookie: %q", line)
	}
	if store.Len() > 1 {
		t.Errorf("store holds %d sessions", store.Len())
	}
}

func TestSessionsUnknownIDNotAdopted(t *testing.T) {
	store := NewMemoryStore(10)
	h := Sessions(SessionOptions{Store: store})(sessApp())
	made := &http.Cookie{Name: "session", Value: newSessionID()}
	rec := sessServe(h, "/login?user=ada", made)
	c := sessSetCookie(rec, "session")
	if c == nil || c.Value == made.Value {
		t.Fatalf("the server adopted a session ID it never issued: Set-Cookie %v", c)
	}
	if _, found, _ := store.Load(context.Background(), made.Value); found {
		t.Error("the client's made-up ID is in the store")
	}
}

// TestSessionsCookieBeforeBody: the handler writes its body, and flushes
// it, before the middleware regains control; the cookie still goes out.
func TestSessionsCookieBeforeBody(t *testing.T) {
	h := Sessions(SessionOptions{Store: NewMemoryStore(10), Insecure: true})(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			SessionFrom(r.Context()).Set("cart", "3 apples")
			w.Write(bytes.Repeat([]byte("x"), 64<<10))
			http.NewResponseController(w).Flush()
		}))
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	if len(resp.Cookies()) != 1 {
		t.Errorf("after the handler wrote and flushed its body, Set-Cookie = %q, want the session cookie", resp.Header.Values("Set-Cookie"))
	}
}

// TestSessionsLateChange: a change made after the header was sent is saved
// when the client already holds the ID, and dropped when it does not.
func TestSessionsLateChange(t *testing.T) {
	var logs bytes.Buffer
	store := NewMemoryStore(10)
	opts := SessionOptions{Store: store, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	h := Sessions(opts)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := SessionFrom(r.Context())
		io.WriteString(w, "body first")
		s.Set("seen", r.URL.Path)
	}))
	rec := sessServe(h, "/new")
	if line := rec.Header().Get("Set-Cookie"); line != "" || store.Len() != 0 {
		t.Errorf("a new session begun after the header: Set-Cookie %q, %d stored; want none", line, store.Len())
	}
	if !strings.Contains(logs.String(), "too late") {
		t.Errorf("the dropped session was not logged: %q", logs.String())
	}

	c := sessSetCookie(sessServe(Sessions(opts)(sessApp()), "/set?k=seen&v=early"), "session")
	sessServe(h, "/late", c)
	if body := sessServe(Sessions(opts)(sessApp()), "/get?k=seen", c).Body.String(); body != "/late" {
		t.Errorf("a change to an existing session after the header: seen = %q, want \"/late\"", body)
	}
}

// TestSessionsLifetimeBeatsLaxStore: a store that keeps sessions forever
// does not make them immortal; the middleware checks the times itself.
// sessLaxStore ignores expiry.

// sessCountingStore counts Saves and can be made to fail.

func TestSessionsSigned(t *testing.T) {
	signer := signerForTest(t, signerTestKey(t))
	store := NewMemoryStore(10)
	h := Sessions(SessionOptions{Store: store, Signer: signer})(sessApp())
	c := sessSetCookie(sessServe(h, "/login?user=ada"), "session")
	id, err := signer.Verify("session", c.Value)
	if err != nil || !validSessionID(id) {
		t.Fatalf("signed session cookie %q: Verify = %q, %v", c.Value, id, err)
	}
	if body := sessServe(h, "/whoami", c).Body.String(); body != "ada" {
		t.Errorf("/whoami with the signed cookie = %q", body)
	}
	// The bare ID, without its signature, is refused.
	bare := &http.Cookie{Name: "session", Value: id}
	if body := sessServe(h, "/whoami", bare).Body.String(); body != "anonymous" {
		t.Errorf("/whoami with the unsigned ID = %q, want \"anonymous\"", body)
	}
}

func TestSessionsDestroyThenSet(t *testing.T) {
	store := NewMemoryStore(10)
	h := Sessions(SessionOptions{Store: store})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := SessionFrom(r.Context())
		s.Destroy()
		s.Set("flash", "signed out")
	}))
	old := sessSetCookie(sessServe(Sessions(SessionOptions{Store: store})(sessApp()), "/login?user=ada"), "session")
	c := sessSetCookie(sessServe(h, "/", old), "session")
	if c == nil || c.Value == old.Value || c.MaxAge <= 0 {
		t.Fatalf("a value set after Destroy: cookie %v, want a new session", c)
	}
	if _, found, _ := store.Load(context.Background(), old.Value); found {
		t.Error("the destroyed session is still stored")
	}
}

func TestSessionsPanicSavesNothing(t *testing.T) {
	store := NewMemoryStore(10)
	recoverer := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if recover() != nil {
					w.WriteHeader(500)
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
	h := Chain(recoverer, Sessions(SessionOptions{Store: store}))(http.HandlerFunc(
		func(w http.ResponseWriter, r *http.Request) {
			SessionFrom(r.Context()).Set("half", "done")
			panic("boom")
		}))
	rec := sessServe(h, "/")
	if rec.Code != 500 || rec.Header().Get("Set-Cookie") != "" || store.Len() != 0 {
		t.Errorf("after a panic: status %d, Set-Cookie %q, %d stored; want 500, nothing saved",
			rec.Code, rec.Header().Get("Set-Cookie"), store.Len())
	}
}

func TestSessionFromWithoutMiddleware(t *testing.T) {
	if s := SessionFrom(context.Background()); s != nil {
		t.Errorf("SessionFrom(a bare context) = %v, want nil", s)
	}
}

func TestSessionsPanicsOnBadOptions(t *testing.T) {
	for _, opts := range []SessionOptions{
		{},
		{Store: NewMemoryStore(1), IdleTimeout: -1},
		{Store: NewMemoryStore(1), Lifetime: -1},
		{Store: NewMemoryStore(1), SameSite: http.SameSiteNoneMode, Insecure: true},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Sessions(%+v) did not panic", opts)
				}
			}()
			Sessions(opts)
		}()
	}
}

func ExampleSessions() {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /login", func(w http.ResponseWriter, r *http.Request) {
		// ... check the password first ...
		s := SessionFrom(r.Context())
		s.Renew() // a new ID for the new privileges
		s.Set("user", "ada")
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		user, ok := SessionFrom(r.Context()).Get("user")
		fmt.Fprintln(w, user, ok)
	})
	h := Sessions(SessionOptions{Store: NewMemoryStore(10_000)})(mux)

	login := httptest.NewRecorder()
	h.ServeHTTP(login, httptest.NewRequest("POST", "/login", nil))
	c := login.Result().Cookies()[0]
	fmt.Println(c.Name, c.HttpOnly, c.Secure, c.SameSite == http.SameSiteLaxMode)

	home := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/", nil)
	req.AddCookie(c)
	h.ServeHTTP(home, req)
	fmt.Print(home.Body.String())
	// Output:
	// session true true true
	// ada true
}

func TestSessionID(t *testing.T) {
	var before, after string
	h := Sessions(SessionOptions{Store: NewMemoryStore(10)})(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s := SessionFrom(r.Context())
		before = s.ID()
		s.Renew()
		after = s.ID()
	}))
	c := sessSetCookie(sessServe(h, "/"), "session")
	if before != "" || after == "" || c == nil || c.Value != after {
		t.Errorf("ID() = %q before Renew and %q after, cookie %v; want \"\", then the cookie's value", before, after, c)
	}
}

// TestSessionsValuesAreUTF8 pins down what Set documents: the record is
// JSON, and invalid UTF-8 does not survive it.
func TestSessionsValuesAreUTF8(t *testing.T) {
	store := NewMemoryStore(10)
	h := Sessions(SessionOptions{Store: store})(sessApp())
	c := sessSetCookie(sessServe(h, "/set?k=a&v=%C3%A9t%C3%A9%FF"), "session")
	if body := sessServe(h, "/get?k=a", c).Body.String(); body != "été\uFFFD" {
		t.Errorf("a value with a stray 0xFF came back as %q, want \"été\\uFFFD\"", body)
	}
}

// FuzzSessionsCookie sends any cookie value: the middleware must never
// fail the request, never adopt the value as an ID, and never panic.
func FuzzSessionsCookie(f *testing.F) {
	store := NewMemoryStore(100)
	signer := signerForTest(f, bytes.Repeat([]byte{1}, MinKeyLen))
	plain := Sessions(SessionOptions{Store: store})(sessApp())
	signed := Sessions(SessionOptions{Store: store, Signer: signer})(sessApp())
	f.Add(newSessionID())
	f.Add(signer.Sign("session", newSessionID()))
	f.Add("")
	f.Add("a.b")
	f.Fuzz(func(t *testing.T, value string) {
		for _, h := range []http.Handler{plain, signed} {
			req := httptest.NewRequest("GET", "/set?k=a&v=b", nil)
			req.Header.Set("Cookie", "session="+value)
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != 200 {
				t.Fatalf("cookie %q: status %d", value, rec.Code)
			}
			c := sessSetCookie(rec, "session")
			if c == nil || c.Value == value {
				t.Fatalf("cookie %q: Set-Cookie %v, want a new session", value, c)
			}
		}
	})
}

// TestSessionsKeepsTheRoute puts Sessions between AccessLog and the mux:
// the access log must still see the route the mux matched.
func TestSessionsKeepsTheRoute(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {})
	var pattern string
	outer := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			next.ServeHTTP(w, r)
			pattern = r.Pattern
		})
	}
	h := Chain(outer, Sessions(SessionOptions{Store: NewMemoryStore(10)}))(mux)
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/items/3", nil))
	if pattern != "GET /items/{id}" {
		t.Fatalf("the middleware around Sessions saw Pattern %q, want %q", pattern, "GET /items/{id}")
	}
}
